/**
 * canonicalize takes a fast path (one native JSON.stringify, after a walk that reorders unsorted
 * objects in a copy) and leaves anything doubtful to the member-by-member canonicalizer. Both are
 * held to the RFC 8785 authors' vectors, and the fast path to the careful one on any value.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { canonicalize, canonicalizeCarefully, canonicalizeNatively } from './canonical-json';

/** What a canonicalizer gives for a value: its text, or the refusal with the place it names. */
const outcome = (canonicalizer: (value: unknown) => string, value: unknown): { text: string } | { refused: string } => {
  try {
    return { text: canonicalizer(value) };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
};

// The shared folder sits beside the repository (../shared/vectors from its root), not in it.
const JCS_VECTORS = path.resolve(__dirname, '../../../../../shared/vectors/jcs-rfc8785');
const haveVectors = fs.existsSync(JCS_VECTORS);
const describeWithVectors = haveVectors ? describe : describe.skip;

describeWithVectors(`canonicalize on the RFC 8785 authors' vectors${haveVectors ? '' : ` (skipped: ${JCS_VECTORS} is absent)`}`, () => {
  const cases = haveVectors ? fs.readdirSync(path.join(JCS_VECTORS, 'input')).filter((name) => name.endsWith('.json')) : [];

  it('has the six canonicalization pairs', () => {
    expect(cases.sort()).toEqual(['arrays.json', 'french.json', 'structures.json', 'unicode.json', 'values.json', 'weird.json']);
  });

  it.each(cases)('writes %s byte for byte as the expected output, on both paths', (name) => {
    const input = JSON.parse(fs.readFileSync(path.join(JCS_VECTORS, 'input', name), 'utf8'));
    const expected = fs.readFileSync(path.join(JCS_VECTORS, 'output', name));
    expect(Buffer.from(canonicalize(input), 'utf8').equals(expected)).toBe(true);
    expect(Buffer.from(canonicalizeCarefully(input), 'utf8').equals(expected)).toBe(true);
  });

  it('writes the first 100,000 numbers of the ES6 number file as expected, inside objects and arrays too', () => {
    const lines = fs
      .readFileSync(path.join(JCS_VECTORS, 'numbers', 'es6testfile-first100k.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines).toHaveLength(100_000);
    const bits = new DataView(new ArrayBuffer(8));
    const wrong: string[] = [];
    for (const line of lines) {
      const [hex, expected] = line.split(',') as [string, string];
      bits.setBigUint64(0, BigInt(`0x${hex}`));
      const number = bits.getFloat64(0);
      if (canonicalize(number) !== expected || canonicalize({ z: [number], a: number }) !== `{"a":${expected},"z":[${expected}]}`) wrong.push(line);
    }
    expect(wrong).toEqual([]);
  });
});

describe('canonicalize: the fast path against the careful one', () => {
  it('decides ordinary events itself (else every hash would take the slow way)', () => {
    const event = {
      data: { parcelId: 'p-1', from: { kind: 'courier', id: 'c-17' }, tags: ['a', 'b'], weightGrams: 1250.5, fragile: false, notes: null },
      eventId: 'e-1',
      metadata: { schemaVersion: 2, $correlationId: 'c', actor: { kind: 'courier', id: 'c-17' }, occurredAt: '2026-01-01T00:00:00.000Z' },
      previousHash: null,
      schemaVersion: 2,
      streamName: 'parcel-p-1',
      type: 'ParcelHandoffAccepted',
    };
    expect(canonicalizeNatively(event)).toBe(canonicalizeCarefully(event));
  });

  it.each<[string, () => unknown]>([
    ['integer-like names out of code-unit order', () => ({ b: 1, '10': 2, '9': 3, a: { '2': 0, '10': 1 } })],
    ['a __proto__ member read from JSON', () => JSON.parse('{"z":1,"__proto__":{"x":1},"a":2}')],
    ['a __proto__ member in a sorted object whose child is reordered', () => JSON.parse('{"__proto__":{"y":1,"x":2},"a":1}')],
    ['text that spells a surrogate escape', () => ({ note: 'C:\\ud800\\x', '\\udc00': 'name' })],
    ['a lone surrogate in a nested value', () => ({ a: [{ b: 'x\ud800' }] })],
    ['a lone surrogate in a member name', () => ({ z: 1, ['a\udfff']: 2 })],
    ['a well-formed pair and other escapes', () => ({ e: '😀\u0000\u001f"\\\u2028', d: '\u00e9' })],
    ['a non-finite number deep down', () => ({ a: { b: [1, -Infinity] } })],
    ['undefined in an array and as a member', () => ({ a: [undefined], b: undefined })],
    ['undefined members around a reordered child', () => ({ a: undefined, b: { z: 1, y: 2 }, c: undefined })],
    ['a hole in an array', () => ({ a: [1, , 3] })], // eslint-disable-line no-sparse-arrays
    ['a Date, a Map, a Buffer', () => ({ at: new Date(0), m: new Map(), b: Buffer.from('x') })],
    [
      'an Array subclass with its own toJSON',
      () => ({
        list: new (class extends Array {
          toJSON = () => 'x';
        })(),
      }),
    ],
    ['a toJSON member that is not a function', () => ({ toJSON: 'kept', a: 1 })],
    ['a null-prototype object', () => Object.assign(Object.create(null), { b: 1, a: { d: 1, c: 2 } })],
    [
      'a cycle',
      () => {
        const cyclic: Record<string, unknown> = { a: 1 };
        cyclic.self = { back: cyclic };
        return cyclic;
      },
    ],
    ['a value nested 80 deep', () => Array.from({ length: 80 }).reduce<unknown>((inner) => ({ inner, a: 1 }), 'bottom')],
    ['minus zero and large integers', () => ({ z: -0, big: 2 ** 53 + 2, small: 5e-324 })],
  ])('gives what the careful path gives for %s', (_label, make) => {
    expect(outcome(canonicalize, make())).toEqual(outcome(canonicalizeCarefully, make()));
  });

  it('leaves the whole value to the careful path when toJSON has been added to Object.prototype', () => {
    const value = { b: { y: 1, x: 2 }, a: 1 };
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'polluted', configurable: true, writable: true });
    try {
      expect(canonicalizeNatively(value)).toBeUndefined();
      expect(canonicalize(value)).toBe('{"a":1,"b":{"x":2,"y":1}}');
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
    }
  });

  it('gives what the careful path gives for any JSON value, in any member order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalize(value)).toBe(canonicalizeCarefully(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives what the careful path gives, or the same refusal, for values JSON cannot hold (property)', () => {
    const awkwardKey = fc.oneof(fc.string(), fc.constantFrom('__proto__', '10', '9', '01', 'toJSON', '\ud800', 'a\udc00b'), fc.integer({ min: 0, max: 5_000 }).map(String));
    const leaf = fc.oneof(
      fc.string({ unit: 'binary' }), // lone surrogates included
      fc.double(), // NaN and infinities included
      fc.constantFrom(undefined, null, true, false, -0, '\\ud83d', 10n, new Date(0)),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(awkwardKey, tie('value'), { maxKeys: 5 }),
    }));
    fc.assert(
      fc.property(value, (generated) => {
        expect(outcome(canonicalize, generated)).toEqual(outcome(canonicalizeCarefully, generated));
      }),
      { numRuns: 3_000 },
    );
  });
});
