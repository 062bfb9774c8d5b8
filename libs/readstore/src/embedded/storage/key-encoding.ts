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
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, BSONRegExp } from 'bson';

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
  encodeInto(value, SCRATCH.reset());
  return SCRATCH.take();
}

/**
 * A key made of a 4-byte big-endian prefix (a collection or index id) and encoded values, those of
 * descending fields complemented: a primary key, or an index entry's prefix. Built in one scratch
 * buffer and copied out once (a key used to be a dozen small buffers concatenated: measurable on
 * every insert).
 */
export function encodeKey(prefix: number, values: readonly unknown[], descending?: readonly boolean[]): Buffer {
  const out = SCRATCH.reset();
  out.uint32(prefix);
  for (let i = 0; i < values.length; i++) {
    const start = out.length;
    encodeInto(values[i], out);
    if (descending?.[i]) out.complementFrom(start);
  }
  return out.take();
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

/** Bytes appended to a growing scratch buffer; `take()` copies them out. Not re-entrant: one key at a time. */
class KeyWriter {
  private static readonly INITIAL_BYTES = 512;
  private static readonly KEEP_BYTES = 64 * 1024;
  private buffer = Buffer.allocUnsafe(KeyWriter.INITIAL_BYTES);
  length = 0;

  reset(): this {
    this.length = 0;
    return this;
  }

  take(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    this.buffer.copy(out, 0, 0, this.length);
    // A large `_id` (a sub-document can be megabytes) must not pin a large scratch buffer for good.
    if (this.buffer.length > KeyWriter.KEEP_BYTES) this.buffer = Buffer.allocUnsafe(KeyWriter.INITIAL_BYTES);
    return out;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.length++] = value;
  }

  bytes(value: Uint8Array): void {
    this.room(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  uint32(value: number): void {
    this.room(4);
    this.buffer.writeUInt32BE(value, this.length);
    this.length += 4;
  }

  uint64(value: bigint): void {
    this.room(8);
    this.buffer.writeBigUInt64BE(value, this.length);
    this.length += 8;
  }

  double(value: number): void {
    this.room(8);
    this.buffer.writeDoubleBE(value, this.length);
    this.length += 8;
  }

  /** Escaped bytes: 0x00 becomes 0x00 0xff, and 0x00 0x00 ends them, so "a" < "a\0" < "ab" holds. */
  escaped(value: Uint8Array): void {
    this.room(value.length * 2 + 2);
    for (let i = 0; i < value.length; i++) {
      const b = value[i]!;
      this.buffer[this.length++] = b;
      if (b === 0) this.buffer[this.length++] = 0xff;
    }
    this.buffer[this.length++] = 0;
    this.buffer[this.length++] = 0;
  }

  /** A string's UTF-8 bytes, escaped as above: written in place unless it holds a NUL (the only character whose UTF-8 has a zero byte). */
  escapedString(value: string): void {
    if (value.includes('\0')) return this.escaped(Buffer.from(value, 'utf8'));
    this.room(value.length * 3 + 2);
    this.length += this.buffer.write(value, this.length, 'utf8');
    this.buffer[this.length++] = 0;
    this.buffer[this.length++] = 0;
  }

  complementFrom(start: number): void {
    for (let i = start; i < this.length; i++) this.buffer[i] = ~this.buffer[i]! & 0xff;
  }

  /** The last `count` bytes, in place (valid until the next write). */
  tail(count: number): Buffer {
    return this.buffer.subarray(this.length - count, this.length);
  }

  private room(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

const SCRATCH = new KeyWriter();

function encodeInto(value: unknown, out: KeyWriter): void {
  if (value === undefined || value === null) return out.byte(TAG.null);
  if (typeof value === 'string') {
    out.byte(TAG.string);
    return out.escapedString(value);
  }
  // A Timestamp is a Long in the bson package, so it is indexed as a number (TAG.timestamp is
  // unused): stored keys depend on it, so it stays so.
  const number = numericValue(value);
  if (number !== undefined) {
    out.byte(TAG.number);
    return encodeDouble(number, out);
  }
  if (typeof value === 'boolean') {
    out.byte(TAG.boolean);
    return out.byte(value ? 1 : 0);
  }
  if (value instanceof Date) {
    out.byte(TAG.date);
    return out.uint64(BigInt.asUintN(64, BigInt(value.getTime()) + (1n << 63n)));
  }
  if (value instanceof ObjectId) {
    out.byte(TAG.objectId);
    return out.bytes(value.id);
  }
  if (value instanceof Binary) {
    out.byte(TAG.binary);
    out.uint32(value.position);
    out.byte(value.sub_type);
    return out.bytes(value.buffer.subarray(0, value.position));
  }
  if (value instanceof RegExp || value instanceof BSONRegExp) {
    out.byte(TAG.regex);
    out.escapedString(value instanceof RegExp ? value.source : value.pattern);
    return out.escapedString(value instanceof RegExp ? value.flags : value.options);
  }
  if (value instanceof MinKey) return out.byte(TAG.minKey);
  if (value instanceof MaxKey) return out.byte(TAG.maxKey);
  if (Array.isArray(value)) {
    out.byte(TAG.array);
    for (const item of value) {
      out.byte(1);
      encodeInto(item, out);
    }
    return out.byte(0);
  }
  if (typeof value === 'object') {
    out.byte(TAG.object);
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      out.byte(1);
      out.escapedString(name);
      encodeInto(item, out);
    }
    return out.byte(0);
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

/** Doubles in an order-preserving form: sign bit flipped for positives, every bit for negatives. */
function encodeDouble(value: number, out: KeyWriter): void {
  // NaN sorts below every other number in MongoDB (all zero bytes, below -Infinity's 0x00 0x0f ...); -0 equals 0.
  if (Number.isNaN(value)) {
    for (let i = 0; i < 8; i++) out.byte(0);
    return;
  }
  out.double(value === 0 ? 0 : value);
  const bytes = out.tail(8);
  if (bytes[0]! & 0x80) {
    for (let i = 0; i < 8; i++) bytes[i] = ~bytes[i]! & 0xff;
  } else {
    bytes[0] = bytes[0]! | 0x80;
  }
}
