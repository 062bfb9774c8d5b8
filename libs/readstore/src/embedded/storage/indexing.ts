/**
 * Secondary index maintenance: which entries a document puts into an index, unique enforcement with
 * MongoDB's duplicate key error, and keeping entries in step when a document is inserted, replaced
 * or removed. An entry key is [index id][encoded field values...][encoded _id]; arrays in an indexed
 * field give one entry per element (a multikey index), a missing field is indexed as null.
 */
import { Binary, Decimal128, Long, ObjectId } from 'bson';
import { commandError } from '../errors';
import { CollectionMeta, ID_INDEX, IndexSpec, keyPatternOf, namespaceOf } from './catalog';
import { encodeKey, encodeKeyValue } from './key-encoding';
import { DocumentStore } from './document-store';

type Doc = Record<string, unknown>;

interface IndexEntry {
  /** [index id][encoded values] — the part two documents must not share in a unique index. */
  prefix: Buffer;
  values: unknown[];
}

const MAX_KEY_BYTES = 1900;

/** Values at a dotted path, descending into arrays as MongoDB does; `multikey` when an array was met. */
export function valuesAtPath(value: unknown, parts: string[], found: { multikey: boolean }): unknown[] {
  if (parts.length === 0) {
    if (!Array.isArray(value)) return [value];
    found.multikey = true;
    return value.length ? value : [undefined];
  }
  if (Array.isArray(value)) {
    found.multikey = true;
    const [head] = parts;
    if (/^\d+$/.test(head!) && Number(head) < value.length) return valuesAtPath(value[Number(head)], parts.slice(1), found);
    const nested = value.flatMap((item) => (isPlainObject(item) ? valuesAtPath(item, parts, found) : []));
    return nested.length ? nested : [undefined];
  }
  if (isPlainObject(value)) return valuesAtPath((value as Doc)[parts[0]!], parts.slice(1), found);
  return [undefined];
}

const isPlainObject = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** A document's entries in an index, and the index fields where it met an array. */
export function indexEntriesOf(index: IndexSpec, doc: Doc): { entries: IndexEntry[]; multikeyFields: string[] } {
  const single = singleEntry(index, doc);
  if (single) return { entries: [single], multikeyFields: [] };
  const multikeyFields: string[] = [];
  let combos: unknown[][] = [[]];
  for (const [field] of index.key) {
    const found = { multikey: false };
    const values = dedupe(valuesAtPath(doc, field.split('.'), found));
    if (found.multikey) multikeyFields.push(field);
    combos = combos.flatMap((combo) => values.map((value) => [...combo, value]));
  }
  const descending = descendingOf(index);
  const entries = combos.map((values) => {
    const prefix = encodeKey(index.id, values, descending);
    if (prefix.length > MAX_KEY_BYTES)
      throw commandError('BadValue', `index key too large for index ${index.name} (${prefix.length} bytes; the embedded server limits index keys to ${MAX_KEY_BYTES})`);
    return { prefix, values };
  });
  return { entries, multikeyFields };
}

/** Records (in the catalog, in the same transaction) the fields of an index that now hold arrays. */
function noteMultikey(store: DocumentStore, meta: CollectionMeta, index: IndexSpec, fields: string[]): void {
  if (fields.length === 0) return;
  if (!index.multikey) {
    index.multikey = true;
    index.multikeyPaths = [...fields];
  } else if (index.multikeyPaths && fields.some((field) => !index.multikeyPaths!.includes(field))) {
    index.multikeyPaths = [...new Set([...index.multikeyPaths, ...fields])];
  } else {
    return;
  }
  store.putMeta(meta);
}

/**
 * The one entry of a document whose indexed fields are all top-level and none holds an array (most
 * read-model indexes, most documents): the general path's combinations and copies cost more than
 * encoding the key. Undefined when that is not the case.
 */
function singleEntry(index: IndexSpec, doc: Doc): IndexEntry | undefined {
  const values: unknown[] = [];
  for (const [field] of index.key) {
    if (field.includes('.')) return undefined;
    const value = doc[field];
    if (Array.isArray(value)) return undefined;
    values.push(value);
  }
  const prefix = encodeKey(index.id, values, descendingOf(index));
  if (prefix.length > MAX_KEY_BYTES) return undefined; // the general path says why
  return { prefix, values };
}

const descendingByIndex = new WeakMap<IndexSpec, boolean[]>();

function descendingOf(index: IndexSpec): boolean[] {
  let descending = descendingByIndex.get(index);
  if (!descending) descendingByIndex.set(index, (descending = index.key.map(([, direction]) => direction === -1)));
  return descending;
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = encodeKeyValue(value).toString('latin1');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The primary key is [collection id u32][encoded _id]. */
const encodedIdOf = (primaryKey: Buffer): Buffer => primaryKey.subarray(4);

/**
 * Checks every unique index (and `_id`) before anything is written, so a refused document leaves
 * nothing behind. `primaryKey` identifies the document itself (allowed to keep its own entries).
 */
export function assertUnique(store: DocumentStore, meta: CollectionMeta, primaryKey: Buffer, doc: Doc, isNew: boolean): void {
  if (isNew && store.getDocument(primaryKey)) throw duplicateKeyError(meta, ID_INDEX, [doc._id]);
  for (const index of meta.indexes) {
    if (!index.unique) continue;
    for (const entry of indexEntriesOf(index, doc).entries) {
      const holders = store.entriesWithPrefix(entry.prefix, 2);
      if (holders.some((holder) => !holder.equals(primaryKey))) throw duplicateKeyError(meta, index, entry.values);
    }
  }
}

export function addToIndexes(store: DocumentStore, meta: CollectionMeta, primaryKey: Buffer, doc: Doc): void {
  for (const index of meta.indexes) addToIndex(store, meta, index, primaryKey, doc);
}

export function addToIndex(store: DocumentStore, meta: CollectionMeta, index: IndexSpec, primaryKey: Buffer, doc: Doc): void {
  const { entries, multikeyFields } = indexEntriesOf(index, doc);
  const id = encodedIdOf(primaryKey);
  for (const entry of entries) store.putIndexEntry(Buffer.concat([entry.prefix, id]), primaryKey);
  noteMultikey(store, meta, index, multikeyFields);
}

/**
 * A document replaced by another: only the index entries whose keys changed are removed or added
 * (a read model's update usually changes one or two indexed fields of several).
 */
export function replaceInIndexes(store: DocumentStore, meta: CollectionMeta, primaryKey: Buffer, before: Doc, after: Doc): void {
  const id = encodedIdOf(primaryKey);
  for (const index of meta.indexes) {
    if (samePrimitiveKeys(index, before, after)) continue;
    if (replaceChangedTags(store, meta, index, primaryKey, before, after)) continue;
    const old = new Map(indexEntriesOf(index, before).entries.map((entry) => [entry.prefix.toString('latin1'), entry.prefix]));
    const { entries, multikeyFields } = indexEntriesOf(index, after);
    for (const entry of entries) {
      const key = entry.prefix.toString('latin1');
      if (old.has(key)) old.delete(key);
      else store.putIndexEntry(Buffer.concat([entry.prefix, id]), primaryKey);
    }
    for (const prefix of old.values()) store.removeIndexEntry(Buffer.concat([prefix, id]));
    noteMultikey(store, meta, index, multikeyFields);
  }
}

/**
 * True when every field of the index is a top-level field holding the same string, number,
 * boolean (or nothing) in both documents: then its entries are the same bytes, and computing
 * them twice (the bulk of a replace, measured) can be skipped. Anything else is compared by keys.
 */
function samePrimitiveKeys(index: IndexSpec, before: Doc, after: Doc): boolean {
  for (const [field] of index.key) {
    if (field.includes('.')) return false;
    const was = before[field];
    if (was !== null && typeof was === 'object') return false;
    if (!Object.is(was, after[field])) return false;
  }
  return true;
}

/**
 * The common multikey replace: one top-level field holds a non-empty array of strings in both
 * documents (a read model's tags) and every other field of the index a scalar. Under the same
 * scalars an entry stays exactly when its string is in both arrays, so only the strings that came or
 * went are encoded, added or removed; when a scalar moved, every entry moves, encoded directly. A
 * board document's ~24 tags change by a handful per handoff: encoding all of them twice through the
 * general path was most of the read store's CPU per command (measured). False, having written
 * nothing, when that is not the case or a new key is too large (the general path says why).
 */
function replaceChangedTags(store: DocumentStore, meta: CollectionMeta, index: IndexSpec, primaryKey: Buffer, before: Doc, after: Doc): boolean {
  let tagsAt = -1;
  let sameScalars = true;
  const old: unknown[] = [];
  const next: unknown[] = [];
  for (const [i, [field]] of index.key.entries()) {
    if (field.includes('.')) return false;
    const was = before[field];
    const now = after[field];
    if (Array.isArray(was) || Array.isArray(now)) {
      if (tagsAt >= 0 || !isStringArray(was) || !isStringArray(now)) return false;
      tagsAt = i;
    } else if (isObject(was) || isObject(now)) {
      return false;
    } else if (!Object.is(was, now)) {
      sameScalars = false;
    }
    old.push(was);
    next.push(now);
  }
  if (tagsAt < 0) return false;
  const field = index.key[tagsAt]![0];
  const was = new Set(before[field] as string[]);
  const now = new Set(after[field] as string[]);
  const stays = (tag: string, other: Set<string>) => sameScalars && other.has(tag);
  const keyOf = (values: unknown[], tag: string) => {
    values[tagsAt] = tag;
    return encodeKey(index.id, values, descendingOf(index));
  };
  const added: Buffer[] = [];
  for (const tag of now) {
    if (stays(tag, was)) continue;
    const prefix = keyOf(next, tag);
    if (prefix.length > MAX_KEY_BYTES) return false;
    added.push(prefix);
  }
  const id = encodedIdOf(primaryKey);
  // Removed first: scalars that differ only as -0 and 0 encode alike, and the entry must survive.
  for (const tag of was) if (!stays(tag, now)) store.removeIndexEntry(Buffer.concat([keyOf(old, tag), id]));
  for (const prefix of added) store.putIndexEntry(Buffer.concat([prefix, id]), primaryKey);
  noteMultikey(store, meta, index, [field]);
  return true;
}

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');

export function removeFromIndexes(store: DocumentStore, meta: CollectionMeta, primaryKey: Buffer, doc: Doc): void {
  const id = encodedIdOf(primaryKey);
  for (const index of meta.indexes) {
    for (const entry of indexEntriesOf(index, doc).entries) store.removeIndexEntry(Buffer.concat([entry.prefix, id]));
  }
}

export function duplicateKeyError(meta: Pick<CollectionMeta, 'db' | 'name'>, index: Pick<IndexSpec, 'name' | 'key'>, values: unknown[]) {
  const keyValue: Doc = {};
  index.key.forEach(([field], i) => (keyValue[field] = values[i] ?? null));
  const shown = index.key.map(([field], i) => `${field}: ${formatValue(values[i] ?? null)}`).join(', ');
  return commandError('DuplicateKey', `E11000 duplicate key error collection: ${namespaceOf(meta.db, meta.name)} index: ${index.name} dup key: { ${shown} }`, {
    keyPattern: keyPatternOf(index),
    keyValue,
  });
}

/** Values as MongoDB prints them in error messages (its BSON toString). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof Long) return value.toString();
  if (value instanceof Decimal128) return `Decimal128("${value.toString()}")`;
  if (value instanceof Binary) return `BinData(${value.sub_type}, ${Buffer.from(value.buffer.subarray(0, value.position)).toString('hex').toUpperCase()})`;
  if (Array.isArray(value)) return value.length ? `[ ${value.map(formatValue).join(', ')} ]` : '[]';
  if (isPlainObject(value)) {
    const fields = Object.entries(value as Doc).map(([k, v]) => `${k}: ${formatValue(v)}`);
    return fields.length ? `{ ${fields.join(', ')} }` : '{}';
  }
  return String(value);
}
