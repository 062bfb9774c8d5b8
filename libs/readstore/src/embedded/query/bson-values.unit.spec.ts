import { Decimal128, Double, Int32, Long, ObjectId, serialize } from 'bson';
import { Query } from 'mingo';
import { queryView, restoreTypes, storedId, toQueryValues, typedDocument } from './bson-values';

const stored = (doc: Record<string, unknown>) => Buffer.from(serialize(doc));

describe('the BSON / mingo boundary', () => {
  test('without adaptation mingo compares Decimal128 as strings and Long by identity (why the view exists)', () => {
    expect(new Query({ d: { $gt: Decimal128.fromString('9') } }).test({ d: Decimal128.fromString('10') })).toBe(false);
    expect(new Query({ l: 5 }).test({ l: Long.fromString('5') })).toBe(false);
  });

  test('in the query view every BSON number compares numerically', () => {
    const view = queryView(stored({ d: Decimal128.fromString('10'), l: Long.fromString('5'), i: new Int32(3), f: new Double(2) }));
    const filter = (f: Record<string, unknown>) => new Query(toQueryValues(f) as Record<string, unknown>).test(view);
    expect(filter({ d: { $gt: Decimal128.fromString('9') } })).toBe(true);
    expect(filter({ d: { $gt: 9.5, $lt: 10.5 } })).toBe(true);
    expect(filter({ l: 5 })).toBe(true);
    expect(filter({ l: Long.fromNumber(5) })).toBe(true);
    expect(filter({ i: 3, f: 2 })).toBe(true);
  });

  test('ObjectId and Date equality and order work in mingo as they are', () => {
    const id = new ObjectId();
    const view = queryView(stored({ _id: id, at: new Date(1000) }));
    expect(new Query({ _id: new ObjectId(id.toHexString()) }).test(view)).toBe(true);
    expect(new Query({ at: { $gte: new Date(1000), $lt: new Date(1001) } }).test(view)).toBe(true);
    expect(new Query({ _id: { $gt: new ObjectId('000000000000000000000000') } }).test(view)).toBe(true);
  });

  test('restoreTypes gives computed numbers back their stored BSON type', () => {
    const typed = typedDocument(stored({ l: Long.fromNumber(5), f: new Double(2), d: Decimal128.fromString('1.10'), i: new Int32(1), nested: { l: Long.fromNumber(1) } }));
    const restored = restoreTypes({ l: 6, f: 2, d: 1.1, i: 4, nested: { l: 1 }, added: 3 }, typed) as Record<string, any>;
    expect(restored.l).toEqual(Long.fromNumber(6));
    expect(restored.f).toBeInstanceOf(Double);
    expect(restored.d.toString()).toBe('1.10'); // unchanged value keeps its exact decimal
    expect(restored.i).toEqual(new Int32(4));
    expect(restored.nested.l).toEqual(Long.fromNumber(1));
    expect(restored.added).toBe(3);
  });
});

describe('storedId', () => {
  it.each([
    ['a string', 'parcel-42'],
    ['a non-ASCII string', 'colis-été-北'],
    ['an empty string', ''],
    ['an ObjectId', new ObjectId('6565b0f0c0ffee0000000001')],
    ['an int32', new Int32(7)],
    ['an int64', Long.fromString('9007199254740993')],
    ['a double', 2.5],
    ['a decimal', Decimal128.fromString('1.10')],
    ['a subdocument', { hub: 'h1', n: 2 }],
  ])('reads %s _id exactly as a typed decode does', (_what, id) => {
    const bytes = stored({ _id: id, rest: { deep: [1, 2, 3] }, name: 'x' });
    expect(storedId(bytes)).toEqual(typedDocument(bytes)._id);
  });
});
