import type { Collection, Db } from 'mongodb';
import type { HeadStore, StoredHead } from './chain-audit';
import { STREAM_HEADS, StreamHeadRecord } from './integrity-records';

/** The incremental verifier's per-stream heads, in MongoDB: read and written once per page of `$all`. */
export class MongoHeadStore implements HeadStore {
  private readonly heads: Collection<StreamHeadRecord>;

  constructor(db: Db) {
    this.heads = db.collection<StreamHeadRecord>(STREAM_HEADS);
  }

  async load(streams: string[]): Promise<Map<string, StoredHead>> {
    const found = new Map<string, StoredHead>();
    if (streams.length === 0) return found;
    for (const record of await this.heads.find({ _id: { $in: streams } }).toArray()) {
      found.set(record._id, record.bad ? 'bad' : { revision: BigInt(record.r), hash: record.h });
    }
    return found;
  }

  async save(heads: Map<string, StoredHead>): Promise<void> {
    if (heads.size === 0) return;
    await this.heads.bulkWrite(
      [...heads].map(([stream, head]) => ({
        replaceOne: { filter: { _id: stream }, replacement: head === 'bad' ? { r: '', h: '', bad: true as const } : { r: String(head.revision), h: head.hash }, upsert: true },
      })),
      { ordered: false },
    );
  }
}
