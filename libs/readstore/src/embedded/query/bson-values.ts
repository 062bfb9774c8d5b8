/**
 * The boundary between BSON and mingo.
 *
 * mingo compares JavaScript values: numbers with `<`, objects with a custom `toString` (ObjectId,
 * Decimal128, Long) by their strings. That is right for ObjectId (hex order is byte order) and Date,
 * but wrong for numbers held in wrapper classes ("10" < "9", Long(5) != 5). So mingo only ever sees
 * a *query view* of a document: int32 and double as numbers (bson's default promotion), and int64 and
 * decimal128 converted to numbers too, so every BSON number compares numerically as in MongoDB.
 *
 * What goes back to the client or to disk keeps the stored BSON types: a stored document is returned
 * as its bytes, and a computed one (projection, update, aggregation) has its numbers restored to the
 * type the stored value had (`restoreTypes`).
 */
import { Decimal128, deserialize, Double, Int32, Long, ObjectId, serialize } from 'bson';
import { asBuffer } from '../wire/raw-bson';

export type Doc = Record<string, unknown>;

/** The document as mingo sees it. */
export function queryView(bytes: Buffer): Doc {
  return toQueryValues(deserialize(bytes)) as Doc;
}

/**
 * The `_id` of a stored document (stored documents begin with it), as typedDocument would give
 * it, read without decoding the rest when it is a string or an ObjectId.
 */
export function storedId(bytes: Buffer): unknown {
  // [int32 size][type]["_id\0"][value]
  const type = bytes[4];
  if (bytes[5] === 0x5f && bytes[6] === 0x69 && bytes[7] === 0x64 && bytes[8] === 0) {
    if (type === 0x02) {
      const length = bytes.readInt32LE(9);
      return bytes.toString('utf8', 13, 13 + length - 1);
    }
    if (type === 0x07) return new ObjectId(Uint8Array.prototype.slice.call(bytes, 9, 21));
  }
  return typedDocument(bytes)._id;
}

/** The document with every BSON type kept (Int32, Double, Long, Decimal128 wrappers). */
export function typedDocument(bytes: Buffer): Doc {
  return deserialize(bytes, { promoteValues: false, promoteBuffers: false });
}

/** Converts int64 / decimal128 / wrapper numbers to JS numbers, recursively (in place for plain objects). */
export function toQueryValues(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toQueryValues(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Doc;
    for (const key of Object.keys(record)) record[key] = toQueryValues(record[key]);
  }
  return value;
}

/** A query-view copy of a typed value (numbers as JS numbers), leaving the original untouched. */
export function toQueryCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (value instanceof Long || value instanceof Decimal128 || value instanceof Int32 || value instanceof Double) return toQueryValues(value);
  if (Array.isArray(value)) return value.map(toQueryCopy);
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Doc = {};
  for (const key of Object.keys(value)) copy[key] = toQueryCopy((value as Doc)[key]);
  return copy;
}

/**
 * `result` computed from a query view; `typed` the stored document it came from. Where a number in
 * the result sits at a path that held a typed number, it gets that type back (unchanged values keep
 * their exact original, changed ones keep the kind: an int64 stays int64, a double stays double).
 */
export function restoreTypes(result: unknown, typed: unknown): unknown {
  if (typeof result === 'number') return restoreNumber(result, typed);
  if (result === null || typeof result !== 'object' || typed === null || typeof typed !== 'object') return result;
  if (Array.isArray(result)) {
    if (!Array.isArray(typed)) return result;
    return result.map((item, i) => restoreTypes(item, typed[i]));
  }
  if (Object.getPrototypeOf(result) !== Object.prototype || Object.getPrototypeOf(typed) !== Object.prototype) return result;
  const out: Doc = {};
  const source = typed as Doc;
  for (const [key, item] of Object.entries(result as Doc)) out[key] = key in source ? restoreTypes(item, source[key]) : item;
  return out;
}

function restoreNumber(value: number, typed: unknown): unknown {
  if (typed instanceof Long) {
    if (typed.toNumber() === value) return typed;
    return Number.isInteger(value) ? Long.fromNumber(value) : value;
  }
  if (typed instanceof Double) return typed.valueOf() === value ? typed : new Double(value);
  if (typed instanceof Decimal128) return Number(typed.toString()) === value ? typed : Decimal128.fromString(String(value));
  if (typed instanceof Int32) return Number.isInteger(value) && value === (value | 0) ? new Int32(value) : value;
  return value;
}

/** `doc` with `id` as its first field (`_id` left out when undefined), built without object spread. */
export function withIdFirst(doc: Doc, id: unknown): Doc {
  const out: Doc = id === undefined ? {} : { _id: id };
  for (const key of Object.keys(doc)) if (key !== '_id') out[key] = doc[key];
  return out;
}

export function serializeDocument(doc: Doc): Buffer {
  return asBuffer(serialize(doc, { ignoreUndefined: true, checkKeys: false }));
}
