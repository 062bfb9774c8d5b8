/**
 * find (with cursors: getMore, killCursors), count and distinct, plus `explain` of find and count
 * (which plan ran and how many keys and documents it examined — how tests prove an index was used).
 */
import { Long } from 'bson';
import { commandError } from '../errors';
import { Doc, typedDocument } from '../query/bson-values';
import { ExecStats, findDocuments, matchingDocuments, newStats, ReadOptions } from '../query/executor';
import { describePlan, SortSpec } from '../query/planner';
import { encodeKeyValue } from '../storage/key-encoding';
import { valuesAtPath } from '../storage/indexing';
import { checkFields, collectionArg, CommandContext, CommandHandler, documentArg, integerArg, namespace, refuseUnsupported, typeName } from './command-context';

const FIND_FIELDS = [
  'filter',
  'sort',
  'projection',
  'skip',
  'limit',
  'batchSize',
  'singleBatch',
  'hint',
  'let',
  'collation',
  'allowDiskUse',
  'noCursorTimeout',
  'tailable',
  'awaitData',
  'allowPartialResults',
  'returnKey',
  'showRecordId',
  'min',
  'max',
  'oplogReplay',
  'readOnce',
];

export function sortArg(value: unknown, command: string): SortSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw commandError('TypeMismatch', `BSON field '${command}.sort' is the wrong type '${typeName(value)}', expected type 'object'`);
  }
  return Object.entries(value as Doc).map(([field, direction]) => {
    if (direction !== 1 && direction !== -1) {
      if (direction && typeof direction === 'object') throw commandError('BadValue', `$sort on '${field}': only 1 and -1 are supported by the embedded server (no $meta sorts)`);
      throw commandError('BadValue', `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    }
    return [field, direction];
  });
}

function findOptions(ctx: CommandContext): ReadOptions & { batchSize?: number; singleBatch: boolean } {
  const { body } = ctx;
  checkFields('find', body, FIND_FIELDS);
  refuseUnsupported('find', body, ['collation', 'tailable', 'awaitData', 'returnKey', 'showRecordId', 'min', 'max']);
  const skip = integerArg(body, 'skip', 'find');
  const limit = integerArg(body, 'limit', 'find');
  const batchSize = integerArg(body, 'batchSize', 'find');
  if (skip !== undefined && skip < 0) throw commandError('BadValue', `BSON field 'skip' value must be >= 0, actual value '${skip}'`);
  if (limit !== undefined && limit < 0) throw commandError('BadValue', `BSON field 'limit' value must be >= 0, actual value '${limit}'`);
  if (batchSize !== undefined && batchSize < 0) throw commandError('BadValue', `BSON field 'batchSize' value must be >= 0, actual value '${batchSize}'`);
  return {
    filter: documentArg(body, 'filter', 'find') ?? {},
    sort: sortArg(body.sort, 'find'),
    projection: documentArg(body, 'projection', 'find'),
    skip,
    limit,
    batchSize: limit && (batchSize === undefined || batchSize > limit) ? limit : batchSize,
    singleBatch: body.singleBatch === true,
  };
}

const find: CommandHandler = (ctx) => {
  const name = collectionArg(ctx, 'find');
  const options = findOptions(ctx);
  checkHint(ctx, name);
  const meta = ctx.store.collection(ctx.db, name);
  const results = findDocuments(ctx.store, meta, options);
  return ctx.cursors.firstBatch(namespace(ctx, name), results, options);
};

/** A hint must name an existing index (MongoDB refuses otherwise); the plan is ours either way. */
function checkHint(ctx: CommandContext, name: string): void {
  const hint = ctx.body.hint;
  if (hint === undefined || hint === null) return;
  const meta = ctx.store.collection(ctx.db, name);
  if (!meta) return;
  const names = ['_id_', ...meta.indexes.map((i) => i.name)];
  const patterns = [JSON.stringify({ _id: 1 }), ...meta.indexes.map((i) => JSON.stringify(Object.fromEntries(i.key)))];
  const known = typeof hint === 'string' ? names.includes(hint) : patterns.includes(JSON.stringify(hint)) || (typeof hint === 'object' && Object.keys(hint as Doc).length === 0);
  if (!known) throw commandError('BadValue', 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
}

const getMore: CommandHandler = (ctx) => {
  checkFields('getMore', ctx.body, ['collection', 'batchSize', 'term', 'lastKnownCommittedOpTime']);
  const id = ctx.body.getMore;
  if (typeof id !== 'number') throw commandError('TypeMismatch', `BSON field 'getMore.getMore' is the wrong type '${typeName(id)}', expected type 'long'`);
  const collection = ctx.body.collection;
  if (typeof collection !== 'string') throw commandError('TypeMismatch', "BSON field 'getMore.collection' is missing but a required field");
  return ctx.cursors.getMore(id, namespace(ctx, collection), integerArg(ctx.body, 'batchSize', 'getMore'));
};

const killCursors: CommandHandler = (ctx) => {
  checkFields('killCursors', ctx.body, ['cursors']);
  collectionArg(ctx, 'killCursors');
  const ids = ctx.body.cursors;
  if (!Array.isArray(ids)) throw commandError('TypeMismatch', "BSON field 'killCursors.cursors' is missing but a required field");
  const { killed, notFound } = ctx.cursors.kill(ids.map(Number));
  const longs = (list: number[]) => list.map((id) => Long.fromNumber(id));
  return { cursorsKilled: longs(killed), cursorsNotFound: longs(notFound), cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

function countMatches(ctx: CommandContext, name: string, stats?: ExecStats): number {
  const { body } = ctx;
  checkFields('count', body, ['query', 'limit', 'skip', 'hint', 'collation', 'fields']);
  refuseUnsupported('count', body, ['collation']);
  const filter = documentArg(body, 'query', 'count') ?? {};
  const skip = Math.max(0, integerArg(body, 'skip', 'count') ?? 0);
  const limit = Math.abs(integerArg(body, 'limit', 'count') ?? 0);
  const meta = ctx.store.collection(ctx.db, name);
  if (!meta) return 0;
  let n: number;
  if (Object.keys(filter).length === 0 && !stats) n = meta.count;
  else {
    n = 0;
    for (const _ of matchingDocuments(ctx.store, meta, filter, undefined, stats)) n++;
  }
  n = Math.max(0, n - skip);
  return limit > 0 ? Math.min(n, limit) : n;
}

const count: CommandHandler = (ctx) => ({ n: countMatches(ctx, collectionArg(ctx, 'count')), ok: 1 });

const distinct: CommandHandler = (ctx) => {
  const { body } = ctx;
  checkFields('distinct', body, ['key', 'query', 'collation', 'hint']);
  refuseUnsupported('distinct', body, ['collation']);
  const name = collectionArg(ctx, 'distinct');
  if (typeof body.key !== 'string') throw commandError('TypeMismatch', `BSON field 'distinct.key' is the wrong type '${typeName(body.key)}', expected type 'string'`);
  const parts = body.key.split('.');
  const seen = new Map<string, unknown>();
  const meta = ctx.store.collection(ctx.db, name);
  for (const candidate of matchingDocuments(ctx.store, meta, documentArg(body, 'query', 'distinct') ?? {}, undefined)) {
    for (const value of valuesAtPath(typedDocument(candidate.bytes), parts, { multikey: false })) {
      if (value === undefined) continue;
      const key = encodeKeyValue(value).toString('latin1');
      if (!seen.has(key)) seen.set(key, value);
    }
  }
  const values = [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
  return { values, ok: 1 };
};

const explain: CommandHandler = (ctx) => {
  const inner = documentArg(ctx.body, 'explain', 'explain');
  checkFields('explain', ctx.body, ['verbosity']);
  if (!inner) throw commandError('FailedToParse', 'explain command requires a nested object');
  const command = Object.keys(inner)[0];
  const innerCtx: CommandContext = { ...ctx, body: { ...inner, $db: ctx.db } };
  const stats = newStats();
  let name: string;
  if (command === 'find') {
    name = collectionArg(innerCtx, 'find');
    const options = findOptions(innerCtx);
    for (const _ of findDocuments(ctx.store, ctx.store.collection(ctx.db, name), options, stats));
  } else if (command === 'count') {
    name = collectionArg(innerCtx, 'count');
    stats.nReturned = countMatches(innerCtx, name, stats);
  } else if (command === 'aggregate' && explainAggregate) {
    return explainAggregate({ ...innerCtx, body: { ...innerCtx.body, explain: true } });
  } else {
    throw commandError('CommandNotSupported', `explain of '${command}' is not supported by the embedded server (find, count and aggregate are)`);
  }
  return explainReply(namespace(ctx, name), stats);
};

export function explainReply(ns: string, stats: ExecStats): Doc {
  const winningPlan = stats.plan ? describePlan(stats.plan) : { stage: 'EOF' };
  return {
    explainVersion: '1',
    queryPlanner: { namespace: ns, winningPlan, rejectedPlans: [] },
    executionStats: {
      executionSuccess: true,
      nReturned: stats.nReturned,
      totalKeysExamined: stats.keysExamined,
      totalDocsExamined: stats.docsExamined,
      executionStages: winningPlan,
    },
    ok: 1,
  };
}

let explainAggregate: CommandHandler | undefined;
/** aggregate explains itself (`explain: true`); registered here to avoid an import cycle. */
export const registerAggregateExplain = (handler: CommandHandler): void => {
  explainAggregate = handler;
};

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct, explain };
