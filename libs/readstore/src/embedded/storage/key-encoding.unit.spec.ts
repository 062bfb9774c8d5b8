import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { complement, encodeKey, encodeKeyValue } from './key-encoding';

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
    const sorted = keys
      .map((key, i) => ({ key, i }))
      .sort((a, b) => Buffer.compare(a.key, b.key))
      .map(({ i }) => i);
    expect(sorted).toEqual([2, 1, 0, 4, 3]);
  });
  // Stored index entries and primary keys are these bytes: a change here is a change of the on-disk
  // format (existing data directories would answer wrongly), not a refactoring.
  test.each<[string, unknown, string]>([
    ['null', null, '0a'],
    ['undefined', undefined, '0a'],
    ['zero', 0, '148000000000000000'],
    ['a negative double', -2.5, '143ffbffffffffffff'],
    ['an int32', new Int32(7), '14c01c000000000000'],
    ['a long', Long.fromNumber(123456789), '14c19d6f3454000000'],
    ['NaN', NaN, '140000000000000000'],
    ['a string with a NUL and an é', 'a\0é', '1e6100ffc3a90000'],
    ['the empty string', '', '1e0000'],
    ['true', true, '5001'],
    ['a date', new Date(Date.UTC(2026, 0, 1)), '5a8000019b76daa800'],
    ['a date before the epoch', new Date(-1000), '5a7ffffffffffffc18'],
    ['an ObjectId', new ObjectId('64b7f0a1c2d3e4f506172839'), '4664b7f0a1c2d3e4f506172839'],
    ['a Binary', new Binary(Buffer.from([1, 2, 0]), 4), '3c0000000304010200'],
    ['a Timestamp (a Long to the bson package: indexed as a number)', new Timestamp({ t: 5, i: 9 }), '14c214000000240000'],
    ['a regex', /a\0b/i, '6e615c30620000690000'],
    ['MinKey', new MinKey(), '05'],
    ['MaxKey', new MaxKey(), 'fe'],
    ['an array', [1, 'x', [null]], '320114bff0000000000000011e7800000132010a0000'],
    ['an object', { 'k\0': 1, b: { c: 'd' } }, '28016b00ff000014bff00000000000000162000028016300001e6400000000'],
  ])('encodes %s exactly as stored keys have it', (_name, value, hex) => {
    expect(encodeKeyValue(value).toString('hex')).toBe(hex);
    expect(encodeKey(0x01020304, [value]).toString('hex')).toBe(`01020304${hex}`);
    expect(encodeKey(7, [value, 'z'], [true, false]).toString('hex')).toBe(`00000007${complement(Buffer.from(hex, 'hex')).toString('hex')}1e7a0000`);
  });

  test.each([5_000, 50_000])('a long string (%i × é) grows the scratch buffer, encodes whole, and the next key is right', (length) => {
    const long = 'é'.repeat(length);
    const key = encodeKeyValue(long);
    expect(key.length).toBe(1 + 2 * length + 2);
    expect(key.subarray(1, 1 + 2 * length).toString('utf8')).toBe(long);
    expect(encodeKeyValue('after').toString('hex')).toBe('1e61667465720000');
    expect(encodeKey(1, ['a', long]).subarray(0, 8).toString('hex')).toBe('000000011e610000');
  });
});
