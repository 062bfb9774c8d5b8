/**
 * findAndModify: update or remove the first document in `sort` order, answering its pre-image
 * (or post-image with `new: true`), projected by `fields`. Errors are command errors (ok: 0).
 */
import { commandError } from '../errors';
import { Doc, queryView, typedDocument } from '../query/bson-values';
import { matchingDocuments, projector } from '../query/executor';
import { deleteDocument } from '../storage/mutations';
import { checkFields, collectionArg, CommandHandler, documentArg, refuseUnsupported } from './command-context';
import { sortArg } from './read-commands';
import { refuseTransactionStart } from './server-commands';
import { updateStatement } from './write-commands';

const findAndModify: CommandHandler = (ctx) => {
  const { body } = ctx;
  checkFields('findAndModify', body, ['query', 'sort', 'remove', 'update', 'new', 'fields', 'upsert', 'bypassDocumentValidation', 'arrayFilters', 'collation', 'hint', 'let']);
  refuseUnsupported('findAndModify', body, ['collation']);
  refuseTransactionStart(ctx);
  const name = collectionArg(ctx, 'findAndModify');
  const filter = documentArg(body, 'query', 'findAndModify') ?? {};
  const sort = sortArg(body.sort, 'findAndModify');
  const fields = documentArg(body, 'fields', 'findAndModify');
  const remove = body.remove === true;
  if (remove && body.update !== undefined) throw commandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && body.update === undefined) throw commandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && body.new === true) throw commandError('FailedToParse', "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  if (remove && body.upsert === true) throw commandError('FailedToParse', 'Cannot specify both upsert=true and remove=true ');
  const project = projector(filter, fields);
  const asValue = (bytes: Buffer | undefined): Doc | null => {
    if (!bytes) return null;
    const projected = project({ primaryKey: Buffer.alloc(0), bytes, view: queryView(bytes) });
    return Buffer.isBuffer(projected) ? typedDocument(projected) : projected;
  };

  return ctx.store.write(() => {
    const meta = ctx.store.collection(ctx.db, name);
    if (remove) {
      const [target] = first(matchingDocuments(ctx.store, meta, filter, sort));
      if (!target) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
      deleteDocument(ctx.store, meta!, target.primaryKey, target.bytes);
      return { lastErrorObject: { n: 1 }, value: asValue(target.bytes), ok: 1 };
    }
    const typedBody = typedDocument(ctx.rawBody); // a Long or Decimal128 in the update or the filter keeps its type
    const typed = { q: typedBody.query, u: typedBody.update };
    const outcome = updateStatement(ctx, name, { q: filter, upsert: body.upsert === true, arrayFilters: body.arrayFilters }, typed, sort);
    const after = outcome.primaryKey ? ctx.store.getDocument(outcome.primaryKey) : undefined;
    const upserted = outcome.upsertedId !== undefined;
    const lastErrorObject: Doc = { n: outcome.matched + (upserted ? 1 : 0), updatedExisting: outcome.matched > 0 };
    if (upserted) lastErrorObject.upserted = outcome.upsertedId;
    const value = body.new === true ? asValue(after) : asValue(outcome.before);
    return { lastErrorObject, value, ok: 1 };
  });
};

function first<T>(items: Generator<T>): T[] {
  const next = items.next();
  items.return(undefined);
  return next.done ? [] : [next.value];
}

export const findAndModifyCommands: Record<string, CommandHandler> = { findAndModify, findandmodify: findAndModify };
