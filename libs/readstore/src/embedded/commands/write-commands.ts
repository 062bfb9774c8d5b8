/**
 * insert, update and delete: each command is one LMDB transaction; each statement is applied
 * atomically per document; `ordered` (default true) stops at the first write error, unordered goes
 * on; errors are reported per statement in `writeErrors` ({ index, code, errmsg, ... }) with ok: 1.
 */
import { commandError, toCommandError } from '../errors';
import { Doc, queryView, storedId, toQueryCopy, typedDocument } from '../query/bson-values';
import { Candidate, matchingDocuments } from '../query/executor';
import { applyUpdate, parseUpdate, upsertBase } from '../query/update';
import { CollectionMeta } from '../storage/catalog';
import { deleteDocument, insertDocument, insertEncodedDocument, replaceDocument, startsWithId } from '../storage/mutations';
import { decodeCommandDocument } from '../wire/messages';
import { checkFields, collectionArg, collectionForWrite, CommandContext, CommandHandler, refuseUnsupported } from './command-context';
import { refuseTransactionStart } from './server-commands';

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [extra: string]: unknown;
}

/** Runs each statement, collecting write errors; stops at the first one when ordered. */
function runStatements<T>(ctx: CommandContext, statements: T[], apply: (statement: T, index: number) => void): WriteError[] {
  const ordered = ctx.body.ordered !== false;
  const errors: WriteError[] = [];
  for (let index = 0; index < statements.length; index++) {
    try {
      apply(statements[index]!, index);
    } catch (error) {
      const failure = toCommandError(error);
      errors.push({ index, code: failure.code, ...failure.extra, errmsg: failure.message });
      if (ordered) break;
    }
  }
  return errors;
}

/** The command's statements, decoded for queries (a document sequence is decoded only here, when needed). */
function statementsOf(ctx: CommandContext, field: string, command: string): Doc[] {
  const inSequence = checkStatements(ctx, field, command);
  return inSequence ? inSequence.map(decodeCommandDocument) : (ctx.body[field] as Doc[]);
}

/** Checks the statements are there, in one place, and not zero; returns them when they came as a document sequence. */
function checkStatements(ctx: CommandContext, field: string, command: string): Buffer[] | undefined {
  const inSequence = ctx.rawSequences.get(field);
  const inBody = ctx.body[field];
  if (inSequence && inBody !== undefined) throw commandError('BadValue', `${command}: '${field}' given both in the body and as a document sequence`);
  const count = inSequence ? inSequence.length : Array.isArray(inBody) ? inBody.length : undefined;
  if (count === undefined) throw commandError('Location40415', `BSON field '${command}.${field}' is missing but a required field`);
  if (count === 0) throw commandError('InvalidLength', `Write batch sizes must be between 1 and 100000. Got 0 operations.`);
  return inSequence;
}

/**
 * Statements as the client typed them (inserted documents, update documents): decoded without
 * promoting numbers, so a Long stays a Long and a Decimal128 a Decimal128.
 */
function typedStatements(ctx: CommandContext, field: string): Doc[] {
  const raw = ctx.rawSequences.get(field);
  if (raw) return raw.map(typedDocument);
  return (typedDocument(ctx.rawBody)[field] as Doc[] | undefined) ?? [];
}

function withWriteErrors(reply: Doc, errors: WriteError[]): Doc {
  if (errors.length) reply.writeErrors = errors;
  reply.ok = 1;
  return reply;
}

class EncodedDocument {
  readonly view: Doc;
  constructor(readonly bytes: Buffer) {
    this.view = queryView(bytes);
  }
}

const insert: CommandHandler = (ctx) => {
  checkFields('insert', ctx.body, ['documents', 'ordered', 'bypassDocumentValidation', 'let']);
  refuseTransactionStart(ctx);
  const name = collectionArg(ctx, 'insert');
  checkStatements(ctx, 'documents', 'insert');
  // Documents with `_id` first are stored as the very bytes sent (as MongoDB does); the others are
  // decoded, given an `_id` first, and encoded. All are decoded before anything is written, so a
  // malformed one refuses the whole command, as MongoDB's validation of the message does.
  const raw = ctx.rawSequences.get('documents');
  const documents = raw ? raw.map((bytes) => (startsWithId(bytes) ? new EncodedDocument(bytes) : typedDocument(bytes))) : typedStatements(ctx, 'documents');
  let n = 0;
  const errors = ctx.store.write(() => {
    const meta = collectionForWrite(ctx, name);
    return runStatements(ctx, documents, (doc) => {
      if (doc instanceof EncodedDocument) insertEncodedDocument(ctx.store, meta, doc.bytes, doc.view);
      else insertDocument(ctx.store, meta, doc);
      n++;
    });
  });
  return withWriteErrors({ n }, errors);
};

const UPDATE_STATEMENT_FIELDS = ['q', 'u', 'upsert', 'multi', 'arrayFilters', 'hint', 'c', 'collation', 'upsertSupplied'];

const update: CommandHandler = (ctx) => {
  checkFields('update', ctx.body, ['updates', 'ordered', 'bypassDocumentValidation', 'let']);
  refuseTransactionStart(ctx);
  const name = collectionArg(ctx, 'update');
  const statements = statementsOf(ctx, 'updates', 'update');
  for (const statement of statements) {
    checkFields('update.updates', statement, UPDATE_STATEMENT_FIELDS, { commandField: false });
    refuseUnsupported('update', statement, ['collation']);
  }
  const typed = typedStatements(ctx, 'updates');
  let n = 0;
  let nModified = 0;
  const upserted: { index: number; _id: unknown }[] = [];
  const errors = ctx.store.write(() =>
    runStatements(ctx, statements, (statement, index) => {
      const outcome = updateStatement(ctx, name, statement, typed[index]!);
      n += outcome.matched + (outcome.upsertedId !== undefined ? 1 : 0);
      nModified += outcome.modified;
      if (outcome.upsertedId !== undefined) upserted.push({ index, _id: outcome.upsertedId });
    }),
  );
  const reply: Doc = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  return withWriteErrors(reply, errors);
};

/** Stands for the query view a replacement never reads. */
const NO_VIEW: Doc = Object.freeze({}) as Doc;

export interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** Primary key of the (last) document written, for findAndModify's post-image. */
  primaryKey?: Buffer;
  before?: Buffer;
}

/**
 * `statement` as decoded for queries; `typed` its `q` and `u` as the client typed them (see
 * typedStatements): the update and an upsert's filter equalities keep their BSON types.
 */
export function updateStatement(ctx: CommandContext, name: string, statement: Doc, typed: Doc, sort?: [string, 1 | -1][]): UpdateOutcome {
  const filter = (statement.q ?? {}) as Doc;
  const multi = statement.multi === true;
  const spec = parseUpdate(typed.u, multi);
  const arrayFilters = statement.arrayFilters as Doc[] | undefined;
  const meta = ctx.store.collection(ctx.db, name);
  const targets = selectTargets(ctx, meta, filter, multi, sort);
  const outcome: UpdateOutcome = { matched: targets.length, modified: 0 };
  for (const target of targets) {
    // A replacement reads nothing of the old document but its _id: neither a query view to build
    // (and mutate) nor a typed decode. The old document's index keys come from the view the filter
    // matched on.
    const replacing = spec.kind === 'replacement';
    const typed = replacing ? { _id: storedId(target.bytes) } : typedDocument(target.bytes);
    const next = applyUpdate(spec, replacing ? NO_VIEW : queryView(target.bytes), typed, { arrayFilters, query: filter, inserting: false });
    if (replaceDocument(ctx.store, meta!, target.primaryKey, target.bytes, next, target.candidate)) outcome.modified++;
    outcome.primaryKey = target.primaryKey;
    outcome.before = target.bytes;
  }
  if (targets.length === 0 && statement.upsert === true) {
    const base = upsertBase((typed.q ?? {}) as Doc, spec);
    const doc = applyUpdate(spec, toQueryCopy(base) as Doc, base, { arrayFilters, query: filter, inserting: true });
    const created = meta ?? collectionForWrite(ctx, name);
    const inserted = insertDocument(ctx.store, created, doc);
    outcome.upsertedId = inserted.id;
    outcome.primaryKey = inserted.primaryKey;
  }
  return outcome;
}

/** Documents to change, collected before any change (a write must not see its own effects). */
function selectTargets(ctx: CommandContext, meta: CollectionMeta | undefined, filter: Doc, multi: boolean, sort?: [string, 1 | -1][]) {
  const targets: { primaryKey: Buffer; bytes: Buffer; candidate: Candidate }[] = [];
  for (const candidate of matchingDocuments(ctx.store, meta, filter, sort)) {
    targets.push({ primaryKey: candidate.primaryKey, bytes: candidate.bytes, candidate });
    if (!multi) break;
  }
  return targets;
}

const DELETE_STATEMENT_FIELDS = ['q', 'limit', 'hint', 'collation'];

const remove: CommandHandler = (ctx) => {
  checkFields('delete', ctx.body, ['deletes', 'ordered', 'let']);
  refuseTransactionStart(ctx);
  const name = collectionArg(ctx, 'delete');
  const statements = statementsOf(ctx, 'deletes', 'delete');
  for (const statement of statements) {
    checkFields('delete.deletes', statement, DELETE_STATEMENT_FIELDS, { commandField: false });
    refuseUnsupported('delete', statement, ['collation']);
    if (statement.limit !== 0 && statement.limit !== 1) {
      throw commandError('FailedToParse', `The limit field in delete objects must be 0 or 1. Got ${String(statement.limit)}`);
    }
  }
  let n = 0;
  const errors = ctx.store.write(() => {
    const meta = ctx.store.collection(ctx.db, name);
    return runStatements(ctx, statements, (statement) => {
      const targets = selectTargets(ctx, meta, (statement.q ?? {}) as Doc, statement.limit === 0);
      for (const target of targets) deleteDocument(ctx.store, meta!, target.primaryKey, target.bytes, target.candidate);
      n += targets.length;
    });
  });
  return withWriteErrors({ n }, errors);
};

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
