import type { SubjectKey } from './personal-data-cipher';

/** What is left of a subject after crypto-shredding: the fact and the time, never the key. */
export interface ShreddedSubject {
  shredded: true;
  subjectId: string;
  shreddedAt: string;
}

/**
 * Port: where subject keys live, apart from the event log (a MongoDB collection first; a KMS can
 * replace it). Destroying a key is the erasure: every envelope sealed with it becomes noise.
 * Implementations must make destroyKey final (no later getOrCreateKey may bring a key back for
 * that subject) and idempotent (a second call answers the first shredding time).
 */
export interface SubjectKeyStore {
  /** The subject's key, created on first use; a shredded subject gets no new key. */
  getOrCreateKey(subjectId: string): Promise<SubjectKey | ShreddedSubject>;
  /** The subject's key, the record of its shredding, or null if the subject never had one. */
  getKey(subjectId: string): Promise<SubjectKey | ShreddedSubject | null>;
  /** Destroys the key and records when; answers the shredding record. */
  destroyKey(subjectId: string): Promise<ShreddedSubject>;
}

export const SUBJECT_KEY_STORE = Symbol('SUBJECT_KEY_STORE');

export const isShredded = (entry: SubjectKey | ShreddedSubject | null): entry is ShreddedSubject => entry !== null && 'shredded' in entry;
