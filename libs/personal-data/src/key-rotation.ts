import type { Collection, Db } from 'mongodb';
import type { KeyEncryptionKey, KeyEncryptionKeys } from './key-encryption-keys';
import { subjectKeysOf, type ClearKeyDocument, type MongoSubjectKeyStore, type SubjectKeyDocument, type WrappedKeyDocument } from './mongo-subject-key-store';

const BATCH = 500;

export interface RotationOutcome {
  kekId: string;
  retired: string[];
  rewrapped: number;
}

/** Why a rotation is due now, if it is. */
export type RotationReason = 'interrupted' | 'erasure' | 'schedule';

/**
 * KEK rotation (ADR 0011): a fresh KEK becomes current, every live subject key is re-wrapped under
 * it, then the old KEKs are destroyed, so every stale copy of a wrapped key (an erased subject's,
 * in freed pages, a journal or an oplog) stops unwrapping. The keyring keeps old and new until
 * every record is re-wrapped: a rotation killed at any point loses no live key and resumes at
 * the next start.
 */
export class KeyRotation {
  private readonly keys: Collection<SubjectKeyDocument>;

  constructor(
    db: Db,
    private readonly store: MongoSubjectKeyStore,
    private readonly keks: KeyEncryptionKeys,
    private readonly nowIso: () => string,
  ) {
    this.keys = subjectKeysOf(db);
  }

  async rotate(): Promise<RotationOutcome | 'skipped'> {
    return this.keks.withRotationLock(async () => {
      // More than one KEK held: a rotation was interrupted; finish it rather than start another.
      // Finishing covers no erasure (a key erased meanwhile may have been wrapped under the KEK that
      // stays current), so the next tick rotates again for those. A fresh rotation covers the
      // erasures recorded before its new KEK existed: none of their keys can be wrapped under it.
      const resuming = (await this.keks.all()).length > 1;
      const covered = resuming ? [] : (await this.keys.find({ rotationPending: true }, { projection: { _id: 1 } }).toArray()).map((document) => document._id);
      if (!resuming) await this.keks.addCurrent(this.nowIso());
      const [current, ...retiring] = await this.keks.all();
      const retiringIds = retiring.map((kek) => kek.id);
      const held = new Map(retiring.map((kek) => [kek.id, kek]));
      let rewrapped = await this.rewrapUnder(retiringIds, held);
      await this.keks.retireAllButCurrent();
      // A process that wrapped a new key under a retiring KEK just before the retirement landed:
      // we still hold that KEK in memory (`held`) for one more sweep; one after it re-wraps itself.
      rewrapped += await this.rewrapUnder(retiringIds, held);
      if (covered.length > 0) await this.keys.updateMany({ _id: { $in: covered } }, { $unset: { rotationPending: '' } });
      return { kekId: current.id, retired: retiringIds, rewrapped };
    });
  }

  /** Lets `due` find pending erasures, and a rotation the keys under a KEK, without a scan. */
  async prepare(): Promise<void> {
    await this.keys.createIndex({ rotationPending: 1 });
    await this.keys.createIndex({ kekId: 1 });
  }

  /** Keys stored in clear before ADR 0011: wrap them and drop the clear copy from the live document. */
  async migrateClearKeys(): Promise<number> {
    let migrated = 0;
    for (;;) {
      const batch = (await this.keys
        .find({ material: { $exists: true } })
        .limit(BATCH)
        .toArray()) as ClearKeyDocument[];
      if (batch.length === 0) return migrated;
      await this.store.rewrapAll(batch.map((document) => ({ document, material: new Uint8Array(document.material.buffer), fromKekId: null })));
      migrated += batch.length;
    }
  }

  /** Interrupted, or an erasure no rotation has covered yet, or the current KEK older than `maxAgeMs`. */
  async due(maxAgeMs: number): Promise<RotationReason | null> {
    const ring = await this.keks.all();
    if (ring.length > 1) return 'interrupted';
    const current = ring[0];
    if (await this.keys.findOne({ rotationPending: true }, { projection: { _id: 1 } })) return 'erasure';
    return Date.parse(this.nowIso()) - Date.parse(current.createdAt) >= maxAgeMs ? 'schedule' : null;
  }

  private async rewrapUnder(kekIds: string[], held: Map<string, KeyEncryptionKey>): Promise<number> {
    if (kekIds.length === 0) return 0;
    let rewrapped = 0;
    for (;;) {
      const batch = (await this.keys
        .find({ kekId: { $in: kekIds } })
        .limit(BATCH)
        .toArray()) as WrappedKeyDocument[];
      if (batch.length === 0) return rewrapped;
      const entries = [];
      for (const document of batch) entries.push({ document, material: await this.store.unwrap(document, held.get(document.kekId)), fromKekId: document.kekId });
      await this.store.rewrapAll(entries);
      rewrapped += batch.length;
    }
  }
}
