import { ObjectId, serialize } from 'bson';
import fc from 'fast-check';
import { Query } from 'mingo';
import { queryView, toQueryValues } from './bson-values';
import { compareUtf8 } from '@handoff/shared/documents/compare-utf8';
import { compileFastFilter } from './fast-filter';

const view = (doc: Record<string, unknown>) => queryView(Buffer.from(serialize(doc)));
const mingo = (filter: Record<string, unknown>) => new Query(toQueryValues(filter) as Record<string, unknown>, { idKey: '_id', useStrictMode: true });

describe('the fast matcher', () => {
  test('decides scalar documents as MongoDB does: numeric across types, type-bracketed, missing matches nothing', () => {
    const fast = (filter: Record<string, unknown>, doc: Record<string, unknown>) => compileFastFilter(toQueryValues(filter) as Record<string, unknown>)!(view(doc));
    expect(fast({ n: 5 }, { n: 5.0 })).toBe(true);
    expect(fast({ n: { $gt: 4, $lte: 5 } }, { n: 5 })).toBe(true);
    expect(fast({ n: { $gt: 4 } }, { n: '9' })).toBe(false);
    expect(fast({ s: { $lt: 'b' } }, { s: 5 })).toBe(false);
    expect(fast({ s: { $gte: 'a' } }, { s: 'abc' })).toBe(true);
    expect(fast({ 'a.b': 'x' }, { a: { b: 'x' } })).toBe(true);
    expect(fast({ 'a.b': 'x' }, { a: 'x' })).toBe(false);
    expect(fast({ missing: { $lt: 10 } }, { other: 1 })).toBe(false);
    expect(fast({ at: { $gte: new Date(1000) } }, { at: new Date(1000) })).toBe(true);
    expect(fast({ at: { $gte: new Date(1000) } }, { at: 2000 })).toBe(false);
    expect(fast({ s: { $in: ['a', 'b'] } }, { s: 'b' })).toBe(true);
    expect(fast({ $and: [{ a: 1 }, { b: true }] }, { a: 1, b: false })).toBe(false);
    expect(fast({}, { a: [1] })).toBe(true);
    expect(fast({ p: { $not: { $gte: 7 } } }, { p: 6 })).toBe(true);
    expect(fast({ p: { $not: { $gte: 7 } } }, { p: 7 })).toBe(false);
    expect(fast({ p: { $not: { $gte: 7 } } }, {})).toBe(true);
    expect(fast({ p: { $not: { $gte: 7 } } }, { p: 'x' })).toBe(true);
    expect(fast({ p: { $ne: 'x' } }, { p: 'y' })).toBe(true);
    expect(fast({ p: { $ne: 'x' }, q: 1 }, { p: 'x', q: 1 })).toBe(false);
    expect(fast({ at: { $gte: 5 }, $or: [{ at: { $gt: 5 } }, { _id: { $gt: 'p-2' } }] }, { _id: 'p-3', at: 5 })).toBe(true);
    expect(fast({ at: { $gte: 5 }, $or: [{ at: { $gt: 5 } }, { _id: { $gt: 'p-2' } }] }, { _id: 'p-2', at: 5 })).toBe(false);
    expect(compileFastFilter({ $or: [{ a: 1 }, { b: 2 }] })!(view({ a: [1], b: 2 }))).toBe(true); // one clause decides
    expect(compileFastFilter({ $or: [{ a: 1 }, { b: 2 }] })!(view({ a: [1], b: 3 }))).toBeUndefined();
  });

  test('leaves arrays, NaN and non-plain values on the path to mingo', () => {
    const fast = compileFastFilter({ 'a.b': 1 })!;
    expect(fast(view({ a: [{ b: 1 }] }))).toBeUndefined();
    expect(fast(view({ a: { b: [1, 2] } }))).toBeUndefined();
    expect(compileFastFilter({ n: { $lt: 1 } })!(view({ n: NaN }))).toBeUndefined();
  });

  test('is not used for filters with richer semantics', () => {
    for (const filter of [
      { a: null },
      { a: { $ne: null } },
      { a: { $not: { $ne: 1 } } },
      { a: { $not: /x/ } },
      { a: /x/ },
      { a: { b: 1 } },
      { a: [1] },
      { $or: [] },
      { $or: [{ a: 1 }, { b: null }] },
      { a: { $exists: true } },
      { a: NaN },
      { a: { $gt: true } },
    ]) {
      expect(compileFastFilter(filter as Record<string, unknown>)).toBeUndefined();
    }
  });

  test('orders strings by UTF-8 bytes (code points), as index keys do', () => {
    expect(compareUtf8('\uffff', '\u{10000}')).toBeLessThan(0); // UTF-16 units would say otherwise
    expect(compareUtf8('a', 'ab')).toBeLessThan(0);
    expect(compareUtf8('b', 'a')).toBeGreaterThan(0);
    expect(compareUtf8('é', 'é')).toBe(0);
  });

  test('agrees with mingo on every document it decides (property)', () => {
    const oid = fc.constantFrom(new ObjectId('000000000000000000000001'), new ObjectId('000000000000000000000002'));
    const scalar = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.constantFrom('a', 'b', 'ab', ''),
      fc.boolean(),
      fc.constantFrom(new Date(1), new Date(2)),
      oid,
    );
    const stored = fc.oneof(scalar, fc.constant(null), fc.array(scalar, { maxLength: 3 }), fc.record({ b: scalar }), fc.array(fc.record({ b: scalar }), { maxLength: 2 }));
    const rangeValue = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b'), fc.constantFrom(new Date(1), new Date(2)), oid);
    const condition = fc.oneof(
      scalar,
      fc.record({ $gt: rangeValue }, { requiredKeys: [] }),
      fc.record({ $gte: rangeValue, $lt: rangeValue }, { requiredKeys: [] }),
      fc.record({ $lte: rangeValue, $eq: scalar }, { requiredKeys: [] }),
      fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }),
      fc.record({ $ne: scalar }),
      fc.record({ $not: fc.record({ $gte: rangeValue, $lt: rangeValue }, { requiredKeys: ['$gte'] }) }),
      fc.record({ $ne: scalar, $gt: rangeValue }),
    );
    fc.assert(
      fc.property(
        fc.record({ a: stored, c: stored }, { requiredKeys: [] }),
        fc.constantFrom('a', 'a.b', 'c'),
        condition,
        fc.constantFrom('a', 'c'),
        condition,
        fc.integer({ min: 0, max: 2 }),
        (doc, field, cond, other, otherCond, shape) => {
          const empty = (c: unknown) => !!c && typeof c === 'object' && !(c instanceof Date) && !(c instanceof ObjectId) && Object.keys(c).length === 0;
          if (empty(cond) || empty(otherCond)) return;
          // one predicate, an `$or` of two, or one beside an `$or`
          const filter = shape === 0 ? { [field]: cond } : shape === 1 ? { $or: [{ [field]: cond }, { [other]: otherCond }] } : { [field]: cond, $or: [{ [other]: otherCond }, { c: 1 }] };
          const fast = compileFastFilter(toQueryValues(filter) as Record<string, unknown>);
          if (!fast) return;
          const v = view(doc);
          const verdict = fast(v);
          if (verdict !== undefined) expect(verdict).toBe(mingo(filter).test(v));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
