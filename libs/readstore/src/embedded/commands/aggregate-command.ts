/**
 * aggregate: the pipeline runs in mingo over a lazy stream of the collection. Leading `$match`
 * stages (and a `$sort` right after them) are pushed down to the query planner, so they use indexes
 * and nothing is read that the first stage would drop. `$lookup`, `$graphLookup` and `$unionWith`
 * read the other collection of the same database in full. `$out` and `$merge` are refused.
 */
import { Aggregator } from 'mingo';
import { commandError } from '../errors';
import { Doc } from '../query/bson-values';
import { Candidate, ExecStats, matchingDocuments, MINGO_OPTIONS, newStats } from '../query/executor';
import { SortSpec } from '../query/planner';
import { ReplyDocument } from '../wire/raw-bson';
import { checkFields, collectionArg, CommandContext, CommandHandler, documentArg, integerArg, namespace, refuseUnsupported } from './command-context';
import { explainReply, registerAggregateExplain, sortArg } from './read-commands';

const REFUSED_STAGES = [
  '$out',
  '$merge',
  '$changeStream',
  '$geoNear',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
];

interface PushedDown {
  filter: Doc;
  sort?: SortSpec;
  rest: Doc[];
}

function pushDown(pipeline: Doc[]): PushedDown {
  const matches: Doc[] = [];
  let i = 0;
  while (i < pipeline.length && pipeline[i]!.$match !== undefined) matches.push(pipeline[i++]!.$match as Doc);
  let sort: SortSpec | undefined;
  const sortStage = pipeline[i]?.$sort;
  if (sortStage && Object.values(sortStage as Doc).every((d) => d === 1 || d === -1)) {
    sort = sortArg(sortStage, 'aggregate');
    i++;
  }
  const filter = matches.length === 0 ? {} : matches.length === 1 ? matches[0]! : { $and: matches };
  return { filter, sort, rest: pipeline.slice(i) };
}

function validatePipeline(pipeline: unknown): Doc[] {
  if (!Array.isArray(pipeline)) throw commandError('TypeMismatch', "BSON field 'aggregate.pipeline' is the wrong type, expected type 'array'");
  for (const stage of pipeline) {
    const names = stage && typeof stage === 'object' ? Object.keys(stage as Doc) : [];
    if (names.length !== 1) throw commandError('Location40324', 'A pipeline stage specification object must contain exactly one field.');
    if (REFUSED_STAGES.includes(names[0]!)) throw commandError('CommandNotSupported', `${names[0]} is not supported by the embedded server`);
  }
  return pipeline as Doc[];
}

/** Module-level rather than a per-call generator closure (see matchingOnly in query/executor.ts). */
function* viewsOf(candidates: Generator<Candidate>, bytesOf: WeakMap<Doc, Buffer>): Generator<Doc> {
  for (const candidate of candidates) {
    bytesOf.set(candidate.view, candidate.bytes);
    yield candidate.view;
  }
}

interface CountShape {
  skip: number;
  limit: number;
  id: unknown;
  field: string;
}

/**
 * `[$skip?, $limit?, {$group: {_id: <constant>, n: {$sum: 1}}}]` after the pushed-down `$match`:
 * the driver's countDocuments. Counted without handing every document to mingo (on a large
 * collection that took seconds, during which the server answered no one).
 */
function countShape(rest: Doc[]): CountShape | undefined {
  const shape: CountShape = { skip: 0, limit: Infinity, id: null, field: '' };
  for (let i = 0; i < rest.length - 1; i++) {
    const stage = rest[i]!;
    if (typeof stage.$skip === 'number' && Number.isInteger(stage.$skip) && stage.$skip >= 0 && shape.limit === Infinity) shape.skip += stage.$skip;
    else if (typeof stage.$limit === 'number' && Number.isInteger(stage.$limit) && stage.$limit > 0) shape.limit = Math.min(shape.limit, stage.$limit);
    else return undefined;
  }
  const group = rest[rest.length - 1]?.$group as Doc | undefined;
  if (!group || typeof group !== 'object') return undefined;
  const fields = Object.keys(group);
  const id = group._id;
  if (fields.length !== 2 || fields[0] !== '_id' || !(id === null || typeof id === 'number' || (typeof id === 'string' && !id.startsWith('$')))) return undefined;
  const field = fields[1]!;
  const accumulator = group[field] as Doc | undefined;
  if (field.includes('.') || field.startsWith('$') || !accumulator || Object.keys(accumulator).length !== 1 || accumulator.$sum !== 1) return undefined;
  shape.id = id;
  shape.field = field;
  return shape;
}

function* counted(ctx: CommandContext, collection: string, filter: Doc, shape: CountShape): Generator<ReplyDocument> {
  const meta = ctx.store.collection(ctx.db, collection);
  let n = 0;
  if (meta && Object.keys(filter).length === 0) n = meta.count;
  else for (const _ of matchingDocuments(ctx.store, meta, filter, undefined)) if (++n >= shape.skip + shape.limit) break;
  n = Math.min(Math.max(0, n - shape.skip), shape.limit);
  if (n > 0) yield { _id: shape.id, [shape.field]: n };
}

function run(ctx: CommandContext, collection: string | undefined, pipeline: Doc[], stats?: ExecStats): Generator<ReplyDocument> {
  const { filter, sort, rest } = collection ? pushDown(pipeline) : { filter: {}, sort: undefined, rest: pipeline };
  const count = collection && !stats ? countShape(rest) : undefined;
  if (count) return counted(ctx, collection!, filter, count);
  const meta = collection ? ctx.store.collection(ctx.db, collection) : undefined;
  const bytesOf = new WeakMap<Doc, Buffer>();
  const source = collection ? viewsOf(matchingDocuments(ctx.store, meta, filter, sort, stats), bytesOf) : [][Symbol.iterator]();
  const options = {
    ...MINGO_OPTIONS,
    variables: documentArg(ctx.body, 'let', 'aggregate'),
    collectionResolver: (name: string) => Array.from(matchingDocuments(ctx.store, ctx.store.collection(ctx.db, name), {}, undefined), (c) => c.view),
  };
  const output = rest.length ? new Aggregator(rest, options).stream(source) : undefined;
  return (function* () {
    if (!output) {
      for (const view of source) yield bytesOf.get(view as Doc) ?? (view as Doc);
      return;
    }
    for (;;) {
      const next = output.next();
      if (next.done) return;
      const value = next.value as Doc;
      if (stats) stats.nReturned++;
      yield bytesOf.get(value) ?? value;
    }
  })();
}

const aggregate: CommandHandler = (ctx) => {
  checkFields('aggregate', ctx.body, ['pipeline', 'cursor', 'explain', 'allowDiskUse', 'let', 'collation', 'hint', 'bypassDocumentValidation', 'fromMongos', 'needsMerge']);
  refuseUnsupported('aggregate', ctx.body, ['collation']);
  const collection = ctx.body.aggregate === 1 ? undefined : collectionArg(ctx, 'aggregate');
  const pipeline = validatePipeline(ctx.body.pipeline);
  if (!collection && pipeline[0]?.$documents === undefined) {
    throw commandError('CommandNotSupported', 'aggregate: 1 is only supported with a leading $documents stage by the embedded server');
  }
  if (ctx.body.explain === true) {
    const stats = newStats();
    for (const _ of run(ctx, collection, pipeline, stats));
    return { ...explainReply(namespace(ctx, collection ?? '$cmd.aggregate'), stats), stages: pipeline };
  }
  const cursor = documentArg(ctx.body, 'cursor', 'aggregate');
  if (!cursor) throw commandError('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  const batchSize = integerArg(cursor, 'batchSize', 'aggregate.cursor');
  const results = run(ctx, collection, pipeline);
  // Run the pipeline far enough to fail now (e.g. an unknown stage) rather than on a getMore.
  return ctx.cursors.firstBatch(namespace(ctx, collection ?? '$cmd.aggregate'), results, { batchSize });
};

registerAggregateExplain(aggregate);

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
