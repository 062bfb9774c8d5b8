/**
 * The change writer against the embedded MongoDB-compatible server: the shortcuts that skip the
 * per-batch read (documents the track wrote itself, blind replace/delete) give the same documents
 * as reading first, under replays and under another writer.
 */
import { MongoClient } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import { startTestReadStore } from '../../../../test/custody/support/embedded-read-store.fixture';
import { changeMarker } from '../definition/position';
import { remove, replace, upsert } from '../definition/projection-definition';
import { KnownDocuments, MARKER_FIELD, MarkedChange, writeChanges } from './change-writer';

jest.setTimeout(30_000);

const at = (commit: number, index = 0) => changeMarker({ commit: BigInt(commit), prepare: BigInt(commit) }, index);
const marked = (change: MarkedChange['change'], commit: number): MarkedChange => ({ change, marker: at(commit) });

describe('writeChanges against the embedded read store', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let db: Db;
  let n = 0;
  /** The writer's reads (`find` by `_id`) per collection: which writes read first. */
  const finds = new Map<string, number>();

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri, { monitorCommands: true });
    mongo.on('commandStarted', (event) => {
      if (event.commandName === 'find' && event.command.filter?._id) finds.set(event.command.find, (finds.get(event.command.find) ?? 0) + 1);
    });
    db = mongo.db('writer');
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
  });

  const fresh = (): Collection => db.collection(`c${++n}`);
  const write = (collection: Collection, changes: MarkedChange[], known?: KnownDocuments) => writeChanges(db, new Map([[collection.collectionName, changes]]), known);
  const contents = async (collection: Collection) => collection.find({}, { sort: { _id: 1 } }).toArray();

  it('writes replaces and deletes blind, and a replay (whole or older) changes nothing', async () => {
    const c = fresh();
    await write(c, [marked(replace(c.collectionName, 'a', { v: 1 }), 1), marked(replace(c.collectionName, 'b', { v: 1 }), 2)]);
    await write(c, [marked(replace(c.collectionName, 'a', { v: 2 }), 3), marked(remove(c.collectionName, 'b'), 4)]);
    const after = await contents(c);
    expect(after).toEqual([{ _id: 'a', v: 2, [MARKER_FIELD]: at(3) }]);
    // Replays after a crash: the first batch again (older markers), then the second again.
    await write(c, [marked(replace(c.collectionName, 'a', { v: 1 }), 1), marked(replace(c.collectionName, 'b', { v: 1 }), 2)]);
    expect(await contents(c)).toEqual([...after, { _id: 'b', v: 1, [MARKER_FIELD]: at(2) }]); // b was deleted at 4: a replay of 2 writes it again…
    await write(c, [marked(replace(c.collectionName, 'a', { v: 2 }), 3), marked(remove(c.collectionName, 'b'), 4)]);
    expect(await contents(c)).toEqual(after); // …and the replay of 4 deletes it again: the end state is the same
  });

  it('takes a document it wrote from memory, and rereads it when someone else wrote it meanwhile', async () => {
    const c = fresh();
    const known = new KnownDocuments();
    await write(c, [marked(upsert(c.collectionName, 'p', { $inc: { n: 1 } }), 1)], known);
    await write(c, [marked(upsert(c.collectionName, 'p', { $inc: { n: 1 } }), 2)], known);
    expect(await contents(c)).toEqual([{ _id: 'p', n: 2, [MARKER_FIELD]: at(2) }]);
    // Another writer (a lost lease, an operator) changes the document behind the track's back.
    await c.updateOne({ _id: 'p' as never }, { $set: { n: 10, [MARKER_FIELD]: at(5) } });
    await write(c, [marked(upsert(c.collectionName, 'p', { $inc: { n: 1 } }), 6)], known);
    expect(await contents(c)).toEqual([{ _id: 'p', n: 11, [MARKER_FIELD]: at(6) }]);
    // A replay of a change the document already has is skipped, from memory too.
    await write(c, [marked(upsert(c.collectionName, 'p', { $inc: { n: 1 } }), 6)], known);
    expect(await contents(c)).toEqual([{ _id: 'p', n: 11, [MARKER_FIELD]: at(6) }]);
  });

  it('gives the same documents with and without the shortcuts', async () => {
    const ids = ['a', 'b', 'c', 'd'];
    const batches: MarkedChange[][] = [];
    let commit = 1;
    for (let b = 0; b < 20; b++) {
      const batch: MarkedChange[] = [];
      for (let i = 0; i < 5; i++) {
        const id = ids[(b * 7 + i * 3) % ids.length]!;
        const pick = (b + i) % 4;
        const change =
          pick === 0
            ? replace('x', id, { v: commit })
            : pick === 1
              ? remove('x', id)
              : pick === 2
                ? upsert('x', id, { $inc: { n: 1 }, $set: { last: commit } })
                : upsert('x', id, { $push: { seen: commit } });
        batch.push({ change, marker: at(commit++) });
      }
      batches.push(batch);
    }
    const withShortcuts = fresh();
    const known = new KnownDocuments();
    for (const batch of batches)
      await write(
        withShortcuts,
        batch.map((m) => ({ ...m, change: { ...m.change, collection: withShortcuts.collectionName } })),
        known,
      );
    // Reference: one change per write and no memory of what was written.
    const reference = fresh();
    for (const batch of batches) {
      for (const m of batch) await write(reference, [{ ...m, change: { ...m.change, collection: reference.collectionName } }]);
    }
    expect(await contents(withShortcuts)).toEqual(await contents(reference));
  });

  it('inserts first while documents are mostly new, and redoes the ones that existed (replays included)', async () => {
    const c = fresh();
    const readsOf = () => finds.get(c.collectionName) ?? 0;
    const known = new KnownDocuments(10); // too small to remember: every id below is unknown to the track
    const batch = (from: number, count: number, commit: number): MarkedChange[] =>
      Array.from({ length: count }, (_, i) => ({ change: upsert(c.collectionName, `s${from + i}`, { $inc: { n: 1 }, $setOnInsert: { first: commit + i } }), marker: at(commit + i) }));
    // 300 new documents in three batches: the first reads (and finds nothing), the next two insert first.
    for (let b = 0; b < 3; b++) await write(c, batch(b * 100, 100, 1_000 + b * 100), known);
    expect(readsOf()).toBe(1);
    const after = await contents(c);
    expect(after).toHaveLength(300);
    // Half old documents changed by new events, while the odds still say "new": the old ones collide, are read and redone.
    await write(c, batch(250, 100, 2_000), known);
    expect(readsOf()).toBe(2);
    const redone = await contents(c);
    expect(redone).toHaveLength(350);
    expect(redone.find((d) => (d._id as unknown) === 's260')).toEqual({ _id: 's260', n: 2, first: 1_260, [MARKER_FIELD]: at(2_010) });
    expect(redone.find((d) => (d._id as unknown) === 's320')).toEqual({ _id: 's320', n: 1, first: 2_070, [MARKER_FIELD]: at(2_070) });
    // A replay of that batch (a crash before its checkpoint) changes nothing; the odds now say "read first".
    await write(c, batch(250, 100, 2_000), known);
    expect(await contents(c)).toEqual(redone);
    expect(readsOf()).toBe(3);
  });
});
