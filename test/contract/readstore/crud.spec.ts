/**
 * insert, find, update, delete, findAndModify, count and distinct through the official driver,
 * with MongoDB's answers and error codes; BSON types round-trip exactly.
 */
import { Binary, Decimal128, Double, Int32, Long, ObjectId } from 'mongodb';
import { ContractTarget, createTarget, rejectionOf } from './support/target';

jest.setTimeout(30_000);

let target: ContractTarget;
const collection = (name: string) => target.db.collection<any>(name);

beforeAll(async () => {
  target = await createTarget('crud');
});
afterAll(async () => {
  await target?.close();
});

describe('insert and find', () => {
  test('BSON types round-trip exactly (ObjectId, Date, Decimal128, Long, Int32, Double, Binary, nested)', async () => {
    const doc = {
      _id: new ObjectId(),
      at: new Date('2026-11-21T10:15:00.123Z'),
      price: Decimal128.fromString('400.10'),
      big: Long.fromString('9007199254740993'),
      small: new Int32(7),
      ratio: new Double(2),
      bytes: new Binary(Buffer.from([0, 1, 2, 255]), 0),
      nested: { list: [1, 'two', { three: 3 }], empty: [] as unknown[] },
    };
    await collection('types').insertOne(doc);
    const raw = await collection('types').findOne({ _id: doc._id }, { promoteValues: false, promoteLongs: false });
    expect(raw!.big).toBeInstanceOf(Long);
    expect((raw!.big as Long).toString()).toBe('9007199254740993');
    expect(raw!.small).toBeInstanceOf(Int32);
    expect(raw!.ratio).toBeInstanceOf(Double);
    expect((raw!.price as Decimal128).toString()).toBe('400.10');
    const read = await collection('types').findOne({ _id: doc._id });
    expect(read!.at).toEqual(doc.at);
    expect(Buffer.from((read!.bytes as Binary).buffer)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(read!.nested).toEqual(doc.nested);
    expect(Object.keys(read!)).toEqual(Object.keys(doc));
  });

  test('an inserted document without _id gets an ObjectId, stored first', async () => {
    const result = await collection('ids').insertOne({ name: 'parcel' });
    expect(result.insertedId).toBeInstanceOf(ObjectId);
    const [read] = await collection('ids').find({ name: 'parcel' }).toArray();
    expect(Object.keys(read!)[0]).toBe('_id');
    expect(read!._id).toEqual(result.insertedId);
  });

  test('comparisons on Decimal128, Long, Date and ObjectId follow BSON order, not strings', async () => {
    const c = collection('compare');
    await c.insertMany([
      { _id: 1, d: Decimal128.fromString('9'), l: Long.fromNumber(9), at: new Date(9_000) },
      { _id: 2, d: Decimal128.fromString('10'), l: Long.fromNumber(10), at: new Date(10_000) },
      { _id: 3, d: Decimal128.fromString('100.5'), l: Long.fromNumber(100), at: new Date(100_000) },
    ]);
    expect((await c.find({ d: { $gt: Decimal128.fromString('9.5') } }).toArray()).map((d) => d._id)).toEqual([2, 3]);
    expect((await c.find({ d: { $gt: 9.5 } }).toArray()).map((d) => d._id)).toEqual([2, 3]);
    expect((await c.find({ l: 10 }).toArray()).map((d) => d._id)).toEqual([2]);
    expect((await c.find({ l: { $gte: Long.fromNumber(10) } }).toArray()).map((d) => d._id)).toEqual([2, 3]);
    expect((await c.find({}).sort({ d: -1 }).toArray()).map((d) => d._id)).toEqual([3, 2, 1]);
    expect((await c.find({ at: { $lt: new Date(50_000) } }).toArray()).map((d) => d._id)).toEqual([1, 2]);
    const first = new ObjectId('000000000000000000000001');
    const second = new ObjectId('0000000000000000000000ff');
    await collection('oids').insertMany([{ _id: second }, { _id: first }]);
    expect(
      (
        await collection('oids')
          .find({ _id: { $gt: first } })
          .toArray()
      ).map((d) => d._id),
    ).toEqual([second]);
    expect((await collection('oids').find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([first, second]);
  });

  test('filter, projection, sort, skip and limit', async () => {
    const c = collection('pages');
    await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, hub: i % 2 ? 'north' : 'south', n: i, extra: 'x' })));
    const page = await c
      .find({ hub: 'north' }, { projection: { n: 1 } })
      .sort({ n: -1 })
      .skip(2)
      .limit(3)
      .toArray();
    expect(page).toEqual([
      { _id: 15, n: 15 },
      { _id: 13, n: 13 },
      { _id: 11, n: 11 },
    ]);
    const excluded = await c.find({ _id: 4 }, { projection: { extra: 0, hub: 0 } }).toArray();
    expect(excluded).toEqual([{ _id: 4, n: 4 }]);
    expect(
      await c
        .find({ n: { $in: [3, 5, 99] } })
        .sort({ n: 1 })
        .toArray(),
    ).toHaveLength(2);
  });

  test('whole-field projections keep each kept value as stored (types too) and the stored field order', async () => {
    const c = collection('projected');
    await c.insertOne({
      _id: 'p-1',
      big: Long.fromString('9007199254740993'),
      small: new Int32(7),
      ratio: new Double(2),
      price: Decimal128.fromString('400.10'),
      at: new Date('2026-11-21T10:15:00.123Z'),
      nested: { x: [1, { y: 'z' }] },
      note: 'n',
    });
    const asStored = { promoteValues: false, promoteLongs: false } as const;
    const included = await c.findOne({ _id: 'p-1' }, { projection: { nested: 1, big: 1, small: 1 }, ...asStored });
    expect(Object.keys(included!)).toEqual(['_id', 'big', 'small', 'nested']);
    expect(included!.big).toBeInstanceOf(Long);
    expect((included!.big as Long).toString()).toBe('9007199254740993');
    expect(included!.small).toBeInstanceOf(Int32);
    const excluded = await c.findOne({ _id: 'p-1' }, { projection: { _id: 0, small: 0, note: 0 }, ...asStored });
    expect(Object.keys(excluded!)).toEqual(['big', 'ratio', 'price', 'at', 'nested']);
    expect(excluded!.ratio).toBeInstanceOf(Double);
    expect((excluded!.price as Decimal128).toString()).toBe('400.10');
    expect(await c.findOne({ _id: 'p-1' }, { projection: { _id: 1 } })).toEqual({ _id: 'p-1' });
    expect(await c.findOne({ _id: 'p-1' }, { projection: { absent: 1, _id: 0 } })).toEqual({});
  });

  test('cursors: batches through getMore, killCursors, and an unknown cursor is CursorNotFound (43)', async () => {
    const c = collection('cursors');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i })));
    const all = await c.find({}).sort({ _id: 1 }).batchSize(7).toArray();
    expect(all.map((d) => d._id)).toEqual(Array.from({ length: 250 }, (_, i) => i));

    const asLongs = { promoteLongs: false } as const;
    const first = await target.db.command({ find: 'cursors', filter: {}, sort: { _id: 1 }, batchSize: 2 }, asLongs);
    expect(first.cursor.firstBatch).toHaveLength(2);
    expect(first.cursor.ns).toBe(`${target.db.databaseName}.cursors`);
    const id = first.cursor.id as Long;
    expect(id.isZero()).toBe(false);
    const more = await target.db.command({ getMore: id, collection: 'cursors', batchSize: 3 }, asLongs);
    expect(more.cursor.nextBatch.map((d: { _id: number }) => d._id)).toEqual([2, 3, 4]);
    const killed = await target.db.command({ killCursors: 'cursors', cursors: [id] }, asLongs);
    expect(killed.cursorsKilled).toEqual([id]);
    const error = await rejectionOf(target.db.command({ getMore: id, collection: 'cursors' }));
    expect(error.code).toBe(43);
    expect(error.codeName).toBe('CursorNotFound');

    const single = await target.db.command({ find: 'cursors', filter: {}, batchSize: 5, singleBatch: true }, asLongs);
    expect(single.cursor.firstBatch).toHaveLength(5);
    expect((single.cursor.id as Long).isZero()).toBe(true);
    const limited = await target.db.command({ find: 'cursors', filter: {}, limit: 3 }, asLongs);
    expect(limited.cursor.firstBatch).toHaveLength(3);
    expect((limited.cursor.id as Long).isZero()).toBe(true);
  });

  test('count, countDocuments, estimatedDocumentCount and distinct', async () => {
    const c = collection('counting');
    await c.insertMany([{ k: 'a', tags: ['x', 'y'] }, { k: 'b', tags: ['y'] }, { k: 'a', tags: 'z' }, { other: true }]);
    expect(await c.countDocuments({ k: 'a' })).toBe(2);
    expect(await c.estimatedDocumentCount()).toBe(4);
    expect((await target.db.command({ count: 'counting', query: { k: 'a' }, limit: 1 })).n).toBe(1);
    expect((await c.distinct('k')).sort()).toEqual(['a', 'b']);
    expect((await c.distinct('tags')).sort()).toEqual(['x', 'y', 'z']);
    expect(await c.distinct('k', { tags: 'y' })).toEqual(['a', 'b']);
  });
});

describe('update', () => {
  test('operators, multi, and results (matched vs modified)', async () => {
    const c = collection('updates');
    await c.insertMany([
      { _id: 1, n: 1, list: [1, 2] },
      { _id: 2, n: 2, list: [] },
      { _id: 3, n: 3 },
    ]);
    const one = await c.updateOne({ _id: 1 }, { $inc: { n: 5 }, $push: { list: 3 } as any, $set: { 'deep.field': 'v' } });
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, n: 6, list: [1, 2, 3], deep: { field: 'v' } });
    const many = await c.updateMany({ n: { $gte: 2 } }, { $set: { seen: true } });
    expect(many).toMatchObject({ matchedCount: 3, modifiedCount: 3 });
    const again = await c.updateMany({ n: { $gte: 2 } }, { $set: { seen: true } });
    expect(again).toMatchObject({ matchedCount: 3, modifiedCount: 0 });
    await c.updateOne({ _id: 3 }, { $unset: { seen: '' }, $rename: { n: 'count' } });
    expect(await c.findOne({ _id: 3 })).toEqual({ _id: 3, count: 3 });
  });

  test('new fields are added in lexicographic order across operators (MongoDB 5+); $unset, $mul, $min, $max on missing fields', async () => {
    const c = collection('field-order');
    await c.insertOne({ _id: 1, z: 1, gone: true });
    await c.updateOne({ _id: 1 }, { $set: { y: 1, 'b.d': 1, 'b.c': 2, a: 1 }, $inc: { x: 2 }, $unset: { gone: '', 'no.such': '' } });
    const doc = await c.findOne({ _id: 1 });
    expect(Object.keys(doc!)).toEqual(['_id', 'z', 'a', 'b', 'x', 'y']);
    expect(Object.keys(doc!.b)).toEqual(['c', 'd']);
    await c.updateOne({ _id: 2 }, { $set: { m: 1 }, $max: { k: 3 }, $min: { l: 4 }, $mul: { j: 5 } }, { upsert: true });
    const upserted = await c.findOne({ _id: 2 });
    expect(upserted).toEqual({ _id: 2, j: 0, k: 3, l: 4, m: 1 });
    expect(Object.keys(upserted!)).toEqual(['_id', 'j', 'k', 'l', 'm']);
  });

  test('an upsert applies its operators even when the new document does not match the rest of the filter', async () => {
    const c = collection('upsert-range');
    await c.updateOne({ _id: 'b', p: { $lt: 'z' } }, { $set: { p: 'a' } }, { upsert: true });
    await c.updateOne({ _id: 'c', n: { $gt: 5 } }, { $inc: { n: 2 } }, { upsert: true });
    await c.updateOne({ _id: 'd', _position: { $not: { $gte: 7 } } }, { $set: { _position: 7 } }, { upsert: true });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'b', p: 'a' },
      { _id: 'c', n: 2 },
      { _id: 'd', _position: 7 },
    ]);
  });

  test('an update of a document matched by string order changes it (strings compare by UTF-8 bytes)', async () => {
    const c = collection('update-strings');
    await c.insertOne({ _id: 1, s: '\u{10000}' });
    const result = await c.updateMany({ s: { $gt: '\uffff' } }, { $set: { seen: true } });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: '\u{10000}', seen: true });
  });

  test('upsert inserts from the filter equality fields and reports upsertedId; $setOnInsert only on insert', async () => {
    const c = collection('upserts');
    const inserted = await c.updateOne({ parcelId: 'p-1', 'hub.name': 'north' }, { $set: { holder: 'ana' }, $setOnInsert: { createdBy: 'test' } }, { upsert: true });
    expect(inserted.upsertedCount).toBe(1);
    expect(inserted.matchedCount).toBe(0);
    expect(inserted.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await c.findOne({ _id: inserted.upsertedId! });
    expect(doc).toEqual({ _id: inserted.upsertedId, parcelId: 'p-1', hub: { name: 'north' }, holder: 'ana', createdBy: 'test' });
    const updated = await c.updateOne({ parcelId: 'p-1' }, { $set: { holder: 'ben' }, $setOnInsert: { createdBy: 'other' } }, { upsert: true });
    expect(updated).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect((await c.findOne({ parcelId: 'p-1' }))!.createdBy).toBe('test');
    const withId = await c.updateOne({ _id: 'fixed' as any }, { $set: { v: 1 } }, { upsert: true });
    expect(withId.upsertedId).toBe('fixed');
    const replaced = await c.replaceOne({ _id: 'r1' as any }, { whole: true }, { upsert: true });
    expect(replaced.upsertedId).toBe('r1');
    expect(await c.findOne({ _id: 'r1' as any })).toEqual({ _id: 'r1', whole: true });
  });

  test('an upsert keeps the BSON types of the filter values it copies (Decimal128, Long, Int32 stay as sent)', async () => {
    const c = collection('upsert-types');
    const asStored = { promoteValues: false, promoteLongs: false } as const;
    const one = await c.updateOne({ _id: Decimal128.fromString('1.5'), n: Long.fromNumber(7), 'meta.k': new Int32(3) }, { $set: { v: 1 } }, { upsert: true });
    expect(one.upsertedId).toBeInstanceOf(Decimal128);
    expect((one.upsertedId as unknown as Decimal128).toString()).toBe('1.5');
    const stored = await c.findOne({ v: 1 }, asStored);
    expect(stored!._id).toBeInstanceOf(Decimal128);
    expect(stored!.n).toBeInstanceOf(Long);
    expect(stored!.meta.k).toBeInstanceOf(Int32);

    const big = Long.fromString('9007199254740993');
    const bulk = await c.bulkWrite([{ updateOne: { filter: { _id: big }, update: { $set: { v: 2 } }, upsert: true } }]);
    expect(bulk.upsertedIds[0]).toBeInstanceOf(Long);
    expect((bulk.upsertedIds[0] as Long).toString()).toBe('9007199254740993');
    expect((await c.findOne({ v: 2 }, asStored))!._id).toBeInstanceOf(Long);

    const replaced = await c.replaceOne({ _id: Long.fromNumber(5) }, { whole: true }, { upsert: true });
    expect(replaced.upsertedCount).toBe(1);
    expect((await c.findOne({ whole: true }, asStored))!._id).toBeInstanceOf(Long);

    const viaFindAndModify = await c.findOneAndUpdate({ _id: Decimal128.fromString('2.50') }, { $set: { v: 3 } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(viaFindAndModify.lastErrorObject!.upserted).toBeInstanceOf(Decimal128);
    expect((viaFindAndModify.value!._id as Decimal128).toString()).toBe('2.50');
  });

  test('an upsert copies the equalities mongod infers ($eq, one-element $in/$all, $and, one-clause $or) and refuses ambiguous ones (54)', async () => {
    const c = collection('upsert-inferred');
    const fieldsOf = async (filter: object) => {
      const { upsertedId } = await c.updateOne(filter, { $set: { marker: true } }, { upsert: true });
      const { _id, marker, ...rest } = (await c.findOne({ _id: upsertedId }))!;
      return rest;
    };
    expect(await fieldsOf({ a: { $eq: 1 }, b: { $in: [2] }, c: { $all: [3] }, d: { $in: [4, 5] }, e: { $gt: 6 } })).toEqual({ a: 1, b: 2, c: 3 });
    expect(await fieldsOf({ $and: [{ f: 'x' }, { 'g.h': 'y' }], $or: [{ i: 7 }] })).toEqual({ f: 'x', g: { h: 'y' }, i: 7 });
    expect(await fieldsOf({ j: { $eq: { k: 1 } }, l: /re/, $or: [{ m: 1 }, { m: 2 }] })).toEqual({ j: { k: 1 } });
    const twice = await rejectionOf(c.updateOne({ a: 1, $and: [{ a: 2 }] }, { $set: { v: 1 } }, { upsert: true }));
    expect(twice.code).toBe(54);
    expect(twice.message).toContain("path 'a' is matched twice");
    const nested = await rejectionOf(c.updateOne({ a: { b: 1 }, 'a.c': 2 }, { $set: { v: 1 } }, { upsert: true }));
    expect(nested.code).toBe(54);
    expect(nested.message).toContain('cannot infer query fields to set');
    expect(await c.countDocuments({ v: 1 })).toBe(0);
    // a replacement takes only _id from its filter, so other paths are not checked
    const replaced = await c.replaceOne({ a: 1, $and: [{ a: 2 }] }, { whole: true }, { upsert: true });
    expect(replaced.upsertedCount).toBe(1);
    // ... but _id must be pinned whole: a replacement cannot build it from a sub-path (111), checked before 54
    for (const filter of [{ '_id.a': 1 }, { _id: { b: 1 }, '_id.a': { $eq: 1 } }]) {
      const partial = await rejectionOf(c.replaceOne(filter, { whole: true }, { upsert: true }));
      expect(partial.code).toBe(111);
      expect(partial.message).toContain("field at '_id' must be exactly specified, field at sub-path '_id.a'");
    }
    expect((await rejectionOf(c.findOneAndReplace({ '_id.a': 1 }, { whole: true }, { upsert: true }))).code).toBe(111);
    expect(await c.countDocuments({ whole: true })).toBe(1);
    // an update-operator upsert builds _id from the same sub-path
    const built = await c.updateOne({ '_id.a': 1 }, { $set: { whole: false } }, { upsert: true });
    expect(built.upsertedId).toEqual({ a: 1 });
  });

  test('replacement keeps _id; pipeline updates; arrayFilters', async () => {
    const c = collection('shapes');
    await c.insertOne({
      _id: 1,
      a: 1,
      b: 2,
      items: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 5 },
      ],
    });
    await c.replaceOne(
      { _id: 1 },
      {
        a: 10,
        items: [
          { sku: 'x', qty: 1 },
          { sku: 'y', qty: 5 },
        ],
      },
    );
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      a: 10,
      items: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 5 },
      ],
    });
    await c.updateOne({ _id: 1 }, [{ $set: { total: { $sum: '$items.qty' } } }, { $unset: 'a' }]);
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      items: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 5 },
      ],
      total: 6,
    });
    await c.updateOne({ _id: 1 }, { $inc: { 'items.$[big].qty': 100 } }, { arrayFilters: [{ 'big.qty': { $gt: 2 } }] });
    expect((await c.findOne({ _id: 1 }))!.items).toEqual([
      { sku: 'x', qty: 1 },
      { sku: 'y', qty: 105 },
    ]);
    await c.updateOne({ _id: 1, 'items.sku': 'x' }, { $set: { 'items.$.qty': 7 } });
    expect((await c.findOne({ _id: 1 }))!.items[0]).toEqual({ sku: 'x', qty: 7 });
  });

  test('refusals: _id is immutable (66), unknown modifier (9), $inc on a string (14), conflicting paths (40)', async () => {
    const c = collection('refusals');
    await c.insertOne({ _id: 1, name: 'x', n: 1 });
    const immutable = await rejectionOf(c.updateOne({ _id: 1 }, { $set: { _id: 2 } }));
    expect(immutable.code).toBe(66);
    expect(immutable.errmsg).toBe("Performing an update on the path '_id' would modify the immutable field '_id'");
    const replaced = await rejectionOf(c.replaceOne({ _id: 1 }, { _id: 2, name: 'y' }));
    expect(replaced.code).toBe(66);
    const unknown = await rejectionOf(c.updateOne({ _id: 1 }, { $frobnicate: { n: 1 } } as any));
    expect(unknown.code).toBe(9);
    expect(unknown.errmsg).toContain('Unknown modifier: $frobnicate');
    const nonNumeric = await rejectionOf(c.updateOne({ _id: 1 }, { $inc: { name: 1 } }));
    expect(nonNumeric.code).toBe(14);
    expect(nonNumeric.errmsg).toBe("Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'name' of non-numeric type string");
    const conflict = await rejectionOf(c.updateOne({ _id: 1 }, { $set: { n: 2 }, $inc: { n: 1 } }));
    expect(conflict.code).toBe(40);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, name: 'x', n: 1 });
  });
});

describe('delete and findAndModify', () => {
  test('deleteOne, deleteMany', async () => {
    const c = collection('deletes');
    await c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 3 }]);
    expect((await c.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ k: { $gte: 1 } })).deletedCount).toBe(3);
    expect((await c.deleteMany({})).deletedCount).toBe(0);
    expect(await c.countDocuments()).toBe(0);
  });

  test('findOneAndUpdate / Replace / Delete with sort, projection, upsert and returnDocument', async () => {
    const c = collection('fam');
    await c.insertMany([
      { _id: 1, q: 'a', v: 1 },
      { _id: 2, q: 'a', v: 2 },
    ]);
    const before = await c.findOneAndUpdate({ q: 'a' }, { $inc: { v: 10 } }, { sort: { v: -1 }, includeResultMetadata: true });
    expect(before.value).toEqual({ _id: 2, q: 'a', v: 2 });
    expect(before.lastErrorObject).toEqual({ n: 1, updatedExisting: true });
    const after = await c.findOneAndUpdate({ _id: 1 }, { $set: { v: 5 } }, { returnDocument: 'after', projection: { v: 1, _id: 0 } });
    expect(after).toEqual({ v: 5 });
    const upserted = await c.findOneAndUpdate({ _id: 3 }, { $set: { q: 'b' } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(upserted.value).toEqual({ _id: 3, q: 'b' });
    expect(upserted.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 3 });
    const missing = await c.findOneAndUpdate({ _id: 99 }, { $set: { q: 'z' } }, { includeResultMetadata: true });
    expect(missing.value).toBeNull();
    expect(missing.lastErrorObject).toEqual({ n: 0, updatedExisting: false });
    expect(await c.findOneAndReplace({ _id: 3 }, { q: 'c' }, { returnDocument: 'after' })).toEqual({ _id: 3, q: 'c' });
    expect(await c.findOneAndDelete({ q: 'a' }, { sort: { v: 1 } })).toEqual({ _id: 1, q: 'a', v: 5 });
    expect(await c.countDocuments()).toBe(2);
  });
});

describe('errors', () => {
  test('an unknown command answers CommandNotFound (59)', async () => {
    const error = await rejectionOf(target.db.command({ frobnicate: 1 }));
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.errmsg).toBe("no such command: 'frobnicate'");
  });

  test('an unknown query operator is refused with BadValue (2)', async () => {
    await collection('bad').insertOne({ a: 1 });
    const error = await rejectionOf(
      collection('bad')
        .find({ a: { $frobnicate: 1 } })
        .toArray(),
    );
    expect(error.code).toBe(2);
    expect(error.errmsg).toContain('unknown operator: $frobnicate');
  });

  test('an unknown field of a command is refused by name (40415)', async () => {
    const error = await rejectionOf(target.db.command({ find: 'bad', filter: {}, frobnicate: true }));
    expect(error.code).toBe(40415);
    expect(error.errmsg).toBe("BSON field 'find.frobnicate' is an unknown field.");
  });
});
