import { Binary, Decimal128, deserialize, Double, Int32, Long, ObjectId, serialize } from 'bson';
import fc from 'fast-check';
import { queryView } from './bson-values';
import { mingoProjector } from './executor';
import { rawFieldProjection } from './raw-projection';

const bytesOf = (doc: Record<string, unknown>) => Buffer.from(serialize(doc));
/** Every BSON type kept, so an Int32 turned into a Double (or a Long into a number) is a difference. */
const typed = (bytes: Buffer | Record<string, unknown>) => deserialize(Buffer.isBuffer(bytes) ? bytes : serialize(bytes), { promoteValues: false, promoteBuffers: false });
const throughMingo = (projection: Record<string, unknown>, bytes: Buffer) => mingoProjector({}, projection)({ primaryKey: Buffer.alloc(0), bytes, view: queryView(bytes) });

const FIELDS = ['_id', 'a', 'b', 'c', 'd', 'e'];
const value = fc.oneof(
  fc.integer().map((n) => new Int32(n)),
  fc.double({ noNaN: true }).map((n) => new Double(n)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => Long.fromBigInt(n)),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
  fc.constant(Decimal128.fromString('12.50')),
  fc.constant(new ObjectId('65a1b2c3d4e5f60718293a4b')),
  fc.uint8Array({ maxLength: 8 }).map((bytes) => new Binary(bytes)),
  fc.dictionary(fc.constantFrom('x', 'y'), fc.string(), { maxKeys: 2 }),
  fc.array(fc.integer(), { maxLength: 3 }),
);
/** Documents with `_id` first, as stored ones are. */
const document = fc.tuple(fc.string({ minLength: 1 }), fc.dictionary(fc.constantFrom(...FIELDS.slice(1)), value)).map(([id, rest]) => ({ _id: id, ...rest }));
const flag = fc.oneof(fc.constantFrom(0, 1, true, false), fc.integer({ min: -3, max: 3 }));
const projection = fc.dictionary(fc.constantFrom(...FIELDS), flag, { minKeys: 1 });

describe('whole-field projections on stored bytes', () => {
  test('keep the fields mingo keeps, every BSON type exactly, in stored order', () => {
    fc.assert(
      fc.property(document, projection, (doc, fields) => {
        const raw = rawFieldProjection(fields);
        fc.pre(raw !== undefined); // mixing inclusion and exclusion is mingo's to refuse
        const bytes = bytesOf(doc);
        const expected = typed(throughMingo(fields, bytes) as Record<string, unknown>);
        const actual = typed(raw!(bytes));
        expect(actual).toEqual(expected);
        // In stored order, as MongoDB returns them (mingo orders an inclusion by the projection's keys).
        expect(Object.keys(actual)).toEqual(Object.keys(doc).filter((name) => name in expected));
      }),
      { numRuns: 400 },
    );
  });

  test('`_id` alone is an inclusion, `_id: 0` alone an exclusion, and a projection that drops nothing returns the stored bytes', () => {
    const bytes = bytesOf({ _id: 'p-1', a: 1, b: 'x' });
    expect(typed(rawFieldProjection({ _id: 1 })!(bytes))).toEqual({ _id: 'p-1' });
    expect(typed(rawFieldProjection({ _id: 0 })!(bytes))).toEqual({ a: new Int32(1), b: 'x' });
    expect(rawFieldProjection({ missing: 0 })!(bytes)).toBe(bytes);
    expect(rawFieldProjection({ _id: 1, a: 1, b: 1 })!(bytes)).toBe(bytes);
  });

  test('leaves paths, operators, expressions and mixed projections to mingo', () => {
    expect(rawFieldProjection({ 'a.b': 1 })).toBeUndefined();
    expect(rawFieldProjection({ a: { $slice: 2 } })).toBeUndefined();
    expect(rawFieldProjection({ 'a.$': 1 })).toBeUndefined();
    expect(rawFieldProjection({ a: 'literal' })).toBeUndefined();
    expect(rawFieldProjection({ a: 1, b: 0 })).toBeUndefined();
    expect(rawFieldProjection({ _id: 1, b: 0 })).toBeUndefined();
  });
});
