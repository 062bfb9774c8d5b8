import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './mongo-errors';
import { LEASES, LeaseRecord } from './records';

/**
 * Leases make one process at a time run a projection. A lease is a document with an owner and an
 * expiry; the holder renews it well before it expires, and any process may take it once expired.
 * Expiry uses each process's wall clock, so clocks must agree to within a fraction of the TTL.
 * Losing a lease while still writing is safe (every write is idempotent and monotone by position);
 * leases exist to avoid doing the work twice, not to keep it correct.
 */
export interface LeaseView {
  owner: string;
  expiresAt: Date;
  held: boolean;
}

export class LeaseStore {
  private readonly leases: Collection<LeaseRecord>;

  constructor(db: Db) {
    this.leases = db.collection<LeaseRecord>(LEASES);
  }

  /** Takes or renews the lease; false when another process holds it and it has not expired. */
  async acquire(id: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    try {
      const result = await this.leases.updateOne(
        { _id: id, $or: [{ owner }, { expiresAt: { $lte: now } }] },
        { $set: { owner, expiresAt: new Date(now.getTime() + ttlMs), renewedAt: now } },
        { upsert: true },
      );
      return result.matchedCount + result.upsertedCount > 0;
    } catch (error) {
      // The lease exists and is held by someone else: the upsert collided with it.
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Gives the lease up at once (graceful shutdown), so another process need not wait for expiry. */
  async release(id: string, owner: string): Promise<void> {
    await this.leases.updateOne({ _id: id, owner }, { $set: { expiresAt: new Date(0) } });
  }

  async find(id: string): Promise<LeaseRecord | null> {
    return this.leases.findOne({ _id: id });
  }

  /** The lease as a status reports it (a projection's or a reaction's): its owner, expiry, and whether it is still held. */
  async view(id: string): Promise<LeaseView | null> {
    const lease = await this.find(id);
    return lease ? { owner: lease.owner, expiresAt: lease.expiresAt, held: lease.expiresAt.getTime() > Date.now() } : null;
  }
}
