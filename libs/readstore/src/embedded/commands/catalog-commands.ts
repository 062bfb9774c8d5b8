/**
 * Databases and collections: listDatabases, listCollections, create, drop, dropDatabase,
 * renameCollection. A database exists while it has a collection, as in MongoDB.
 */
import { Binary } from 'bson';
import { commandError } from '../errors';
import { compileFilter } from '../query/executor';
import { Doc } from '../query/bson-values';
import { CollectionMeta, namespaceOf } from '../storage/catalog';
import { checkFields, collectionArg, CommandHandler, documentArg, integerArg, validateCollectionName } from './command-context';

const ID_INDEX = { v: 2, key: { _id: 1 }, name: '_id_' };

function collectionInfo(meta: CollectionMeta): Doc {
  return {
    name: meta.name,
    type: 'collection',
    options: meta.options,
    info: { readOnly: false, uuid: new Binary(Buffer.from(meta.uuid, 'hex'), Binary.SUBTYPE_UUID) },
    idIndex: ID_INDEX,
  };
}

const listCollections: CommandHandler = (ctx) => {
  checkFields('listCollections', ctx.body, ['filter', 'nameOnly', 'authorizedCollections', 'cursor']);
  const filter = documentArg(ctx.body, 'filter', 'listCollections') ?? {};
  const query = compileFilter(filter);
  const nameOnly = ctx.body.nameOnly === true;
  const infos = ctx.store
    .allCollections()
    .filter((meta) => meta.db === ctx.db)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(collectionInfo)
    .filter((info) => query.test(info))
    .map((info) => (nameOnly ? { name: info.name, type: info.type } : info));
  const cursor = documentArg(ctx.body, 'cursor', 'listCollections') ?? {};
  return ctx.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, infos[Symbol.iterator](), { batchSize: integerArg(cursor, 'batchSize', 'cursor') });
};

const listDatabases: CommandHandler = (ctx) => {
  checkFields('listDatabases', ctx.body, ['filter', 'nameOnly', 'authorizedDatabases']);
  const sizes = new Map<string, number>();
  for (const meta of ctx.store.allCollections()) sizes.set(meta.db, (sizes.get(meta.db) ?? 0) + meta.bytes);
  const filter = documentArg(ctx.body, 'filter', 'listDatabases') ?? {};
  const query = compileFilter(filter);
  const databases = [...sizes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, sizeOnDisk]) => ({ name, sizeOnDisk, empty: false }))
    .filter((db) => query.test(db));
  if (ctx.body.nameOnly === true) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  const totalSize = databases.reduce((n, db) => n + db.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1024 / 1024), ok: 1 };
};

const CREATE_UNSUPPORTED = [
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'timeseries',
  'viewOn',
  'pipeline',
  'collation',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
  'expireAfterSeconds',
  'storageEngine',
  'indexOptionDefaults',
  'encryptedFields',
];

const create: CommandHandler = (ctx) => {
  checkFields('create', ctx.body, [...CREATE_UNSUPPORTED, 'autoIndexId', 'idIndex', 'flags']);
  const name = collectionArg(ctx, 'create');
  for (const option of CREATE_UNSUPPORTED) {
    if (ctx.body[option] !== undefined && ctx.body[option] !== false) {
      throw commandError('CommandNotSupported', `create: option '${option}' is not supported by the embedded server`);
    }
  }
  ctx.store.write(() => {
    if (ctx.store.collection(ctx.db, name)) throw commandError('NamespaceExists', `Collection ${namespaceOf(ctx.db, name)} already exists.`);
    ctx.store.createCollection(ctx.db, name);
  });
  return { ok: 1 };
};

const drop: CommandHandler = (ctx) => {
  checkFields('drop', ctx.body, []);
  const name = collectionArg(ctx, 'drop');
  return ctx.store.write(() => {
    const meta = ctx.store.collection(ctx.db, name);
    if (!meta) return { ok: 1 };
    const nIndexesWas = meta.indexes.length + 1;
    ctx.store.dropCollection(meta);
    return { nIndexesWas, ns: namespaceOf(ctx.db, name), ok: 1 };
  });
};

const dropDatabase: CommandHandler = (ctx) => {
  checkFields('dropDatabase', ctx.body, []);
  ctx.store.write(() => {
    for (const meta of ctx.store.allCollections()) if (meta.db === ctx.db) ctx.store.dropCollection(meta);
  });
  return { ok: 1 };
};

const renameCollection: CommandHandler = (ctx) => {
  checkFields('renameCollection', ctx.body, ['to', 'dropTarget', 'stayTemp']);
  if (ctx.db !== 'admin') throw commandError('IllegalOperation', 'renameCollection may only be run against the admin database.');
  const [fromDb, fromName] = splitNamespace(ctx.body.renameCollection, 'renameCollection');
  const [toDb, toName] = splitNamespace(ctx.body.to, 'to');
  validateCollectionName(toDb, toName);
  ctx.store.write(() => {
    const source = ctx.store.collection(fromDb, fromName);
    if (!source) throw commandError('NamespaceNotFound', `Source collection ${fromDb}.${fromName} does not exist`);
    if (fromDb === toDb && fromName === toName) throw commandError('IllegalOperation', "Can't rename a collection to itself");
    const target = ctx.store.collection(toDb, toName);
    if (target) {
      if (ctx.body.dropTarget !== true) throw commandError('NamespaceExists', 'target namespace exists');
      ctx.store.dropCollection(target);
    }
    ctx.store.renameCollection(source, toDb, toName);
  });
  return { ok: 1 };
};

function splitNamespace(value: unknown, field: string): [string, string] {
  if (typeof value !== 'string') throw commandError('TypeMismatch', `BSON field 'renameCollection.${field}' is the wrong type, expected type 'string'`);
  const at = value.indexOf('.');
  if (at <= 0 || at === value.length - 1) throw commandError('InvalidNamespace', `Invalid namespace specified '${value}'`);
  return [value.slice(0, at), value.slice(at + 1)];
}

export const catalogCommands: Record<string, CommandHandler> = { listCollections, listDatabases, create, drop, dropDatabase, renameCollection };
