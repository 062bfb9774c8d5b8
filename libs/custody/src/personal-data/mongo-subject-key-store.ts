import { Binary, type Collection, type Db } from 'mongodb';
import { generateSubjectKeyMaterial, type SubjectKey } from './personal-data-cipher';
import type { ShreddedSubject, SubjectKeyStore } from './subject-key-store';

export const SUBJECT_KEYS_COLLECTION = 'subject_keys';

type SubjectKeyDocument =
  | { _id: string; keyId: string; material: Binary; createdAt: string }
  | { _id: string; shredded: true; shreddedAt: string };

/**
 * Subject keys in a MongoDB collection of their own, apart from the event log (and from every
 * read model), one document per data subject. Shredding replaces the document with the record
 * of its shredding, so the key material is gone and no later call can bring a key back.
 */
export class MongoSubjectKeyStore implements SubjectKeyStore {
  private readonly keys: Collection<SubjectKeyDocument>;

  constructor(
    db: Db,
    private readonly nowIso: () => string,
  ) {
    this.keys = db.collection<SubjectKeyDocument>(SUBJECT_KEYS_COLLECTION);
  }

  async getOrCreateKey(subjectId: string): Promise<SubjectKey | ShreddedSubject> {
    const existing = await this.getKey(subjectId);
    if (existing) return existing;
    const keyId = `key-${subjectId}-1`;
    const material = generateSubjectKeyMaterial();
    try {
      await this.keys.insertOne({ _id: subjectId, keyId, material: new Binary(Buffer.from(material)), createdAt: this.nowIso() });
      return { subjectId, keyId, material: new Uint8Array(material) };
    } catch (error) {
      // Two first uses at once: the other one's key won; use it.
      if ((error as { code?: number }).code !== 11000) throw error;
      return (await this.getKey(subjectId))!;
    }
  }

  async getKey(subjectId: string): Promise<SubjectKey | ShreddedSubject | null> {
    const document = await this.keys.findOne({ _id: subjectId });
    if (!document) return null;
    if ('shredded' in document) return { shredded: true, subjectId, shreddedAt: document.shreddedAt };
    return { subjectId, keyId: document.keyId, material: new Uint8Array(document.material.buffer) };
  }

  async destroyKey(subjectId: string): Promise<ShreddedSubject> {
    const existing = await this.getKey(subjectId);
    if (existing && 'shredded' in existing) return existing;
    const shreddedAt = this.nowIso();
    // Replace (not update) so no field of the key survives in the document.
    await this.keys.replaceOne({ _id: subjectId, shredded: { $ne: true } }, { shredded: true, shreddedAt }, { upsert: !existing });
    const after = await this.getKey(subjectId);
    return after && 'shredded' in after ? after : { shredded: true, subjectId, shreddedAt };
  }
}
