/**
 * The embedded MongoDB-compatible server's storage, on LMDB (see docs/adr/0003-embedded-readstore.md).
 *
 * One LMDB environment, three databases:
 *   documents  [collection id u32][encoded _id]                      -> the document's BSON bytes
 *   indexes    [index id u32][encoded key fields...][encoded _id]     -> [collection id][encoded _id]
 *   catalog    "<db>.<collection>"                                    -> CollectionMeta
 * The `documents` key order is the `_id` index; secondary index keys are order-preserving
 * encodings (key-encoding.ts), so equality and range predicates and sorts are LMDB range scans.
 *
 * Every write command runs in ONE synchronous LMDB transaction (all-or-nothing, copy-on-write), and
 * is acknowledged only after it committed. Commits go to the shared file mapping without a device
 * flush (`noSync` + `writemap`, as the embedded event store's default 'process' durability), so an
 * acknowledged write survives kill -9 of the server, not a power cut; `fsync` flushes every commit.
 *
 * Scans read in chunks of fresh range reads that resume after the last key, so a cursor never
 * holds an LMDB read transaction between getMores and memory stays flat however large a collection.
 */
import { open, Database, RootDatabase } from 'lmdb';
import { randomUUID } from 'node:crypto';
import { CollectionMeta, IndexSpec, namespaceOf } from './catalog';
import { encodeKey, prefixEnd } from './key-encoding';

export type Durability = 'process' | 'fsync';

export interface DocumentStoreOptions {
  dataDir: string;
  durability?: Durability;
}

export interface KeyRange {
  /** Inclusive lower bound (full key, including the collection or index prefix). */
  start: Buffer;
  /** Exclusive upper bound. */
  end: Buffer;
}

/** Scans read chunks of FIRST_CHUNK entries, growing to CHUNK: a page of 50 does not read 256. */
const FIRST_CHUNK = 32;
const CHUNK = 256;

export class DocumentStore {
  private readonly root: RootDatabase;
  private readonly documents: Database<Buffer, Buffer>;
  private readonly indexEntries: Database<Buffer, Buffer>;
  private readonly catalog: Database<CollectionMeta, string>;
  private collections = new Map<string, CollectionMeta>();
  private dirty = new Set<string>();
  /** Collections whose count or size this transaction changed (their catalog entries are rewritten at commit). */
  private readonly counted = new Set<CollectionMeta>();
  private nextId = 1;
  private inWrite = false;

  constructor(options: DocumentStoreOptions) {
    const processDurable = (options.durability ?? 'process') === 'process';
    this.root = open({ path: options.dataDir, maxDbs: 8, noSync: processDurable, useWritemap: processDurable });
    this.documents = this.root.openDB<Buffer, Buffer>('documents', { keyEncoding: 'binary', encoding: 'binary' });
    this.indexEntries = this.root.openDB<Buffer, Buffer>('indexes', { keyEncoding: 'binary', encoding: 'binary' });
    this.catalog = this.root.openDB<CollectionMeta, string>('catalog', {});
    this.loadCatalog();
  }

  private loadCatalog(): void {
    this.collections = new Map();
    this.dirty = new Set();
    let maxId = 0;
    for (const { key, value } of this.catalog.getRange({})) {
      this.collections.set(key, value);
      maxId = Math.max(maxId, value.id, ...value.indexes.map((i) => i.id));
    }
    this.nextId = maxId + 1;
  }

  /** Runs `work` in one write transaction; acknowledged (returns) only once committed. */
  write<T>(work: () => T): T {
    if (this.inWrite) return work();
    this.inWrite = true;
    try {
      return this.root.transactionSync(() => {
        const result = work();
        for (const meta of this.counted) {
          const ns = namespaceOf(meta.db, meta.name);
          if (this.collections.get(ns) === meta) this.dirty.add(ns);
        }
        this.counted.clear();
        for (const ns of this.dirty) {
          const meta = this.collections.get(ns);
          if (meta) this.catalog.putSync(ns, meta);
          else this.catalog.removeSync(ns);
        }
        this.dirty.clear();
        return result;
      });
    } catch (error) {
      // the transaction was aborted: forget in-memory changes that described it
      this.counted.clear();
      this.loadCatalog();
      throw error;
    } finally {
      this.inWrite = false;
    }
  }

  // ---- catalog -------------------------------------------------------------------------------

  collection(db: string, name: string): CollectionMeta | undefined {
    return this.collections.get(namespaceOf(db, name));
  }

  allCollections(): CollectionMeta[] {
    return [...this.collections.values()];
  }

  createCollection(db: string, name: string, options: Record<string, unknown> = {}): CollectionMeta {
    this.assertWriting();
    const meta: CollectionMeta = { id: this.allocateId(), db, name, uuid: randomUUID().replace(/-/g, ''), options, indexes: [], count: 0, bytes: 0 };
    this.putMeta(meta);
    return meta;
  }

  /** Writes the (changed) collection metadata at the end of the current transaction. */
  putMeta(meta: CollectionMeta): void {
    this.collections.set(namespaceOf(meta.db, meta.name), meta);
    this.dirty.add(namespaceOf(meta.db, meta.name));
  }

  renameCollection(meta: CollectionMeta, db: string, name: string): void {
    this.assertWriting();
    const from = namespaceOf(meta.db, meta.name);
    this.collections.delete(from);
    this.dirty.add(from);
    meta.db = db;
    meta.name = name;
    this.putMeta(meta);
  }

  dropCollection(meta: CollectionMeta): void {
    this.assertWriting();
    for (const index of meta.indexes) this.clearIndex(index);
    this.removeRange(this.documents, collectionRange(meta));
    const ns = namespaceOf(meta.db, meta.name);
    this.collections.delete(ns);
    this.dirty.add(ns);
  }

  allocateId(): number {
    return this.nextId++;
  }

  // ---- documents -----------------------------------------------------------------------------

  primaryKey(meta: CollectionMeta, id: unknown): Buffer {
    return encodeKey(meta.id, [id]);
  }

  getDocument(primaryKey: Buffer): Buffer | undefined {
    return this.documents.get(primaryKey);
  }

  putDocument(meta: CollectionMeta, primaryKey: Buffer, bytes: Buffer, previous?: Buffer): void {
    this.assertWriting();
    this.documents.putSync(primaryKey, bytes);
    this.count(meta, previous ? 0 : 1, bytes.length - (previous?.length ?? 0));
  }

  /**
   * Stores a document under a primary key no document holds yet, in one B-tree descent (LMDB's
   * no-overwrite put) instead of a lookup and a put; false, having written nothing, when the key is taken.
   */
  putNewDocument(meta: CollectionMeta, primaryKey: Buffer, bytes: Buffer): boolean {
    this.assertWriting();
    // lmdb-js returns whether the put happened; its typings say void (write.js: putSync).
    const written = this.documents.putSync(primaryKey, bytes, { noOverwrite: true }) as unknown as boolean;
    if (!written) return false;
    this.count(meta, 1, bytes.length);
    return true;
  }

  removeDocument(meta: CollectionMeta, primaryKey: Buffer, previous: Buffer): void {
    this.assertWriting();
    this.documents.removeSync(primaryKey);
    this.count(meta, -1, -previous.length);
  }

  private count(meta: CollectionMeta, documents: number, bytes: number): void {
    meta.count += documents;
    meta.bytes += bytes;
    this.counted.add(meta);
  }

  /** Documents in `_id` order (or reverse) within a range of primary keys. */
  *scanDocuments(range: KeyRange, reverse = false): Generator<{ key: Buffer; value: Buffer }> {
    yield* scanChunked(this.documents, range, reverse);
  }

  // ---- secondary indexes ---------------------------------------------------------------------

  putIndexEntry(entryKey: Buffer, primaryKey: Buffer): void {
    this.assertWriting();
    this.indexEntries.putSync(entryKey, primaryKey);
  }

  removeIndexEntry(entryKey: Buffer): void {
    this.assertWriting();
    this.indexEntries.removeSync(entryKey);
  }

  /** Index entries in key order (or reverse) within a range. */
  *scanIndex(range: KeyRange, reverse = false): Generator<{ key: Buffer; value: Buffer }> {
    yield* scanChunked(this.indexEntries, range, reverse);
  }

  /** Primary keys of entries whose key starts with `prefix` (for unique checks), at most `limit`. */
  entriesWithPrefix(prefix: Buffer, limit: number): Buffer[] {
    return Array.from(this.indexEntries.getRange({ start: prefix, end: prefixEnd(prefix), limit }), ({ value }) => value);
  }

  clearIndex(index: IndexSpec): void {
    this.assertWriting();
    this.removeRange(this.indexEntries, { start: u32(index.id), end: u32(index.id + 1) });
  }

  async close(): Promise<void> {
    await this.root.flushed;
    await this.root.close();
  }

  private removeRange(db: Database<Buffer, Buffer>, range: KeyRange): void {
    for (const key of Array.from(db.getKeys({ start: range.start, end: range.end }))) db.removeSync(key);
  }

  private assertWriting(): void {
    if (!this.inWrite) throw new Error('storage writes must run inside DocumentStore.write()');
  }
}

export function u32(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value, 0);
  return out;
}

export const collectionRange = (meta: CollectionMeta): KeyRange => ({ start: u32(meta.id), end: u32(meta.id + 1) });

function* scanChunked(db: Database<Buffer, Buffer>, range: KeyRange, reverse: boolean): Generator<{ key: Buffer; value: Buffer }> {
  if (Buffer.compare(range.start, range.end) >= 0) return;
  // forwards: [lower, upper); backwards LMDB takes start = upper (inclusive) and end = lower (exclusive)
  let lower = range.start;
  let upper = range.end;
  let skip: Buffer | undefined = reverse ? range.end : undefined;
  for (let size = FIRST_CHUNK; ; size = Math.min(size * 4, CHUNK)) {
    const chunk = reverse ? Array.from(db.getRange({ start: upper, end: lower, reverse: true, limit: size })) : Array.from(db.getRange({ start: lower, end: upper, limit: size }));
    for (const entry of chunk) {
      if (skip && entry.key.equals(skip)) continue;
      yield entry;
    }
    if (chunk.length < size) return;
    const last = chunk[chunk.length - 1]!.key;
    if (reverse) {
      upper = last;
      skip = last;
    } else {
      lower = Buffer.concat([last, Buffer.of(0)]); // the smallest key after `last`
    }
  }
}
