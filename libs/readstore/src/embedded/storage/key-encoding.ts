/**
 * Order-preserving binary encoding of BSON values, for LMDB keys (the `_id` of a document and the
 * fields of a secondary index). Comparing two encodings byte by byte orders them as MongoDB orders
 * the values (its BSON comparison order: MinKey < null < numbers < strings < objects < arrays <
 * binary < ObjectId < booleans < dates < timestamps < regexes < MaxKey), and every encoding is
 * self-delimiting, so a compound key is just the concatenation of its parts.
 *
 * Numbers of every BSON type (int32, int64, double, decimal128) are one type and are encoded as a
 * double: an int64 beyond 2^53 or a decimal128 loses precision, so the index may return a few
 * extra candidates, which the matcher then rejects (query results are always re-checked).
 * A descending index field stores the bitwise complement of the encoding, which reverses its order.
 */
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, BSONRegExp } from 'bson';

export const TAG = {
  minKey: 0x05,
  null: 0x0a,
  number: 0x14,
  string: 0x1e,
  object: 0x28,
  array: 0x32,
  binary: 0x3c,
  objectId: 0x46,
  boolean: 0x50,
  date: 0x5a,
  timestamp: 0x64,
  regex: 0x6e,
  maxKey: 0xfe,
} as const;

/** Encodes one value. `undefined` (a missing field) encodes like null, as in MongoDB indexes. */
export function encodeKeyValue(value: unknown): Buffer {
  const parts: Buffer[] = [];
  encodeInto(value, parts);
  return Buffer.concat(parts);
}

/** Encodes the number as MongoDB compares it, or undefined when the value is not a number. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  return undefined;
}

function encodeInto(value: unknown, out: Buffer[]): void {
  if (value === undefined || value === null) return void out.push(Buffer.of(TAG.null));
  const number = numericValue(value);
  if (number !== undefined) return void out.push(Buffer.of(TAG.number), encodeDouble(number));
  if (typeof value === 'string') return void out.push(Buffer.of(TAG.string), escapeBytes(Buffer.from(value, 'utf8')));
  if (typeof value === 'boolean') return void out.push(Buffer.of(TAG.boolean, value ? 1 : 0));
  if (value instanceof Date) return void out.push(Buffer.of(TAG.date), encodeInt64(BigInt(value.getTime())));
  if (value instanceof ObjectId) return void out.push(Buffer.of(TAG.objectId), Buffer.from(value.id));
  if (value instanceof Binary) {
    const length = Buffer.alloc(5);
    length.writeUInt32BE(value.position, 0);
    length[4] = value.sub_type;
    return void out.push(Buffer.of(TAG.binary), length, Buffer.from(value.buffer.subarray(0, value.position)));
  }
  if (value instanceof Timestamp) return void out.push(Buffer.of(TAG.timestamp), encodeUint64(value.toBigInt()));
  if (value instanceof RegExp || value instanceof BSONRegExp) {
    const source = value instanceof RegExp ? value.source : value.pattern;
    const flags = value instanceof RegExp ? value.flags : value.options;
    return void out.push(Buffer.of(TAG.regex), escapeBytes(Buffer.from(source)), escapeBytes(Buffer.from(flags)));
  }
  if (value instanceof MinKey) return void out.push(Buffer.of(TAG.minKey));
  if (value instanceof MaxKey) return void out.push(Buffer.of(TAG.maxKey));
  if (Array.isArray(value)) {
    out.push(Buffer.of(TAG.array));
    for (const item of value) {
      out.push(Buffer.of(1));
      encodeInto(item, out);
    }
    return void out.push(Buffer.of(0));
  }
  if (typeof value === 'object') {
    out.push(Buffer.of(TAG.object));
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      out.push(Buffer.of(1), escapeBytes(Buffer.from(name, 'utf8')));
      encodeInto(item, out);
    }
    return void out.push(Buffer.of(0));
  }
  throw new Error(`cannot index a value of type ${typeof value}`);
}

/** The smallest and largest possible encodings of a type: bounds for a type-bracketed range. */
export const typeStart = (tag: number): Buffer => Buffer.of(tag);
export const typeEnd = (tag: number): Buffer => Buffer.of(tag + 1);

/** Every key starting with `prefix` is >= prefix and < prefixEnd(prefix). */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] !== 0xff) {
      end[i] += 1;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.concat([prefix, Buffer.alloc(8, 0xff)]);
}

export function complement(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = ~bytes[i]! & 0xff;
  return out;
}

export function tagOf(value: unknown): number {
  return encodeKeyValue(value)[0]!;
}

/** 0x00 becomes 0x00 0xff and the string ends with 0x00 0x00, so "a" < "a\0" < "ab" holds. */
function escapeBytes(bytes: Buffer): Buffer {
  const zeros = bytes.reduce((n, b) => (b === 0 ? n + 1 : n), 0);
  const out = Buffer.allocUnsafe(bytes.length + zeros + 2);
  let j = 0;
  for (const b of bytes) {
    out[j++] = b;
    if (b === 0) out[j++] = 0xff;
  }
  out[j++] = 0;
  out[j] = 0;
  return out;
}

function encodeDouble(value: number): Buffer {
  const out = Buffer.allocUnsafe(8);
  // NaN sorts below every other number in MongoDB; -0 equals 0.
  out.writeDoubleBE(Number.isNaN(value) ? -Infinity : value === 0 ? 0 : value, 0);
  if (Number.isNaN(value)) {
    out.fill(0);
    return out;
  }
  if (out[0]! & 0x80) {
    for (let i = 0; i < 8; i++) out[i] = ~out[i]! & 0xff;
  } else {
    out[0] = out[0]! | 0x80;
  }
  // keep NaN (all zero bytes) strictly below -Infinity (0x00 0x0f ...)
  return out;
}

function encodeInt64(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeBigUInt64BE(BigInt.asUintN(64, value + (1n << 63n)), 0);
  return out;
}

function encodeUint64(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeBigUInt64BE(BigInt.asUintN(64, value), 0);
  return out;
}
