import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { canonicalize, CanonicalizationError } from './canonical-json';

/** Reads an IEEE 754 double from its 16 hex digits, as RFC 8785 Appendix B lists them. */
const double = (hex: string) => new DataView(Uint8Array.from(Buffer.from(hex, 'hex')).buffer).getFloat64(0);

describe('canonicalize (RFC 8785)', () => {
  it('matches the RFC 8785 section 3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts members by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",' +
        ' "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    // (Not checked through Object.keys: JavaScript lists integer-like names such as "1" first.)
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // RFC 8785 Appendix B: IEEE 754 value → canonical text.
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the number %s as %s', (hex, expected) => {
    expect(canonicalize(double(hex))).toBe(expected);
  });

  it.each([
    ['NaN (7fffffffffffffff)', double('7fffffffffffffff')],
    ['Infinity (7ff0000000000000)', double('7ff0000000000000')],
  ])('refuses %s', (_label, value) => {
    expect(() => canonicalize(value)).toThrow(CanonicalizationError);
  });

  it('escapes control characters in lowercase hex and leaves other characters as they are', () => {
    expect(canonicalize('\u0000\u001f\b\t\n\f\r"\\/é😀')).toBe('"\\u0000\\u001f\\b\\t\\n\\f\\r\\"\\\\/é😀"');
  });

  it('sorts nested members and keeps array order', () => {
    expect(canonicalize({ b: [3, { z: 1, a: 2 }], a: { y: null, x: true } })).toBe('{"a":{"x":true,"y":null},"b":[3,{"a":2,"z":1}]}');
  });

  it('leaves out undefined members, as storing the event with JSON.stringify does', () => {
    expect(canonicalize({ a: 1, note: undefined })).toBe('{"a":1}');
  });

  it.each<[string, unknown]>([
    ['a lone surrogate', { name: 'broken \ud83d' }],
    ['a lone surrogate in a member name', { ['\udc00']: 1 }],
    ['a bigint', { n: 10n }],
    ['a Date', { at: new Date(0) }],
    ['a Buffer', { bytes: Buffer.from('x') }],
    ['undefined in an array', [1, undefined]],
    ['a function', { f: () => 1 }],
  ])('refuses %s rather than guess', (_label, value) => {
    expect(() => canonicalize(value)).toThrow(CanonicalizationError);
  });

  it.each<[unknown, string]>([
    [{ data: { items: [1, { price: Number.NaN }] } }, '$.data.items[1].price'],
    [[0, [1, { '\udc00': 1 }]], '$[1][1].\udc00'],
    [{ a: 'ok', b: [new Date(0)] }, '$.b[0]'],
  ])('names where the refused value sits', (value, path) => {
    expect(() => canonicalize(value)).toThrow(expect.objectContaining({ path }));
  });

  it('writes any JSON value as JSON.stringify writes it, members sorted by name (property)', () => {
    // Not JSON.stringify of a re-sorted object: objects list integer-like names first, whatever the order they were added in.
    const oracle = (value: unknown): string =>
      Array.isArray(value)
        ? `[${value.map(oracle).join(',')}]`
        : value !== null && typeof value === 'object'
          ? `{${Object.keys(value)
              .sort()
              .map((key) => `${JSON.stringify(key)}:${oracle((value as Record<string, unknown>)[key])}`)
              .join(',')}}`
          : JSON.stringify(value);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalize(value)).toBe(oracle(value));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a cycle but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalize({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow('cycle');
  });

  it("accepts a plain object of another realm (a worker thread's or vm context's Object)", () => {
    const foreign = runInNewContext('({ b: [1, { z: true }], a: "x" })');
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(canonicalize(foreign)).toBe('{"a":"x","b":[1,{"z":true}]}');
    expect(() => canonicalize(runInNewContext('({ at: new Date(0) })'))).toThrow(CanonicalizationError);
  });
});
