/**
 * Query semantics of the common filters (equality, `$in`, ranges on scalars, dotted paths, arrays)
 * and of `_id` lookups, as MongoDB answers them — the embedded server decides simple filters on
 * scalar documents without mingo, so these pin that path to MongoDB's answers.
 */
import { Decimal128, Double, Long } from 'mongodb';
import { ContractTarget, createTarget } from './support/target';

jest.setTimeout(30_000);

let target: ContractTarget;
const collection = (name: string) => target.db.collection<any>(name);
const ids = (docs: { _id: unknown }[]) => docs.map((d) => d._id);

beforeAll(async () => {
  target = await createTarget('query');
});
afterAll(async () => {
  await target?.close();
});

test('an _id lookup reads one key and one document; a missing _id none', async () => {
  const c = collection('lookup');
  await c.insertMany([
    { _id: 'p-1', v: 1 },
    { _id: 'p-2', v: 2 },
  ]);
  expect(await c.findOne({ _id: 'p-2' })).toEqual({ _id: 'p-2', v: 2 });
  expect(await c.findOne({ _id: 'p-3' })).toBeNull();
  expect(await c.findOne({ _id: 'p-2', v: 1 })).toBeNull();
  const stats = (await c.find({ _id: 'p-1' }).explain('executionStats')).executionStats;
  expect(stats.totalKeysExamined).toBe(1);
  expect(stats.totalDocsExamined).toBe(1);
  expect(stats.nReturned).toBe(1);
});

test('$in on _id returns each match once, in _id order', async () => {
  const c = collection('in');
  await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
  expect(ids(await c.find({ _id: { $in: [3, 1, 1, 9] } }).toArray())).toEqual([1, 3]);
});

test('$in with thousands of values, on _id, on an indexed field and on a compound index', async () => {
  const c = collection('big-in');
  await c.createIndex({ code: 1 });
  await c.createIndex({ hub: 1, code: 1 });
  await c.insertMany(Array.from({ length: 3000 }, (_, i) => ({ _id: `d${i}`, code: i, hub: i % 3 })));
  const wanted = Array.from({ length: 2500 }, (_, i) => i);
  expect(await c.countDocuments({ _id: { $in: wanted.map((i) => `d${i}`) } })).toBe(2500);
  expect(await c.countDocuments({ code: { $in: wanted } })).toBe(2500);
  expect(await c.countDocuments({ hub: { $in: [0, 1, 2] }, code: { $in: wanted } })).toBe(2500);
  const first = await c
    .find({ _id: { $in: wanted.map((i) => `d${i}`) } })
    .limit(2)
    .toArray();
  expect(first.map((d) => d._id)).toEqual(['d0', 'd1']);
});

test('index and collection scans return every document once, in order, in both directions', async () => {
  const c = collection('scans');
  await c.createIndex({ k: 1 });
  await c.insertMany(Array.from({ length: 701 }, (_, i) => ({ _id: i, k: (i * 7) % 701 })));
  const ks = (docs: { k: number }[]) => docs.map((d) => d.k);
  const ascending = Array.from({ length: 701 }, (_, i) => i);
  expect(ks(await c.find().sort({ k: 1 }).toArray())).toEqual(ascending);
  expect(ks(await c.find().sort({ k: -1 }).toArray())).toEqual([...ascending].reverse());
  expect(
    ks(
      await c
        .find({ k: { $gte: 100, $lt: 600 } })
        .sort({ k: -1 })
        .toArray(),
    ),
  ).toEqual(ascending.slice(100, 600).reverse());
  expect(ids(await c.find().sort({ _id: -1 }).toArray())).toEqual([...ascending].reverse());
  expect(ids(await c.find({ _id: { $gt: 40 } }).toArray())).toEqual(ascending.slice(41));
});

test('comparisons are numeric across number types and never cross types', async () => {
  const c = collection('bracketing');
  await c.insertMany([
    { _id: 1, v: 6 },
    { _id: 2, v: Long.fromNumber(7) },
    { _id: 3, v: Decimal128.fromString('7.5') },
    { _id: 4, v: new Double(4) },
    { _id: 5, v: '9' },
    { _id: 6, v: new Date(9) },
    { _id: 7 },
    { _id: 8, v: null },
  ]);
  expect(
    ids(
      await c
        .find({ v: { $gt: 5 } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([1, 2, 3]);
  expect(
    ids(
      await c
        .find({ v: { $gte: 4, $lt: 7 } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([1, 4]);
  expect(ids(await c.find({ v: { $lt: 'z' } }).toArray())).toEqual([5]);
  expect(ids(await c.find({ v: 7 }).toArray())).toEqual([2]);
  expect(
    ids(
      await c
        .find({ v: { $in: [4, '9'] } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([4, 5]);
  expect(ids(await c.find({ v: { $lte: new Date(10) } }).toArray())).toEqual([6]);
});

test('dotted paths, arrays (any element, each predicate on its own element) and missing fields', async () => {
  const c = collection('paths');
  await c.insertMany([
    { _id: 1, a: { b: 1 }, n: 7 },
    { _id: 2, a: [{ b: 1 }, { b: 2 }], n: [1, 20] },
    { _id: 3, a: 1, n: 30 },
    { _id: 4, a: { b: [0, 1] } },
  ]);
  expect(ids(await c.find({ 'a.b': 1 }).sort({ _id: 1 }).toArray())).toEqual([1, 2, 4]);
  expect(
    ids(
      await c
        .find({ n: { $gt: 5, $lt: 10 } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([1, 2]);
  expect(ids(await c.find({ 'a.b': { $gte: 2 } }).toArray())).toEqual([2]);
  expect(ids(await c.find({ missing: { $lt: 100 } }).toArray())).toEqual([]);
});

test('$ne and $not match missing fields and other types, and no element of an array may match', async () => {
  const c = collection('negation');
  await c.insertMany([{ _id: 1, v: 5 }, { _id: 2, v: 6 }, { _id: 3 }, { _id: 4, v: '5' }, { _id: 5, v: [5, 6] }, { _id: 6, v: [6] }, { _id: 7, v: 8 }]);
  expect(
    ids(
      await c
        .find({ v: { $ne: 5 } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([2, 3, 4, 6, 7]);
  expect(
    ids(
      await c
        .find({ v: { $not: { $gte: 7 } } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([1, 2, 3, 4, 5, 6]);
  expect(
    ids(
      await c
        .find({ _id: { $lt: 7 }, v: { $not: { $gt: 5, $lt: 7 } } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([1, 3, 4]);
  expect(
    ids(
      await c
        .find({ v: { $ne: 6, $gte: 5 } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([1, 7]);
});

test('strings compare by UTF-8 bytes (code points), not UTF-16 units', async () => {
  const c = collection('strings');
  await c.insertMany([
    { _id: 1, s: '\uffff' },
    { _id: 2, s: '\u{10000}' },
    { _id: 3, s: 'a' },
  ]);
  expect(ids(await c.find({ s: { $gt: '\uffff' } }).toArray())).toEqual([2]);
  expect(
    ids(
      await c
        .find({ s: { $lt: '\u{10000}' } })
        .sort({ _id: 1 })
        .toArray(),
    ),
  ).toEqual([1, 3]);
});
