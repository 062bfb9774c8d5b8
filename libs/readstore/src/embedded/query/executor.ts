/**
 * Runs a read: candidates from the plan (streamed from LMDB), matched by mingo, sorted in memory
 * only when no index gives the order, then skip, limit and projection. Stored documents that need no
 * projection go out as their stored bytes, and so do the kept fields of a whole-field projection.
 */
import { ObjectId } from 'bson';
import { Aggregator, Query } from 'mingo';
import { CollectionMeta } from '../storage/catalog';
import { DocumentStore } from '../storage/document-store';
import { ReplyDocument } from '../wire/raw-bson';
import { Doc, queryView, restoreTypes, toQueryValues, typedDocument } from './bson-values';
import { compileFastFilter } from './fast-filter';
import { RawProjection, rawFieldProjection } from './raw-projection';
import { Plan, planQuery, SortSpec } from './planner';

export interface ExecStats {
  plan: Plan;
  keysExamined: number;
  docsExamined: number;
  nReturned: number;
}

export interface Candidate {
  primaryKey: Buffer;
  bytes: Buffer;
  readonly view: Doc;
}

/** A stored document; its query view is decoded only if something looks at it. */
class StoredCandidate implements Candidate {
  private decoded: Doc | undefined;
  constructor(
    readonly primaryKey: Buffer,
    readonly bytes: Buffer,
  ) {}

  get view(): Doc {
    return (this.decoded ??= queryView(this.bytes));
  }

  /** The query view of the top-level fields `fields` keeps (all of them without): what a filter naming only those needs. */
  viewOf(fields: RawProjection | undefined): Doc {
    return this.decoded ?? (fields ? queryView(fields(this.bytes)) : this.view);
  }
}

export interface ReadOptions {
  filter: Doc;
  sort?: SortSpec;
  skip?: number;
  /** 0 or undefined: no limit. */
  limit?: number;
  projection?: Doc;
}

export const MINGO_OPTIONS = { idKey: '_id', useStrictMode: true } as const;

export function compileFilter(filter: Doc): Query {
  return new Query(filter, MINGO_OPTIONS);
}

/** Documents matching the filter, in sort order when a sort is given. */
export function* matchingDocuments(
  store: DocumentStore,
  meta: CollectionMeta | undefined,
  filter: Doc,
  sort: SortSpec | undefined,
  stats?: ExecStats,
  /** false when the caller reads only the documents' bytes: then only the fields the filter names are decoded to match it. */
  viewsNeeded = true,
): Generator<Candidate> {
  filter = toQueryValues(filter) as Doc;
  if (!meta) {
    filterMatcher(filter); // a filter mingo refuses fails on a missing collection too
    return;
  }
  const plan = planQuery(meta, filter, sort);
  if (stats) stats.plan = plan;
  const inOrder = !sort || sort.length === 0 || plan.providesSort;
  // The predicates the key ranges prove are exact equalities: they can fail no compile, so the rest's matcher says every error.
  const rest = undecided(filter, plan);
  const matching = rest === undefined ? candidates(store, plan, stats) : matchingOnly(candidates(store, plan, stats), filterMatcher(rest), viewsNeeded || !inOrder ? undefined : namedFields(rest));
  if (inOrder) return yield* matching;
  yield* sortInMemory([...matching], sort);
}

/**
 * A module-level generator, not a `(function* () {...})()` closure per read: V8 (Node 20) keeps
 * what such per-call generator closures touch alive across young-generation collections (measured:
 * ~2 MB copied and promoted per scavenge on a stream of lookups).
 */
function* matchingOnly(source: Generator<StoredCandidate>, matches: (view: Doc) => boolean, fields: RawProjection | undefined): Generator<Candidate> {
  for (const candidate of source) if (matches(candidate.viewOf(fields))) yield candidate;
}

/**
 * The top-level fields a filter reads, as a byte-level projection keeping just them, or undefined
 * when it may read more than its fields (`$expr`, `$where`, `$jsonSchema`, `$text`...). A page of
 * board documents then decodes `registeredAt` and `_id` per document, not its two dozen tags.
 */
function namedFields(filter: Doc): RawProjection | undefined {
  const fields = new Set<string>(['_id']);
  const visit = (clause: unknown): boolean => {
    if (!clause || typeof clause !== 'object' || Object.getPrototypeOf(clause) !== Object.prototype) return false;
    for (const [field, condition] of Object.entries(clause as Doc)) {
      if (field === '$and' || field === '$or' || field === '$nor') {
        if (!Array.isArray(condition) || !condition.every(visit)) return false;
      } else if (field.startsWith('$')) return false;
      else fields.add(field.split('.')[0]!);
    }
    return true;
  };
  if (!visit(filter)) return undefined;
  return rawFieldProjection(Object.fromEntries([...fields].map((field) => [field, 1])));
}

/**
 * The filter as a test of query views: the fast matcher when the filter is simple (mingo is asked,
 * and compiled, only for documents the fast one leaves undecided), mingo otherwise. A filter mingo
 * would refuse is never simple, so errors are unchanged.
 */
export function filterMatcher(filter: Doc): (view: Doc) => boolean {
  const fast = compileFastFilter(filter);
  if (!fast) {
    const query = compileFilter(filter);
    return (view) => query.test(view);
  }
  let query: Query | undefined;
  return (view) => fast(view) ?? (query ??= compileFilter(filter)).test(view);
}

/**
 * What is left of the filter once the plan's key ranges have proved their part: the predicates
 * that are an equality or `$in` on a field whose values are all encoded in the ranges (`_id`, or a
 * prefix of an index), with values whose key encoding is exact (strings, ObjectIds, Dates; numbers
 * are keyed as doubles, so they are re-checked), hold for every document the ranges yield.
 * Undefined when nothing is left: the document is not decoded at all (`{_id: 'p-1'}`, `{hubId,
 * status}` on a `{hubId, status, at}` index). A top-level `$and` keeps the whole filter: its
 * clauses may have given a field the points the ranges hold instead of the field's own predicate.
 */
function undecided(filter: Doc, plan: Plan): Doc | undefined {
  if (plan.pointFields.length === 0 || '$and' in filter) return filter;
  let rest: Doc | undefined;
  let decided = false;
  for (const field of Object.keys(filter)) {
    if (plan.pointFields.includes(field) && exactPoints(filter[field])) decided = true;
    else (rest ??= {})[field] = filter[field];
  }
  return decided ? rest : filter;
}

function exactPoints(condition: unknown): boolean {
  if (exactlyKeyed(condition)) return true;
  if (!condition || typeof condition !== 'object' || Object.getPrototypeOf(condition) !== Object.prototype) return false;
  const [operator, ...others] = Object.keys(condition);
  if (others.length > 0) return false;
  const argument = (condition as Doc)[operator!];
  if (operator === '$eq') return exactlyKeyed(argument);
  return operator === '$in' && Array.isArray(argument) && argument.length > 0 && argument.every(exactlyKeyed);
}

const exactlyKeyed = (value: unknown): boolean => typeof value === 'string' || value instanceof ObjectId || value instanceof Date;

function* candidates(store: DocumentStore, plan: Plan, stats?: ExecStats): Generator<StoredCandidate> {
  const seen = plan.dedupe ? new Set<string>() : undefined;
  for (const range of plan.ranges) {
    if (plan.kind === 'idscan' && plan.exactKeys) {
      // `_id` equality: one get, no cursor (MongoDB's IDHACK)
      if (stats) stats.keysExamined++;
      const bytes = store.getDocument(range.start);
      if (!bytes) continue;
      if (stats) stats.docsExamined++;
      yield new StoredCandidate(range.start, bytes);
      continue;
    }
    if (plan.kind !== 'ixscan') {
      for (const { key, value } of store.scanDocuments(range, plan.reverse)) {
        if (stats) stats.docsExamined++;
        if (plan.kind === 'idscan' && stats) stats.keysExamined++;
        yield new StoredCandidate(key, value);
      }
      continue;
    }
    for (const { value: primaryKey } of store.scanIndex(range, plan.reverse)) {
      if (stats) stats.keysExamined++;
      if (seen) {
        const id = primaryKey.toString('latin1');
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const bytes = store.getDocument(primaryKey);
      if (!bytes) continue;
      if (stats) stats.docsExamined++;
      yield new StoredCandidate(primaryKey, bytes);
    }
  }
}

export function sortInMemory(items: Candidate[], sort: SortSpec): Candidate[] {
  const byView = new Map<Doc, Candidate>(items.map((item) => [item.view, item]));
  const sorted = new Aggregator([{ $sort: Object.fromEntries(sort) }], MINGO_OPTIONS).run(items.map((item) => item.view));
  return sorted.map((view) => byView.get(view as Doc)!);
}

/** The documents a find returns: matched, sorted, skipped, limited, projected. */
export function* findDocuments(store: DocumentStore, meta: CollectionMeta | undefined, options: ReadOptions, stats?: ExecStats): Generator<ReplyDocument> {
  let toSkip = options.skip ?? 0;
  let remaining = options.limit && options.limit > 0 ? options.limit : Infinity;
  if (remaining === 0) return;
  const project = projector(options.filter, options.projection);
  const viewsNeeded = !!options.projection && Object.keys(options.projection).length > 0 && !rawFieldProjection(options.projection);
  for (const candidate of matchingDocuments(store, meta, options.filter, options.sort, stats, viewsNeeded)) {
    if (toSkip > 0) {
      toSkip--;
      continue;
    }
    if (stats) stats.nReturned++;
    yield project(candidate);
    if (--remaining <= 0) return;
  }
}

export function projector(filter: Doc, projection: Doc | undefined): (candidate: Candidate) => ReplyDocument {
  if (!projection || Object.keys(projection).length === 0) return (candidate) => candidate.bytes;
  const raw = rawFieldProjection(projection);
  if (raw) return (candidate) => raw(candidate.bytes);
  return mingoProjector(filter, projection);
}

/** Any projection, through mingo, with the stored BSON types restored. Exported to hold the byte-level path to it. */
export function mingoProjector(filter: Doc, projection: Doc): (candidate: Candidate) => ReplyDocument {
  const query = compileFilter(toQueryValues(filter) as Doc);
  // mingo validates the projection when it is applied; apply it once now so a bad one fails the command
  query.find([{}], projection).all();
  return (candidate) => {
    const [projected] = query.find([candidate.view], projection).all();
    return restoreTypes(projected, typedDocument(candidate.bytes)) as Doc;
  };
}

export const newStats = (): ExecStats => ({ plan: undefined as unknown as Plan, keysExamined: 0, docsExamined: 0, nReturned: 0 });
