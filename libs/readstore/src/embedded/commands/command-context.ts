/**
 * What every command handler gets, and the argument checks they share (MongoDB's IDL errors:
 * an unknown field is refused by name, never ignored).
 */
import { commandError } from '../errors';
import { Doc } from '../query/bson-values';
import { ConnectionAuth } from '../auth/connection-auth';
import { CursorRegistry } from '../cursors';
import { DocumentStore } from '../storage/document-store';
import { CollectionMeta } from '../storage/catalog';
import { ReplyDocument } from '../wire/raw-bson';

export interface CommandContext {
  store: DocumentStore;
  cursors: CursorRegistry;
  connectionId: number;
  /** Who this connection has authenticated as, and its SASL conversation. */
  auth: ConnectionAuth;
  /** The request's database (`$db`). */
  db: string;
  body: Doc;
  /** Raw bytes of the request body (for exact decoding of inserted documents). */
  rawBody: Buffer;
  /** kind-1 document sequences, as raw BSON documents. */
  rawSequences: Map<string, Buffer[]>;
}

export type CommandHandler = (ctx: CommandContext) => ReplyDocument;

/** Fields any command may carry (sessions, read preference, API version, transactions...). */
const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  '$readPreference',
  '$clusterTime',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'readConcern',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$client',
  '$audit',
  'mayBypassWriteBlocking',
  '$queryOptions',
]);

/** `commandField: false` for statements (`updates[i]`), whose first field is not the command's name. */
export function checkFields(command: string, body: Doc, known: string[], options: { commandField?: boolean } = {}): void {
  const first = options.commandField === false ? undefined : Object.keys(body)[0];
  for (const field of Object.keys(body)) {
    if (field === first || GENERIC_FIELDS.has(field) || known.includes(field)) continue;
    throw commandError('Location40415', `BSON field '${command}.${field}' is an unknown field.`);
  }
}

/** Refuses options the embedded server does not implement, by name. */
export function refuseUnsupported(command: string, body: Doc, fields: string[]): void {
  for (const field of fields) {
    if (body[field] !== undefined) throw commandError('CommandNotSupported', `${command}: option '${field}' is not supported by the embedded server`);
  }
}

export function collectionArg(ctx: CommandContext, command: string): string {
  const name = ctx.body[command];
  if (typeof name !== 'string') {
    throw commandError('InvalidNamespace', `collection name has invalid type ${typeName(name)}`);
  }
  validateCollectionName(ctx.db, name);
  return name;
}

export function validateCollectionName(db: string, name: string): void {
  if (name.length === 0 || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw commandError('InvalidNamespace', `Invalid collection name: ${db}.${name}`);
  }
}

export function documentArg(body: Doc, field: string, command: string): Doc | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw commandError('TypeMismatch', `BSON field '${command}.${field}' is the wrong type '${typeName(value)}', expected type 'object'`);
  }
  return value as Doc;
}

export function integerArg(body: Doc, field: string, command: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw commandError('TypeMismatch', `BSON field '${command}.${field}' is the wrong type '${typeName(value)}', expected types '[long, int, decimal, double]'`);
  }
  return value;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (value instanceof Date) return 'date';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** The collection, creating it (as MongoDB does on first write) inside the current write. */
export function collectionForWrite(ctx: CommandContext, name: string): CollectionMeta {
  return ctx.store.collection(ctx.db, name) ?? ctx.store.createCollection(ctx.db, name);
}

export const namespace = (ctx: CommandContext, collection: string): string => `${ctx.db}.${collection}`;
