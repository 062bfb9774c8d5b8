/**
 * `$inc` and `$mul` as mongod computes them, with BSON numeric types: the result is of the wider of
 * the two types (int32 < int64 < double < decimal128), int32 overflow widens to int64, int64
 * arithmetic is exact (BigInt) and int64 overflow is refused, decimal128 arithmetic is exact decimal
 * (a double operand is first rounded to 15 significant digits, as mongod converts it).
 * mingo works on JS numbers, so these are computed here and put over its result.
 */
import { Decimal128, Double, Int32, Long } from 'bson';
import { commandError } from '../errors';
import { formatValue } from '../storage/indexing';

type Kind = 'int' | 'long' | 'double' | 'decimal';
const RANK: Record<Kind, number> = { int: 0, long: 1, double: 2, decimal: 3 };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function kindOf(value: unknown): Kind | undefined {
  if (value instanceof Int32) return 'int';
  if (value instanceof Long) return 'long';
  if (value instanceof Double) return 'double';
  if (value instanceof Decimal128) return 'decimal';
  if (typeof value === 'number') return Number.isInteger(value) && value === (value | 0) ? 'int' : 'double';
  return undefined;
}

/** The typed result of `$inc`/`$mul` of `current` (undefined: the field is missing) by `argument`. */
export function arithmetic(op: '$inc' | '$mul', current: unknown, argument: unknown, describe: () => string): unknown {
  const argKind = kindOf(argument)!;
  if (current === undefined) return op === '$inc' ? asTyped(argument, argKind) : zero(argKind);
  const currentKind = kindOf(current);
  if (!currentKind) return undefined; // not a number: mingo's validation has refused it already
  const kind = RANK[currentKind] >= RANK[argKind] ? currentKind : argKind;
  if (kind === 'int' || kind === 'long') {
    const a = toBigInt(current);
    const b = toBigInt(argument);
    const result = op === '$inc' ? a + b : a * b;
    if (kind === 'int' && result >= -(2n ** 31n) && result < 2n ** 31n) return new Int32(Number(result));
    if (result >= INT64_MIN && result <= INT64_MAX) return Long.fromBigInt(result);
    throw commandError('BadValue', `Failed to apply ${op} operations to current value (${formatValue(current)}) for document {${describe()}}`);
  }
  if (kind === 'double') {
    const a = Number(toNumber(current));
    const b = Number(toNumber(argument));
    return new Double(op === '$inc' ? a + b : a * b);
  }
  const a = toDecimal(current);
  const b = toDecimal(argument);
  if (!a || !b) {
    const x = toNumber(current);
    const y = toNumber(argument);
    return Decimal128.fromString(String(op === '$inc' ? x + y : x * y));
  }
  const result = op === '$inc' ? addDecimal(a, b) : { coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent };
  return Decimal128.fromStringWithRounding(`${result.coefficient}E${result.exponent}`);
}

function asTyped(value: unknown, kind: Kind): unknown {
  if (typeof value !== 'number') return value;
  return kind === 'int' ? new Int32(value) : new Double(value);
}

function zero(kind: Kind): unknown {
  switch (kind) {
    case 'int':
      return new Int32(0);
    case 'long':
      return Long.fromNumber(0);
    case 'double':
      return new Double(0);
    case 'decimal':
      return Decimal128.fromString('0');
  }
}

const toBigInt = (value: unknown): bigint => (value instanceof Long ? value.toBigInt() : BigInt(Number(toNumber(value))));

function toNumber(value: unknown): number {
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  return value as number;
}

interface Decimal {
  coefficient: bigint;
  exponent: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The exact decimal value; undefined for NaN and infinities. */
function toDecimal(value: unknown): Decimal | undefined {
  let text: string;
  if (value instanceof Decimal128) text = value.toString();
  else if (value instanceof Long) text = value.toString();
  else if (value instanceof Int32) text = String(value.value);
  else if (kindOf(value) === 'int') text = String(value);
  else if (kindOf(value) === 'double') {
    const n = toNumber(value);
    if (!Number.isFinite(n)) return undefined;
    text = n.toPrecision(15);
  } else return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const coefficient = BigInt(`${whole}${fraction}`);
  return { coefficient: sign === '-' ? -coefficient : coefficient, exponent: Number(exponent) - fraction.length };
}

function addDecimal(a: Decimal, b: Decimal): Decimal {
  const exponent = Math.min(a.exponent, b.exponent);
  const scale = (d: Decimal) => d.coefficient * 10n ** BigInt(d.exponent - exponent);
  return { coefficient: scale(a) + scale(b), exponent };
}
