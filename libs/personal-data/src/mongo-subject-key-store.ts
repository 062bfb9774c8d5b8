import { Binary, type Collection, type Db } from 'mongodb';
import type { KeyEncryptionKey, KeyEncryptionKeys } from './key-encryption-keys';
import { generateSubjectKeyMaterial, type SubjectKey } from './personal-data-cipher';
import type { ShreddedSubject, SubjectKeyStore } from './subject-key-store';
import { unwrapSubjectKey, wrapSubjectKey } from './subject-key-wrapping';

export const SUBJECT_KEYS_COLLECTION = 'subject_keys';

export type WrappedKeyDocument = { _id: string; keyId: string; kekId: string; wrapped: Binary; createdAt: string };
/** Before ADR 0011 keys were stored in clear; migrated to wrapped at start (KeyCustody). */
export type ClearKeyDocument = { _id: string; keyId: string; material: Binary; createdAt: string };
/** `rotationPending`: a stale copy of the key may still unwrap under a held KEK until the next rotation ends. */
export type ShreddedDocument = { _id: string; shredded: true; shreddedAt: string; rotationPending?: true };
export type SubjectKeyDocument = WrappedKeyDocument | ClearKeyDocument | ShreddedDocument;

export const subjectKeysOf = (db: Db): Collection<SubjectKeyDocument> => db.collection<SubjectKeyDocument>(SUBJECT_KEYS_COLLECTION);

/**
 * Subject keys in a MongoDB collection of their own, apart from the event log (and from every
 * read model), one document per data subject, each key wrapped under a key-encryption key held
 * outside the database (ADR 0011). Shredding replaces the document with the record of its
 * shredding; the rotation that follows destroys the KEK that any stale copy was wrapped under.
 */
export class MongoSubjectKeyStore implements SubjectKeyStore {
  private readonly keys: Collection<SubjectKeyDocument>;

  constructor(
    db: Db,
    private readonly keks: KeyEncryptionKeys,
    private readonly nowIso: () => string,
  ) {
    this.keys = subjectKeysOf(db);
  }

  async getOrCreateKey(subjectId: string): Promise<SubjectKey | ShreddedSubject> {
    const existing = await this.getKey(subjectId);
    if (existing) return existing;
    const keyId = `key-${subjectId}-1`;
    const material = generateSubjectKeyMaterial();
    const kek = await this.keks.current();
    const createdAt = this.nowIso();
    try {
      await this.keys.insertOne({ _id: subjectId, keyId, kekId: kek.id, wrapped: new Binary(wrapSubjectKey(material, kek, { subjectId, keyId })), createdAt });
    } catch (error) {
      // Two first uses at once: the other one's key won; use it.
      if ((error as { code?: number }).code !== 11000) throw error;
      return (await this.getKey(subjectId))!;
    }
    // A rotation elsewhere may have retired this KEK after we read it and swept before our insert
    // landed: then the key would be wrapped under a destroyed KEK. Re-wrap it under the current one.
    if ((await this.keks.byId(kek.id)) === null) await this.rewrap({ _id: subjectId, keyId, createdAt }, material, kek.id);
    return { subjectId, keyId, material: new Uint8Array(material) };
  }

  async getKey(subjectId: string): Promise<SubjectKey | ShreddedSubject | null> {
    const document = await this.keys.findOne({ _id: subjectId });
    if (!document) return null;
    if ('shredded' in document) return { shredded: true, subjectId, shreddedAt: document.shreddedAt };
    if ('material' in document) return { subjectId, keyId: document.keyId, material: new Uint8Array(document.material.buffer) };
    return { subjectId, keyId: document.keyId, material: await this.unwrap(document) };
  }

  async destroyKey(subjectId: string): Promise<ShreddedSubject> {
    const existing = await this.getKey(subjectId);
    if (existing && 'shredded' in existing) return existing;
    const shreddedAt = this.nowIso();
    // Replace (not update) so no field of the key survives in the document.
    await this.keys.replaceOne({ _id: subjectId, shredded: { $ne: true } }, { shredded: true, shreddedAt, rotationPending: true }, { upsert: !existing });
    const after = await this.getKey(subjectId);
    return after && 'shredded' in after ? after : { shredded: true, subjectId, shreddedAt };
  }

  /** The subject key in clear, for re-wrapping; throws if its KEK is gone (a key lost: never expected). */
  async unwrap(document: WrappedKeyDocument, retained?: KeyEncryptionKey): Promise<Uint8Array> {
    const label = { subjectId: document._id, keyId: document.keyId, kekId: document.kekId };
    const kek = retained ?? (await this.keks.byId(document.kekId));
    if (!kek) throw new Error(`KEK ${document.kekId} of subject ${document._id}'s key is no longer held: the key cannot be unwrapped`);
    return unwrapSubjectKey(document.wrapped.buffer, kek, label);
  }

  /** Wraps the key under the current KEK, if its document still holds it wrapped under `fromKekId` (null: in clear). */
  async rewrap(document: KeyRecord, material: Uint8Array, fromKekId: string | null): Promise<void> {
    await this.rewrapAll([{ document, material, fromKekId }]);
  }

  /** `rewrap` for many keys in one bulk write (a rotation re-wraps every live key). */
  async rewrapAll(entries: { document: KeyRecord; material: Uint8Array; fromKekId: string | null }[]): Promise<void> {
    if (entries.length === 0) return;
    const kek = await this.keks.current();
    await this.keys.bulkWrite(
      entries.map(({ document, material, fromKekId }) => ({
        replaceOne: {
          filter: { _id: document._id, ...(fromKekId === null ? { material: { $exists: true } } : { kekId: fromKekId }) },
          replacement: { keyId: document.keyId, kekId: kek.id, wrapped: new Binary(wrapSubjectKey(material, kek, { subjectId: document._id, keyId: document.keyId })), createdAt: document.createdAt },
        },
      })),
      { ordered: false },
    );
  }
}

type KeyRecord = { _id: string; keyId: string; createdAt: string };
