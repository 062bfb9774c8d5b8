/**
 * Indexes: created, listed and dropped as MongoDB does; unique indexes enforced with MongoDB's
 * duplicate key error; equality, range and sorted queries use the index (explain shows how many
 * documents were examined, so a collection scan cannot hide).
 */
import { ContractTarget, createTarget, rejectionOf } from './support/target';

jest.setTimeout(60_000);

let target: ContractTarget;

beforeAll(async () => {
  target = await createTarget('indexes');
});
afterAll(async () => {
  await target?.close();
});

test('createIndex, listIndexes and dropIndex', async () => {
  const c = target.db.collection<any>('listed');
  expect(await c.createIndex({ parcelId: 1 }, { unique: true })).toBe('parcelId_1');
  expect(await c.createIndex({ hub: 1, at: -1 })).toBe('hub_1_at_-1');
  expect(await c.createIndex({ hub: 1, at: -1 })).toBe('hub_1_at_-1'); // idempotent
  const indexes = await c.listIndexes().toArray();
  expect(indexes.map(({ key, name, unique }) => ({ key, name, unique }))).toEqual([
    { key: { _id: 1 }, name: '_id_', unique: undefined },
    { key: { parcelId: 1 }, name: 'parcelId_1', unique: true },
    { key: { hub: 1, at: -1 }, name: 'hub_1_at_-1', unique: undefined },
  ]);
  await c.dropIndex('hub_1_at_-1');
  expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'parcelId_1']);
  const notFound = await rejectionOf(c.dropIndex('nope_1'));
  expect(notFound.code).toBe(27);
  expect(notFound.codeName).toBe('IndexNotFound');
  const idIndex = await rejectionOf(c.dropIndex('_id_'));
  expect(idIndex.code).toBe(72);
  const conflict = await rejectionOf(c.createIndex({ parcelId: 1 }, { name: 'other', unique: true }));
  expect(conflict.code).toBe(85);
  const missing = await rejectionOf(target.db.collection<any>('never-created').listIndexes().toArray());
  expect(missing.code).toBe(26);
});

test('a unique index refuses a duplicate with code 11000, errmsg, keyPattern and keyValue', async () => {
  const c = target.db.collection<any>('unique');
  await c.createIndex({ 'courier.email': 1, region: 1 }, { unique: true, name: 'courier_region' });
  await c.insertOne({ courier: { email: 'ana@x' }, region: 'north' });
  await c.insertOne({ courier: { email: 'ana@x' }, region: 'south' });
  const error = await rejectionOf(c.insertOne({ courier: { email: 'ana@x' }, region: 'north' }));
  expect(error.code).toBe(11000);
  expect(error.errmsg).toBe(`E11000 duplicate key error collection: ${target.db.databaseName}.unique index: courier_region dup key: { courier.email: "ana@x", region: "north" }`);
  expect(error.keyPattern).toEqual({ 'courier.email': 1, region: 1 });
  expect(error.keyValue).toEqual({ 'courier.email': 'ana@x', region: 'north' });
  // an update that would collide is refused too and changes nothing
  const update = await rejectionOf(c.updateOne({ region: 'south' }, { $set: { region: 'north' } }));
  expect(update.code).toBe(11000);
  expect(await c.countDocuments({ region: 'south' })).toBe(1);
  // a missing field is indexed as null: only one document may lack it
  await c.insertOne({ other: 1 });
  const nulls = await rejectionOf(c.insertOne({ other: 2 }));
  expect(nulls.code).toBe(11000);
  expect(nulls.keyValue).toEqual({ 'courier.email': null, region: null });
});

test('a unique index cannot be built over duplicates, and is then absent', async () => {
  const c = target.db.collection<any>('dups');
  await c.insertMany([{ k: 1 }, { k: 1 }]);
  const error = await rejectionOf(c.createIndex({ k: 1 }, { unique: true }));
  expect(error.code).toBe(11000);
  expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
});

describe('queries use indexes', () => {
  const N = 2_000;
  beforeAll(async () => {
    const c = target.db.collection<any>('planned');
    await c.insertMany(Array.from({ length: N }, (_, i) => ({ _id: i, parcelId: `p-${i}`, hub: `hub-${i % 10}`, at: new Date(1_700_000_000_000 + i * 1000), n: i })));
    await c.createIndex({ parcelId: 1 }, { unique: true });
    await c.createIndex({ hub: 1, at: -1 });
    await c.createIndex({ n: 1 });
  });

  const stats = async (cursor: { explain(verbosity: string): Promise<any> }) => (await cursor.explain('executionStats')).executionStats;

  test('equality on an indexed field examines only the match', async () => {
    const c = target.db.collection<any>('planned');
    const found = await c.find({ parcelId: 'p-1234' }).toArray();
    expect(found.map((d) => d._id)).toEqual([1234]);
    const s = await stats(c.find({ parcelId: 'p-1234' }));
    expect(s.nReturned).toBe(1);
    expect(s.totalDocsExamined).toBe(1);
  });

  test('a range on an indexed field examines only the range', async () => {
    const c = target.db.collection<any>('planned');
    expect(await c.countDocuments({ n: { $gte: 100, $lt: 150 } })).toBe(50);
    const s = await stats(c.find({ n: { $gte: 100, $lt: 150 } }));
    expect(s.nReturned).toBe(50);
    expect(s.totalDocsExamined).toBeLessThanOrEqual(51);
  });

  test('a filtered, sorted page reads one page of the compound index', async () => {
    const c = target.db.collection<any>('planned');
    const page = await c.find({ hub: 'hub-3' }).sort({ at: -1 }).limit(5).toArray();
    expect(page.map((d) => d._id)).toEqual([1993, 1983, 1973, 1963, 1953]);
    const s = await stats(c.find({ hub: 'hub-3' }).sort({ at: -1 }).limit(5));
    expect(s.totalDocsExamined).toBeLessThanOrEqual(5);
    const reversed = await c.find({ hub: 'hub-3' }).sort({ at: 1 }).limit(2).toArray();
    expect(reversed.map((d) => d._id)).toEqual([3, 13]);
  });

  test('$in on an indexed field and _id lookups examine only the matches', async () => {
    const c = target.db.collection<any>('planned');
    const s = await stats(c.find({ parcelId: { $in: ['p-1', 'p-2', 'p-3'] } }));
    expect(s.nReturned).toBe(3);
    expect(s.totalDocsExamined).toBe(3);
    const byId = await stats(c.find({ _id: 77 }));
    expect(byId.totalDocsExamined).toBe(1);
  });
});

test('updates keep index entries exact: old values find nothing, new and unchanged ones find the document once', async () => {
  const c = target.db.collection<any>('reindexed');
  await c.createIndex({ flags: 1 });
  await c.createIndex({ hub: 1, status: 1 });
  await c.insertMany([
    { _id: 'p1', flags: ['late', 'damaged'], hub: 'north', status: 'at-hub', n: 0 },
    { _id: 'p2', flags: ['late'], hub: 'north', status: 'at-hub', n: 0 },
  ]);
  await c.updateOne({ _id: 'p1' }, { $set: { flags: ['damaged', 'over-cap'], status: 'out' }, $inc: { n: 1 } });
  await c.replaceOne({ _id: 'p2' }, { flags: ['late'], hub: 'south', status: 'at-hub', n: 5 });
  const ids = async (filter: object, hint: string) => (await c.find(filter).hint(hint).toArray()).map((doc) => doc._id).sort();
  expect(await ids({ flags: 'late' }, 'flags_1')).toEqual(['p2']);
  expect(await ids({ flags: 'damaged' }, 'flags_1')).toEqual(['p1']);
  expect(await ids({ flags: 'over-cap' }, 'flags_1')).toEqual(['p1']);
  expect(await ids({ flags: { $in: ['damaged', 'over-cap'] } }, 'flags_1')).toEqual(['p1']);
  expect(await ids({ hub: 'north', status: 'at-hub' }, 'hub_1_status_1')).toEqual([]);
  expect(await ids({ hub: 'north', status: 'out' }, 'hub_1_status_1')).toEqual(['p1']);
  expect(await ids({ hub: 'south' }, 'hub_1_status_1')).toEqual(['p2']);
  // An update that changes no indexed field leaves them all in place.
  await c.updateOne({ _id: 'p2' }, { $inc: { n: 1 } });
  expect(await ids({ flags: 'late' }, 'flags_1')).toEqual(['p2']);
  expect(await ids({ hub: 'south', status: 'at-hub' }, 'hub_1_status_1')).toEqual(['p2']);
  // A scalar index whose field stays, then moves: 1 -> 1 (other fields change) -> 2 -> -0 -> 0.
  await c.createIndex({ rank: 1 });
  await c.updateOne({ _id: 'p1' }, { $set: { rank: 1 } });
  await c.replaceOne({ _id: 'p1' }, { flags: [], hub: 'east', status: 'out', rank: 1 });
  expect(await ids({ rank: 1 }, 'rank_1')).toEqual(['p1']);
  expect(await ids({ hub: 'east' }, 'hub_1_status_1')).toEqual(['p1']);
  await c.updateOne({ _id: 'p1' }, { $set: { rank: 2 } });
  expect(await ids({ rank: 1 }, 'rank_1')).toEqual([]);
  expect(await ids({ rank: 2 }, 'rank_1')).toEqual(['p1']);
  await c.updateOne({ _id: 'p1' }, { $set: { rank: -0 } });
  await c.updateOne({ _id: 'p1' }, { $set: { rank: 0 } });
  expect(await ids({ rank: 0 }, 'rank_1')).toEqual(['p1']);
  expect(await ids({ rank: { $gte: -1, $lte: 1 } }, 'rank_1')).toEqual(['p1']);
  expect(await ids({ rank: 2 }, 'rank_1')).toEqual([]);
});

test('tags that change, under the same scalars or moved ones, keep exact entries: gone tags find nothing, kept and new ones find the document once', async () => {
  const c = target.db.collection<any>('retagged');
  await c.createIndex({ tags: 1, at: 1, _id: 1 }, { name: 'tags_at' });
  await c.insertMany([
    { _id: 'p1', tags: ['*', 'courier:a', '*/holder=courier:a'], at: 1 },
    { _id: 'p2', tags: ['*', 'courier:b'], at: 2 },
  ]);
  // A stale entry would not show in the answer (the document is checked again), but as a document examined for nothing.
  const ids = async (tag: unknown) => {
    const found = (await c.find({ tags: tag }).hint('tags_at').sort({ at: 1, _id: 1 }).toArray()).map((doc) => doc._id);
    const { executionStats } = await c.find({ tags: tag }).hint('tags_at').sort({ at: 1, _id: 1 }).explain('executionStats');
    expect(executionStats.totalDocsExamined).toBe(found.length);
    return found;
  };
  // A handoff: one tag goes, one stays, two come (one of them twice in the array), the scalars stay.
  await c.replaceOne({ _id: 'p1' }, { tags: ['*', 'courier:b', '*/holder=courier:b', 'courier:b'], at: 1 });
  expect(await ids('courier:a')).toEqual([]);
  expect(await ids('*/holder=courier:a')).toEqual([]);
  expect(await ids('courier:b')).toEqual(['p1', 'p2']);
  expect(await ids('*/holder=courier:b')).toEqual(['p1']);
  expect(await ids('*')).toEqual(['p1', 'p2']);
  // The same tags in another order change nothing; then the scalar moves with them (every entry is rewritten).
  await c.updateOne({ _id: 'p1' }, { $set: { tags: ['courier:b', '*/holder=courier:b', '*'] } });
  expect(await ids('*')).toEqual(['p1', 'p2']);
  await c.updateOne({ _id: 'p1' }, { $set: { tags: ['*', 'hub:h'], at: 3 } });
  expect(await ids('*')).toEqual(['p2', 'p1']);
  expect(await ids('courier:b')).toEqual(['p2']);
  expect(await ids('hub:h')).toEqual(['p1']);
  expect(await c.find({ tags: '*', at: 1 }).hint('tags_at').toArray()).toEqual([]);
  // A scalar that moves between values with the same key (0 and -0) keeps every entry.
  await c.updateOne({ _id: 'p1' }, { $set: { at: 0 } });
  await c.updateOne({ _id: 'p1' }, { $set: { at: -0, tags: ['*', 'hub:h', 'hub:k'] } });
  expect(await ids('*')).toEqual(['p1', 'p2']);
  expect(await ids('hub:k')).toEqual(['p1']);
  await c.updateOne({ _id: 'p1' }, { $set: { at: 3, tags: ['*', 'hub:h'] } });
  expect(await ids('hub:k')).toEqual([]);
  // Tags that become a scalar, an empty array or mixed values, and back.
  await c.updateOne({ _id: 'p1' }, { $set: { tags: 'hub:h' } });
  expect(await ids('*')).toEqual(['p2']);
  expect(await ids('hub:h')).toEqual(['p1']);
  await c.updateOne({ _id: 'p1' }, { $set: { tags: [] } });
  expect(await ids('hub:h')).toEqual([]);
  await c.updateOne({ _id: 'p1' }, { $set: { tags: ['*', 7] } });
  expect(await ids('*')).toEqual(['p2', 'p1']);
  expect(await ids(7)).toEqual(['p1']);
  await c.updateOne({ _id: 'p1' }, { $set: { tags: ['courier:c'] } });
  expect(await ids('*')).toEqual(['p2']);
  expect(await ids(7)).toEqual([]);
  expect(await ids('courier:c')).toEqual(['p1']);
});

/**
 * A compound index whose leading field holds arrays (a read model's "listed under" tags) and whose
 * suffix is the sort key: MongoDB tracks which fields are multikey, so an equality on the array
 * field still reads one range of the index in sort order, and a range on a scalar field after it
 * is a range of keys. Keyset pages (`at >= last` plus the tie-break on `_id`) read one page.
 */
describe('compound indexes over an array field', () => {
  const N = 3_000;
  const at = (i: number) => new Date(1_700_000_000_000 + i * 1000);
  beforeAll(async () => {
    const c = target.db.collection<any>('tagged');
    await c.createIndex({ tags: 1, at: 1, _id: 1 });
    await c.createIndex({ k: 1, arr: 1 });
    await c.insertMany(
      Array.from({ length: N }, (_, i) => ({ _id: `p-${String(i).padStart(5, '0')}`, tags: ['*', `t${i % 3}`, `r${i % 10}`], at: at(i - (i % 2)), k: i % 2, arr: [i % 7, 100 - (i % 5)] })),
    );
  });

  const stats = async (cursor: { explain(verbosity: string): Promise<any> }) => (await cursor.explain('executionStats')).executionStats;
  const tagged = () => target.db.collection<any>('tagged');

  test('an equality on the array field reads one page in the order of the fields after it', async () => {
    const page = await tagged().find({ tags: 'r3' }).sort({ at: 1, _id: 1 }).limit(5).toArray();
    expect(page.map((d) => d._id)).toEqual(['p-00003', 'p-00013', 'p-00023', 'p-00033', 'p-00043']);
    const s = await stats(tagged().find({ tags: 'r3' }).sort({ at: 1, _id: 1 }).limit(5));
    expect(s.totalDocsExamined).toBeLessThanOrEqual(5);
    const backwards = await tagged().find({ tags: 't1' }).sort({ at: -1, _id: -1 }).limit(2).toArray();
    expect(backwards.map((d) => d._id)).toEqual(['p-02998', 'p-02995']);
  });

  test('a keyset page after a cursor, and a range on the scalar field, read only their keys', async () => {
    const last = { at: at(1_000), _id: 'p-01000' }; // p-01001 shares its time: the tie-break on _id keeps it
    const filter = { tags: '*', at: { $gte: last.at }, $or: [{ at: { $gt: last.at } }, { _id: { $gt: last._id } }] };
    const page = await tagged().find(filter).sort({ at: 1, _id: 1 }).limit(4).toArray();
    expect(page.map((d) => d._id)).toEqual(['p-01001', 'p-01002', 'p-01003', 'p-01004']);
    const s = await stats(tagged().find(filter).sort({ at: 1, _id: 1 }).limit(4));
    expect(s.totalDocsExamined).toBeLessThanOrEqual(4 + 1);
    const older = { tags: 't2', at: { $lt: at(30) } };
    expect((await tagged().find(older).sort({ at: 1, _id: 1 }).toArray()).map((d) => d._id)).toEqual(
      ['p-00002', 'p-00005', 'p-00008', 'p-00011', 'p-00014', 'p-00017', 'p-00020', 'p-00023', 'p-00026', 'p-00029'].filter((id) => Number(id.slice(2)) - (Number(id.slice(2)) % 2) < 30),
    );
    expect((await stats(tagged().find(older).sort({ at: 1, _id: 1 }))).totalDocsExamined).toBeLessThanOrEqual(10);
  });

  test('the conditions the index range does not prove are still checked, on the fields they name', async () => {
    // t1 by the key; k and the range on each document (k is in no index); the projection drops the tags.
    const filter = { tags: 't1', k: 0, at: { $gte: at(100) } };
    const page = await tagged()
      .find(filter, { projection: { tags: 0 } })
      .sort({ at: 1, _id: 1 })
      .limit(3)
      .toArray();
    expect(page).toEqual([
      { _id: 'p-00100', at: at(100), k: 0, arr: [2, 100] },
      { _id: 'p-00106', at: at(106), k: 0, arr: [1, 99] },
      { _id: 'p-00112', at: at(112), k: 0, arr: [0, 98] },
    ]);
    // An `$and` naming the indexed field too: both tags must hold, whichever one the range is built on.
    const both = await tagged()
      .find({ $and: [{ tags: 't1' }], tags: 'r3' })
      .sort({ at: 1, _id: 1 })
      .limit(3)
      .toArray();
    expect(both.map((d) => d._id)).toEqual(['p-00013', 'p-00043', 'p-00073']);
  });

  test('a range on an array field is not a range of keys: each bound may be met by another element', async () => {
    // { $gt: 98, $lt: 3 } matches [1, 100] by two different elements, as in MongoDB
    const both = await tagged()
      .find({ k: 1, arr: { $gt: 98, $lt: 3 } })
      .sort({ _id: 1 })
      .limit(3)
      .toArray();
    expect(both.map((d) => d.arr)).toEqual([
      [1, 99],
      [1, 100],
      [0, 99],
    ]);
  });
});
