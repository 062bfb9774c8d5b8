/**
 * Single-document writes with their index maintenance. Each one checks everything that can refuse it
 * (`_id`, unique indexes, key sizes) before writing anything, so a refused document leaves no trace
 * while the rest of its command's transaction goes on (MongoDB's per-document atomicity).
 */
import { ObjectId } from 'bson';
import { commandError } from '../errors';
import { Doc, queryView, serializeDocument, toQueryCopy, withIdFirst } from '../query/bson-values';
import { MAX_BSON_OBJECT_BYTES } from '../wire/messages';
import { CollectionMeta, ID_INDEX } from './catalog';
import { DocumentStore } from './document-store';
import { addToIndexes, assertUnique, duplicateKeyError, removeFromIndexes, replaceInIndexes } from './indexing';

/** Returns the stored `_id` (generated when the document had none) and the document's primary key. */
export function insertDocument(store: DocumentStore, meta: CollectionMeta, doc: Doc): { id: unknown; primaryKey: Buffer } {
  const id = doc._id === undefined ? new ObjectId() : doc._id;
  checkId(id);
  const bytes = encode(withIdFirst(doc, id));
  // the caller's `id`, not the query view's: that one has Long and Decimal128 promoted to numbers
  return { id, primaryKey: storeNewDocument(store, meta, bytes, queryView(bytes)) };
}

/**
 * A document already encoded with `_id` as its first field, stored as these bytes; `view` is
 * queryView(bytes). One decode (for checks and index keys) instead of decode, encode, decode.
 */
export function insertEncodedDocument(store: DocumentStore, meta: CollectionMeta, bytes: Buffer, view: Doc): void {
  checkSize(bytes);
  checkId(view._id);
  storeNewDocument(store, meta, bytes, view);
}

/** Returns the new document's primary key. */
function storeNewDocument(store: DocumentStore, meta: CollectionMeta, bytes: Buffer, view: Doc): Buffer {
  const primaryKey = store.primaryKey(meta, view._id);
  if (meta.indexes.some((index) => index.unique)) {
    // `_id` first, then the unique indexes, all before anything is written
    assertUnique(store, meta, primaryKey, view, true);
    store.putDocument(meta, primaryKey, bytes);
  } else if (!store.putNewDocument(meta, primaryKey, bytes)) {
    throw duplicateKeyError(meta, ID_INDEX, [view._id]);
  }
  addToIndexes(store, meta, primaryKey, view);
  return primaryKey;
}

/** Whether a BSON document's first element is named `_id`. */
export function startsWithId(bytes: Buffer): boolean {
  // [int32 size][type byte]["_id\0"]; an `undefined` _id (type 0x06) goes the decoding way, which replaces it
  return bytes.length >= 9 && bytes[4] !== 0x06 && bytes[5] === 0x5f && bytes[6] === 0x69 && bytes[7] === 0x64 && bytes[8] === 0;
}

/**
 * Returns false when the new document is byte-for-byte the old one (nothing modified). `old`: the
 * old document's query view when the caller has one (decoded once, read only here).
 */
export function replaceDocument(store: DocumentStore, meta: CollectionMeta, primaryKey: Buffer, oldBytes: Buffer, next: Doc, old?: { readonly view: Doc }): boolean {
  const bytes = encode(next);
  if (bytes.equals(oldBytes)) return false;
  // The new document's query view, copied from what was just encoded rather than decoded from it.
  const view = toQueryCopy(next) as Doc;
  assertUnique(store, meta, primaryKey, view, false);
  store.putDocument(meta, primaryKey, bytes, oldBytes);
  replaceInIndexes(store, meta, primaryKey, old?.view ?? queryView(oldBytes), view);
  return true;
}

export function deleteDocument(store: DocumentStore, meta: CollectionMeta, primaryKey: Buffer, bytes: Buffer, old?: { readonly view: Doc }): void {
  removeFromIndexes(store, meta, primaryKey, old?.view ?? queryView(bytes));
  store.removeDocument(meta, primaryKey, bytes);
}

function checkId(id: unknown): void {
  if (Array.isArray(id)) throw commandError('InvalidIdField', "The '_id' value cannot be of type array");
  if (id instanceof RegExp) throw commandError('InvalidIdField', "The '_id' value cannot be of type regex");
}

function encode(doc: Doc): Buffer {
  return checkSize(serializeDocument(doc));
}

function checkSize(bytes: Buffer): Buffer {
  if (bytes.length > MAX_BSON_OBJECT_BYTES) {
    throw commandError('BadValue', `object to insert too large. size in bytes: ${bytes.length}, max size: ${MAX_BSON_OBJECT_BYTES}`);
  }
  return bytes;
}
