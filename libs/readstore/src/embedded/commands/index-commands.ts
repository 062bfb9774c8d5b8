/**
 * createIndexes, listIndexes, dropIndexes. Only ascending/descending (1/-1) keys, optionally unique;
 * other index types and options are refused by name. Building an index reads every document of
 * the collection inside the write transaction; a unique index over duplicates is not created.
 */
import { commandError } from '../errors';
import { Doc, queryView } from '../query/bson-values';
import { CollectionMeta, ID_INDEX_NAME, IndexDirection, IndexSpec, keyPatternOf, namespaceOf } from '../storage/catalog';
import { collectionRange } from '../storage/document-store';
import { addToIndex, duplicateKeyError, indexEntriesOf, formatValue } from '../storage/indexing';
import { checkFields, collectionArg, collectionForWrite, CommandContext, CommandHandler } from './command-context';

const IGNORED_OPTIONS = ['v', 'background', 'ns'];
const UNSUPPORTED_OPTIONS = [
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'collation',
  'hidden',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'wildcardProjection',
  'storageEngine',
];

interface RequestedIndex {
  name: string;
  key: [string, IndexDirection][];
  unique: boolean;
}

function parseIndexSpec(spec: unknown): RequestedIndex {
  if (!spec || typeof spec !== 'object') throw commandError('TypeMismatch', 'index specification must be an object');
  const { key, name, unique, ...options } = spec as Doc;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) throw commandError('FailedToParse', "The 'key' field is a required property of an index specification");
  for (const option of Object.keys(options)) {
    if (IGNORED_OPTIONS.includes(option)) continue;
    if (UNSUPPORTED_OPTIONS.includes(option)) throw commandError('InvalidIndexSpecificationOption', `The field '${option}' is not supported for an index specification by the embedded server`);
    throw commandError('InvalidIndexSpecificationOption', `The field '${option}' is not valid for an index specification. Specification: ${formatValue(spec)}`);
  }
  const fields = Object.entries(key as Doc).map(([field, direction]): [string, IndexDirection] => {
    if (direction === 1 || direction === -1) return [field, direction];
    if (typeof direction === 'string') throw commandError('CannotCreateIndex', `Index type '${direction}' is not supported by the embedded server (only 1 and -1 keys)`);
    throw commandError('CannotCreateIndex', `Values in the index key pattern can only be 1 or -1 in the embedded server, found ${formatValue(direction)}`);
  });
  if (typeof name !== 'string' || name.length === 0) throw commandError('FailedToParse', "The 'name' field is a required property of an index specification");
  return { name, key: fields, unique: unique === true };
}

const sameKey = (a: [string, IndexDirection][], b: [string, IndexDirection][]) => JSON.stringify(a) === JSON.stringify(b);

const describe = (index: Pick<IndexSpec, 'name' | 'key' | 'unique'>) => `{ v: 2, ${index.unique ? 'unique: true, ' : ''}key: ${formatValue(keyPatternOf(index))}, name: "${index.name}" }`;

const createIndexes: CommandHandler = (ctx) => {
  checkFields('createIndexes', ctx.body, ['indexes', 'commitQuorum', 'ignoreUnknownIndexOptions']);
  const name = collectionArg(ctx, 'createIndexes');
  if (!Array.isArray(ctx.body.indexes) || ctx.body.indexes.length === 0) throw commandError('BadValue', 'Must specify at least one index to create');
  const requested = ctx.body.indexes.map(parseIndexSpec);
  return ctx.store.write(() => {
    const existed = ctx.store.collection(ctx.db, name);
    const meta = collectionForWrite(ctx, name);
    const before = meta.indexes.length + 1;
    let created = 0;
    for (const index of requested) if (createIndex(ctx, meta, index)) created++;
    const reply: Doc = { numIndexesBefore: before, numIndexesAfter: meta.indexes.length + 1 };
    if (!existed) reply.createdCollectionAutomatically = true;
    else reply.createdCollectionAutomatically = false;
    if (created === 0) reply.note = 'all indexes already exist';
    return { ...reply, ok: 1 };
  });
};

/** Returns false when an identical index exists already. */
function createIndex(ctx: CommandContext, meta: CollectionMeta, requested: RequestedIndex): boolean {
  const existing = [{ name: ID_INDEX_NAME, key: [['_id', 1]] as [string, IndexDirection][], unique: false }, ...meta.indexes];
  const isIdKey = sameKey(requested.key, [['_id', 1]]);
  for (const index of existing) {
    const identical = index.name === requested.name && sameKey(index.key, requested.key);
    if (identical && (index.unique === requested.unique || index.name === ID_INDEX_NAME)) return false;
    if (index.name === requested.name) {
      throw commandError(
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${describe(requested)}, existing index: ${describe(index)}`,
      );
    }
    if (sameKey(index.key, requested.key) && !(isIdKey && index.name === ID_INDEX_NAME && requested.unique)) {
      if (index.unique === requested.unique) throw commandError('IndexOptionsConflict', `Index already exists with a different name: ${index.name}`);
      throw commandError('IndexKeySpecsConflict', `An existing index has the same name as the requested index. Requested index: ${describe(requested)}, existing index: ${describe(index)}`);
    }
  }
  const index: IndexSpec = { id: ctx.store.allocateId(), name: requested.name, key: requested.key, unique: requested.unique, multikey: false };
  buildIndex(ctx, meta, index);
  meta.indexes.push(index);
  ctx.store.putMeta(meta);
  return true;
}

function buildIndex(ctx: CommandContext, meta: CollectionMeta, index: IndexSpec): void {
  const seen = index.unique ? new Set<string>() : undefined;
  for (const { key: primaryKey, value } of ctx.store.scanDocuments(collectionRange(meta))) {
    const view = queryView(value);
    if (seen) {
      for (const entry of indexEntriesOf(index, view).entries) {
        const prefix = entry.prefix.toString('latin1');
        if (seen.has(prefix)) throw duplicateKeyError(meta, index, entry.values);
        seen.add(prefix);
      }
    }
    addToIndex(ctx.store, meta, index, primaryKey, view);
  }
}

const listIndexes: CommandHandler = (ctx) => {
  checkFields('listIndexes', ctx.body, ['cursor']);
  const name = collectionArg(ctx, 'listIndexes');
  const meta = ctx.store.collection(ctx.db, name);
  if (!meta) throw commandError('NamespaceNotFound', `ns does not exist: ${namespaceOf(ctx.db, name)}`);
  const specs: Doc[] = [
    { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
    ...meta.indexes.map((index) => ({ v: 2, key: keyPatternOf(index), name: index.name, ...(index.unique ? { unique: true } : {}) })),
  ];
  return ctx.cursors.firstBatch(namespaceOf(ctx.db, name), specs[Symbol.iterator](), {});
};

const dropIndexes: CommandHandler = (ctx) => {
  checkFields('dropIndexes', ctx.body, ['index']);
  const name = collectionArg(ctx, 'dropIndexes');
  return ctx.store.write(() => {
    const meta = ctx.store.collection(ctx.db, name);
    if (!meta) throw commandError('NamespaceNotFound', `ns not found ${namespaceOf(ctx.db, name)}`);
    const nIndexesWas = meta.indexes.length + 1;
    const target = ctx.body.index;
    let doomed: IndexSpec[];
    if (target === '*') doomed = [...meta.indexes];
    else {
      const wanted = Array.isArray(target) ? target : [target];
      doomed = wanted.map((want) => findIndex(meta, want));
    }
    for (const index of doomed) ctx.store.clearIndex(index);
    meta.indexes = meta.indexes.filter((index) => !doomed.includes(index));
    ctx.store.putMeta(meta);
    return { nIndexesWas, ok: 1 };
  });
};

function findIndex(meta: CollectionMeta, wanted: unknown): IndexSpec {
  const isId = wanted === ID_INDEX_NAME || (typeof wanted === 'object' && wanted !== null && JSON.stringify(wanted) === JSON.stringify({ _id: 1 }));
  if (isId) throw commandError('InvalidOptions', 'cannot drop _id index');
  if (typeof wanted === 'string') {
    const index = meta.indexes.find((i) => i.name === wanted);
    if (!index) throw commandError('IndexNotFound', `index not found with name [${wanted}]`);
    return index;
  }
  const pattern = JSON.stringify(wanted);
  const index = meta.indexes.find((i) => JSON.stringify(keyPatternOf(i)) === pattern);
  if (!index) throw commandError('IndexNotFound', `can't find index with key: ${formatValue(wanted)}`);
  return index;
}

export const indexCommands: Record<string, CommandHandler> = { createIndexes, listIndexes, dropIndexes };
