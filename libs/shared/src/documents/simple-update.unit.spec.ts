import fc from 'fast-check';
import { update } from 'mingo';
import { applySimpleUpdate } from './simple-update';

describe('simple updates without mingo', () => {
  test('leave documents and updates it does not handle untouched', () => {
    const doc = { a: [{ b: 1 }], n: null, s: 'x' };
    for (const modifier of [{ $set: { 'a.b': 2 } }, { $set: { 'a.0': 2 } }, { $set: { 'n.b': 1 } }, { $pop: { a: 1 } }, { $set: { 'a.$': 1 } }, { $min: { s: 1 } }]) {
      const copy = structuredClone(doc);
      expect(applySimpleUpdate(copy, modifier, undefined)).toBe(false);
      expect(copy).toEqual(doc);
    }
    expect(applySimpleUpdate({ a: 1 }, { $set: { a: 2 } }, [{ x: 1 }])).toBe(false);
  });

  test('give the values mingo gives (property)', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('v', 'w'), fc.record({ q: fc.integer({ min: 0, max: 3 }) }));
    const doc = fc.record({ a: value, b: fc.record({ c: fc.integer({ min: -5, max: 5 }), d: value }, { requiredKeys: [] }), n: fc.integer({ min: -5, max: 5 }) }, { requiredKeys: [] });
    const numericPath = fc.constantFrom('n', 'b.c', 'fresh', 'b.fresh', 'new.deep');
    const anyPath = fc.constantFrom('a', 'b.d', 'fresh', 'b.fresh', 'new.deep');
    const modifier = fc.record(
      {
        $set: fc.dictionary(anyPath, value, { maxKeys: 2 }),
        $unset: fc.dictionary(anyPath, fc.constant(''), { maxKeys: 1 }),
        $inc: fc.dictionary(numericPath, fc.integer({ min: -3, max: 3 }), { maxKeys: 1 }),
        $max: fc.dictionary(numericPath, fc.integer({ min: -3, max: 3 }), { maxKeys: 1 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(doc, modifier, (original, mod) => {
        const paths = Object.values(mod).flatMap((fields) => Object.keys(fields));
        const overlaps = paths.some((p, i) => paths.some((q, j) => i !== j && (p === q || p.startsWith(`${q}.`) || q.startsWith(`${p}.`))));
        if (overlaps || paths.length === 0) return; // refused before either runs (ConflictingUpdateOperators)
        const ours = structuredClone(original);
        const theirs = structuredClone(original);
        if (!applySimpleUpdate(ours, mod, undefined)) return;
        update(theirs, mod, undefined, undefined, { cloneMode: 'none' });
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });

  test('append new fields in path order, as MongoDB 5+ does, for a few fields and for many', () => {
    const doc: Record<string, unknown> = { _id: 1 };
    expect(applySimpleUpdate(doc, { $set: { z: 1, a: 2, 'm.b': 3, 'm.a': 4 }, $inc: { c: 1 }, $setOnInsert: { b: 0 } }, undefined, { inserting: true })).toBe(true);
    expect(Object.keys(doc)).toEqual(['_id', 'a', 'b', 'c', 'm', 'z']);
    expect(Object.keys(doc.m as object)).toEqual(['a', 'b']);
    const names = Array.from({ length: 40 }, (_, i) => `f${String(39 - i).padStart(2, '0')}`); // f39 .. f00: more than the insertion sort takes
    const many: Record<string, unknown> = {};
    expect(applySimpleUpdate(many, { $set: Object.fromEntries(names.map((name) => [name, name])) }, undefined)).toBe(true);
    expect(Object.keys(many)).toEqual([...names].sort());
  });

  test('refuse what they cannot do exactly: overlapping paths, arithmetic on non-numbers, an empty operator value', () => {
    for (const modifier of [{ $set: { a: 1 }, $inc: { 'a.b': 1 } }, { $inc: { s: 1 } }, { $inc: { n: 'x' } }, { $mul: { s: 2 } }, { $set: 5 }, { $max: { s: 3 } }]) {
      const doc = { s: 'x', n: 1 };
      expect(applySimpleUpdate(doc, modifier as never, undefined)).toBe(false);
      expect(doc).toEqual({ s: 'x', n: 1 });
    }
  });

  test('apply $setOnInsert only when told the update inserts, and leave it to mingo when not told', () => {
    const inserted = { _id: 1 };
    expect(applySimpleUpdate(inserted, { $setOnInsert: { first: 'a' }, $inc: { n: 1 } }, undefined, { inserting: true })).toBe(true);
    expect(inserted).toEqual({ _id: 1, first: 'a', n: 1 });
    const existing = { _id: 1, first: 'a', n: 1 };
    expect(applySimpleUpdate(existing, { $setOnInsert: { first: 'b' }, $inc: { n: 1 } }, undefined, { inserting: false })).toBe(true);
    expect(existing).toEqual({ _id: 1, first: 'a', n: 2 });
    expect(applySimpleUpdate({ _id: 1 }, { $setOnInsert: { first: 'a' } }, undefined)).toBe(false);
  });

  test('compare strings for $min/$max in UTF-8 byte order, as MongoDB does', () => {
    const doc: Record<string, unknown> = { last: '2026-01-02T00:00:00Z', high: '\uffff' };
    expect(applySimpleUpdate(doc, { $max: { last: '2026-01-01T00:00:00Z', high: '\u{10000}' }, $min: { first: 'z' } }, undefined)).toBe(true);
    expect(doc).toEqual({ first: 'z', last: '2026-01-02T00:00:00Z', high: '\u{10000}' });
  });

  test('copy object and array operands, so documents never share them with the update', () => {
    const operand = { tags: ['a'], at: { x: 1 } };
    const one: Record<string, any> = {};
    const two: Record<string, any> = {};
    applySimpleUpdate(one, { $set: { v: operand } }, undefined);
    applySimpleUpdate(two, { $set: { v: operand } }, undefined);
    one.v.tags.push('b');
    one.v.at.x = 2;
    expect(two.v).toEqual({ tags: ['a'], at: { x: 1 } });
    expect(operand).toEqual({ tags: ['a'], at: { x: 1 } });
  });

  test('push and add to set as mingo does, for JSON-like values (property)', () => {
    const member = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a', 'b'), fc.record({ k: fc.integer({ min: 0, max: 1 }), v: fc.constantFrom('x', 'y') }));
    // Members unique: mingo's $addToSet also removes duplicates already in the array, which MongoDB does not do (tested below).
    const doc = fc.record({ list: fc.uniqueArray(member, { maxLength: 4, selector: (m) => JSON.stringify(m) }), other: fc.integer() }, { requiredKeys: ['other'] });
    const modifier = fc.oneof(
      member.map((value) => ({ $push: { list: value } })),
      member.map((value) => ({ $addToSet: { list: value } })),
      member.map((value) => ({ $addToSet: { fresh: value }, $inc: { other: 1 } })),
    );
    fc.assert(
      fc.property(doc, modifier, (original, mod) => {
        // JSON copies, not structuredClone: under Jest those come from another realm and are not plain objects here.
        const ours = JSON.parse(JSON.stringify(original));
        const theirs = JSON.parse(JSON.stringify(original));
        expect(applySimpleUpdate(ours, mod as never, undefined)).toBe(true);
        update(theirs, JSON.parse(JSON.stringify(mod)), undefined, undefined, { cloneMode: 'none' }); // mingo needs Object prototypes
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 1000 },
    );
  });

  test('leave modifiers ($each), non-arrays and non-JSON members to mingo', () => {
    for (const [doc, modifier] of [
      [{ list: [1] }, { $push: { list: { $each: [2, 3] } } }],
      [{ list: 'text' }, { $push: { list: 1 } }],
      [{ list: [new Date(0)] }, { $addToSet: { list: 1 } }],
      [{ list: [] }, { $push: { list: new Date(0) } }],
    ] as const) {
      const copy = structuredClone(doc);
      expect(applySimpleUpdate(copy as never, modifier as never, undefined)).toBe(false);
      expect(copy).toEqual(doc);
    }
  });

  test('leave duplicates already in an array alone, as MongoDB does ($addToSet only refuses to add one)', () => {
    const doc = JSON.parse('{"list":[{"k":0},{"k":0}]}');
    expect(applySimpleUpdate(doc, { $addToSet: { list: { k: 0 } } }, undefined)).toBe(true);
    expect(doc.list).toEqual([{ k: 0 }, { k: 0 }]);
    expect(applySimpleUpdate(doc, { $addToSet: { list: { k: 1 } } }, undefined)).toBe(true);
    expect(doc.list).toEqual([{ k: 0 }, { k: 0 }, { k: 1 }]);
  });
});
