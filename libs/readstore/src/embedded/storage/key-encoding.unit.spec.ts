import { Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId } from 'bson';
import { complement, encodeKeyValue } from './key-encoding';

const order = (values: unknown[]) =>
  values
    .map((value, i) => ({ i, key: encodeKeyValue(value) }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ i }) => i);

describe('order-preserving key encoding', () => {
  test('numbers of every BSON type compare numerically, negatives and NaN included', () => {
    const values = [NaN, -Infinity, -1e300, -5, new Int32(-1), 0, new Double(0.5), 1, Long.fromNumber(2), Decimal128.fromString('2.5'), 1e12, Infinity];
    expect(order(values)).toEqual(values.map((_, i) => i));
    expect(encodeKeyValue(new Int32(3))).toEqual(encodeKeyValue(Long.fromNumber(3)));
    expect(encodeKeyValue(-0)).toEqual(encodeKeyValue(0));
  });

  test('strings compare by UTF-8 bytes and are prefix-free ("a" < "a\\0" < "ab")', () => {
    const values = ['', 'a', 'a\0', 'a\0b', 'ab', 'b', 'é'];
    expect(order(values)).toEqual(values.map((_, i) => i));
  });

  test('types follow MongoDB order: MinKey < null < numbers < strings < objects < ObjectId < booleans < dates < MaxKey', () => {
    const values = [new MinKey(), null, 5, 'x', { a: 1 }, new ObjectId('000000000000000000000001'), false, true, new Date(0), new MaxKey()];
    expect(order(values)).toEqual(values.map((_, i) => i));
    expect(encodeKeyValue(undefined)).toEqual(encodeKeyValue(null));
  });

  test('dates before the epoch sort first; ObjectIds by bytes', () => {
    const values = [new Date(-1000), new Date(0), new Date(1000)];
    expect(order(values)).toEqual([0, 1, 2]);
    const ids = [new ObjectId('000000000000000000000002'), new ObjectId('00000000000000000000000a'), new ObjectId('ff0000000000000000000000')];
    expect(order(ids)).toEqual([0, 1, 2]);
  });

  test('the complement reverses the order (descending index fields), also as a prefix of compound keys', () => {
    const values = ['a', 'ab', 'b', 3, 4];
    const keys = values.map((v) => Buffer.concat([complement(encodeKeyValue(v)), Buffer.from('suffix')]));
    const sorted = keys.map((key, i) => ({ key, i })).sort((a, b) => Buffer.compare(a.key, b.key)).map(({ i }) => i);
    expect(sorted).toEqual([2, 1, 0, 4, 3]);
  });
});
