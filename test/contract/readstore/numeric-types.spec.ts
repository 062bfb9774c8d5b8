/**
 * Updates keep the BSON numeric types the client sent, as mongod does: `$set` stores its operand's
 * type, `$inc`/`$mul` give the wider of the two types (int32 < int64 < double < decimal128, int32
 * overflow widens to int64), int64 and decimal128 arithmetic is exact.
 */
import { Decimal128, Double, Int32, Long } from 'mongodb';
import { ContractTarget, createTarget } from './support/target';

jest.setTimeout(30_000);

let target: ContractTarget;
const collection = (name: string) => target.db.collection<any>(name);
/** The stored document with every number in its BSON wrapper. */
const raw = (name: string, _id: unknown) => collection(name).findOne({ _id }, { promoteValues: false, promoteLongs: false });

beforeAll(async () => {
  target = await createTarget('numeric');
});
afterAll(async () => {
  await target?.close();
});

test('$set stores a Long as int64, a Decimal128 as decimal, a Double as double, also over another type', async () => {
  const c = collection('set');
  await c.insertOne({ _id: 1, a: 1, b: 'x' });
  await c.updateOne({ _id: 1 }, { $set: { a: Long.fromNumber(5), b: Decimal128.fromString('1.10'), c: new Double(2), 'd.e': Long.fromString('9007199254740993') } });
  const doc = await raw('set', 1);
  expect(doc!.a).toEqual(Long.fromNumber(5));
  expect(doc!.b).toEqual(Decimal128.fromString('1.10'));
  expect(doc!.c).toEqual(new Double(2));
  expect((doc!.d.e as Long).toString()).toBe('9007199254740993');
});

test('$inc and $mul widen to the wider type; int32 overflow becomes int64', async () => {
  const c = collection('inc');
  await c.insertOne({ _id: 1, i: 1, overflow: 2147483647, d: 0.5, m: 3, missing: 1 });
  await c.updateOne({ _id: 1 }, { $inc: { i: Long.fromNumber(2), overflow: 1, d: 1, fresh: Long.fromNumber(3) }, $mul: { m: 1.5, none: Long.fromNumber(4) } });
  const doc = await raw('inc', 1);
  expect(doc!.i).toEqual(Long.fromNumber(3));
  expect(doc!.overflow).toEqual(Long.fromNumber(2147483648));
  expect(doc!.d).toEqual(new Double(1.5));
  expect(doc!.fresh).toEqual(Long.fromNumber(3));
  expect(doc!.m).toEqual(new Double(4.5));
  expect(doc!.none).toEqual(Long.fromNumber(0));
  await c.updateOne({ _id: 1 }, { $inc: { missing: new Int32(1) } });
  expect((await raw('inc', 1))!.missing).toEqual(new Int32(2));
});

test('int64 arithmetic beyond 2^53 and decimal arithmetic are exact', async () => {
  const c = collection('exact');
  await c.insertOne({ _id: 1, big: Long.fromString('9007199254740993'), price: Decimal128.fromString('0.1'), n: 1 });
  await c.updateOne({ _id: 1 }, { $inc: { big: Long.fromNumber(1), price: Decimal128.fromString('0.2'), n: Decimal128.fromString('0.5') } });
  const doc = await raw('exact', 1);
  expect((doc!.big as Long).toString()).toBe('9007199254740994');
  expect((doc!.price as Decimal128).toString()).toBe('0.3');
  expect((doc!.n as Decimal128).toString()).toBe('1.5');
});

test('$max/$min store the operand with its type when it wins; a replacement and an upsert keep their types', async () => {
  const c = collection('others');
  await c.insertOne({ _id: 1, hi: 5, lo: 5 });
  await c.updateOne({ _id: 1 }, { $max: { hi: Long.fromNumber(100) }, $min: { lo: Long.fromNumber(7) } });
  const doc = await raw('others', 1);
  expect(doc!.hi).toEqual(Long.fromNumber(100));
  expect(doc!.lo).toEqual(new Int32(5));
  await c.replaceOne({ _id: 1 }, { total: Long.fromNumber(9), amount: Decimal128.fromString('2.50') });
  expect(await raw('others', 1)).toEqual({ _id: new Int32(1), total: Long.fromNumber(9), amount: Decimal128.fromString('2.50') });
  await c.updateOne({ _id: 2 }, { $setOnInsert: { v: Long.fromNumber(1) }, $inc: { n: Long.fromNumber(2) } }, { upsert: true });
  expect(await raw('others', 2)).toEqual({ _id: new Int32(2), v: Long.fromNumber(1), n: Long.fromNumber(2) });
  const after = await c.findOneAndUpdate({ _id: 2 }, { $set: { v: Decimal128.fromString('3') } }, { returnDocument: 'after', promoteValues: false });
  expect(after!.v).toEqual(Decimal128.fromString('3'));
});

test('a bulkWrite update keeps the types too', async () => {
  const c = collection('bulk');
  await c.insertOne({ _id: 1, n: 1 });
  await c.bulkWrite([{ updateOne: { filter: { _id: 1 }, update: { $inc: { n: Long.fromNumber(1) } } } }]);
  expect((await raw('bulk', 1))!.n).toEqual(Long.fromNumber(2));
});
