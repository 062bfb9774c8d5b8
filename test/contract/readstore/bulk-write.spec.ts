/**
 * The driver's bulkWrite, ordered and unordered: results and per-operation write errors exactly as
 * MongoDB reports them (index in the batch, code, errmsg, the op).
 */
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { ContractTarget, createTarget, rejectionOf } from './support/target';

jest.setTimeout(30_000);

let target: ContractTarget;

beforeAll(async () => {
  target = await createTarget('bulk');
});
afterAll(async () => {
  await target?.close();
});

test('a mixed bulk reports every count and the upserted ids by operation index', async () => {
  const c = target.db.collection<any>('mixed');
  await c.insertMany([
    { _id: 1, v: 1 },
    { _id: 2, v: 2 },
  ]);
  const result = await c.bulkWrite([
    { insertOne: { document: { _id: 3, v: 3 } } },
    { updateOne: { filter: { _id: 1 }, update: { $set: { v: 10 } } } },
    { updateMany: { filter: { v: { $gte: 2 } }, update: { $inc: { v: 1 } } } },
    { updateOne: { filter: { _id: 9 }, update: { $set: { v: 9 } }, upsert: true } },
    { replaceOne: { filter: { _id: 2 }, replacement: { v: 20 } } },
    { deleteOne: { filter: { _id: 3 } } },
    { deleteMany: { filter: { v: { $lt: 0 } } } },
  ]);
  expect(result.insertedCount).toBe(1);
  expect(result.matchedCount).toBe(5); // 1 + 3 (ids 1,2,3 have v >= 2 after the first update) + 1
  expect(result.modifiedCount).toBe(5);
  expect(result.upsertedCount).toBe(1);
  expect(result.upsertedIds).toEqual({ 3: 9 });
  expect(result.deletedCount).toBe(1);
  expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 1, v: 11 },
    { _id: 2, v: 20 },
    { _id: 9, v: 9 },
  ]);
});

test('ordered: stops at the first duplicate key, reporting its index, code, errmsg and op', async () => {
  const c = target.db.collection<any>('ordered');
  const error = (await rejectionOf(c.bulkWrite([{ insertOne: { document: { _id: 1 } } }, { insertOne: { document: { _id: 1 } } }, { insertOne: { document: { _id: 2 } } }]))) as MongoBulkWriteError;
  expect(error).toBeInstanceOf(MongoBulkWriteError);
  expect(error.code).toBe(11000);
  expect(error.writeErrors).toHaveLength(1);
  const [first] = error.writeErrors as any[];
  expect(first.index).toBe(1);
  expect(first.code).toBe(11000);
  expect(first.errmsg).toBe(`E11000 duplicate key error collection: ${target.db.databaseName}.ordered index: _id_ dup key: { _id: 1 }`);
  expect(first.getOperation()).toEqual({ _id: 1 });
  expect(error.result.insertedCount).toBe(1);
  expect(await c.countDocuments()).toBe(1);
});

test('unordered: goes on after errors and reports each one by its index in the original list', async () => {
  const c = target.db.collection<any>('unordered');
  await c.createIndex({ email: 1 }, { unique: true });
  const error = (await rejectionOf(
    c.bulkWrite(
      [
        { insertOne: { document: { _id: 1, email: 'a@x' } } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { n: 1 } } } },
        { insertOne: { document: { _id: 2, email: 'a@x' } } },
        { insertOne: { document: { _id: 3, email: 'c@x' } } },
        { insertOne: { document: { _id: 1, email: 'd@x' } } },
        { deleteOne: { filter: { _id: 3 } } },
      ],
      { ordered: false },
    ),
  )) as MongoBulkWriteError;
  const errors = (error.writeErrors as any[]).map((e) => ({ index: e.index, code: e.code, errmsg: e.errmsg }));
  const ns = `${target.db.databaseName}.unordered`;
  expect(errors).toEqual([
    { index: 2, code: 11000, errmsg: `E11000 duplicate key error collection: ${ns} index: email_1 dup key: { email: "a@x" }` },
    { index: 4, code: 11000, errmsg: `E11000 duplicate key error collection: ${ns} index: _id_ dup key: { _id: 1 }` },
  ]);
  expect(error.result.insertedCount).toBe(2);
  expect(error.result.matchedCount).toBe(1);
  expect(error.result.deletedCount).toBe(1);
  expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, email: 'a@x', n: 1 }]);
});

test('insertMany unordered inserts everything that can be inserted', async () => {
  const c = target.db.collection<any>('insert-many');
  const error = (await rejectionOf(c.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }], { ordered: false }))) as MongoBulkWriteError;
  expect((error.writeErrors as any[]).map((e) => e.index)).toEqual([1, 3]);
  expect(error.insertedCount).toBe(3);
  expect(await c.countDocuments()).toBe(3);
  // the collection's own count (no filter): refused duplicates left it alone
  expect(await c.estimatedDocumentCount()).toBe(3);
  expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
});

test('a duplicate _id keeps the stored document, with or without unique secondary indexes', async () => {
  for (const [name, unique] of [
    ['dup-plain', false],
    ['dup-unique', true],
  ] as const) {
    const c = target.db.collection<any>(name);
    if (unique) await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ _id: 'p-1', email: 'first@x', n: 1 });
    const error = (await rejectionOf(c.insertOne({ _id: 'p-1', email: 'second@x', n: 2 }))) as MongoServerError;
    expect(error.code).toBe(11000);
    expect(error.keyValue).toEqual({ _id: 'p-1' });
    expect(await c.find().toArray()).toEqual([{ _id: 'p-1', email: 'first@x', n: 1 }]);
    expect(await c.countDocuments({ email: 'second@x' })).toBe(0);
    expect(await c.estimatedDocumentCount()).toBe(1);
  }
});

test('a write error in an update statement names the statement (unknown modifier, code 9)', async () => {
  const c = target.db.collection<any>('bad-update');
  await c.insertOne({ _id: 1 });
  const error = (await rejectionOf(
    c.bulkWrite(
      [
        { updateOne: { filter: { _id: 1 }, update: { $set: { a: 1 } } } },
        { updateOne: { filter: { _id: 1 }, update: { $nope: { a: 1 } } as any } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { b: 1 } } } },
      ],
      { ordered: false },
    ),
  )) as MongoBulkWriteError;
  expect((error.writeErrors as any[]).map((e) => [e.index, e.code])).toEqual([[1, 9]]);
  expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1, b: 1 });
});
