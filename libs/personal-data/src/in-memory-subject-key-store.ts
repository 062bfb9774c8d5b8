import { randomUUID } from 'node:crypto';
import { generateSubjectKeyMaterial, type SubjectKey } from './personal-data-cipher';
import type { ShreddedSubject, SubjectKeyStore } from './subject-key-store';

/**
 * A SubjectKeyStore in process memory, for unit tests only: keys vanish with the process, which
 * would erase everyone's personal data on restart. The MongoDB store is the real one.
 */
export class InMemorySubjectKeyStore implements SubjectKeyStore {
  private readonly entries = new Map<string, SubjectKey | ShreddedSubject>();

  constructor(private readonly nowIso: () => string = () => new Date().toISOString()) {}

  async getOrCreateKey(subjectId: string): Promise<SubjectKey | ShreddedSubject> {
    const existing = this.entries.get(subjectId);
    if (existing) return existing;
    const key: SubjectKey = { subjectId, keyId: randomUUID(), material: generateSubjectKeyMaterial() };
    this.entries.set(subjectId, key);
    return key;
  }

  async getKey(subjectId: string): Promise<SubjectKey | ShreddedSubject | null> {
    return this.entries.get(subjectId) ?? null;
  }

  async destroyKey(subjectId: string): Promise<ShreddedSubject> {
    const existing = this.entries.get(subjectId);
    if (existing && 'shredded' in existing) return existing;
    if (existing) existing.material.fill(0);
    const shredded: ShreddedSubject = { shredded: true, subjectId, shreddedAt: this.nowIso() };
    this.entries.set(subjectId, shredded);
    return shredded;
  }
}
