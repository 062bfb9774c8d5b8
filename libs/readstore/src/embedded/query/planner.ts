/**
 * Chooses how to read candidates for a filter (and sort): the `_id` order of the documents
 * themselves, or a secondary index, with key ranges built from the filter's equality, `$in` and
 * range predicates on the index's leading fields. Ranges are always a superset of the matches
 * (bounds are inclusive and numbers are compared as doubles); the executor re-checks every
 * document against all but the exact equalities the ranges prove (`pointFields`), so a plan can
 * only cost time, never correctness.
 */
import { ObjectId } from 'bson';
import { CollectionMeta, ID_INDEX, ID_INDEX_NAME, IndexDirection, IndexSpec, isMultikeyField } from '../storage/catalog';
import { KeyRange, u32 } from '../storage/document-store';
import { complement, encodeKeyValue, prefixEnd, tagOf, typeEnd, typeStart } from '../storage/key-encoding';

type Doc = Record<string, unknown>;
export type SortSpec = [string, IndexDirection][];

export interface Plan {
  /** 'collscan': every document; 'idscan': ranges of `_id`; 'ixscan': ranges of a secondary index. */
  kind: 'collscan' | 'idscan' | 'ixscan';
  index?: IndexSpec;
  ranges: KeyRange[];
  reverse: boolean;
  /** The scan yields documents already in the requested sort order. */
  providesSort: boolean;
  /** Candidates may repeat (multikey index or overlapping ranges): dedupe by `_id`. */
  dedupe: boolean;
  /** Every range holds exactly one full key (equality or `$in` on every key field): read each with one get. */
  exactKeys: boolean;
  /**
   * Fields whose every equality/`$in` value is encoded in the ranges (a prefix of the index): an
   * entry with the value exists exactly when the field, or one element of its array, equals it.
   */
  pointFields: string[];
}

interface FieldBounds {
  points?: unknown[];
  lower?: unknown;
  upper?: unknown;
}

const MAX_RANGES = 1000;

export function planQuery(meta: CollectionMeta, filter: Doc, sort: SortSpec | undefined): Plan {
  const bounds = extractBounds(filter);
  const candidates: { plan: Plan; score: number }[] = [];
  const idIndex: IndexSpec = { id: meta.id, name: ID_INDEX_NAME, key: [['_id', 1]], unique: true, multikey: false };
  if (bounds.get('_id')?.points) {
    // `_id` equality or `$in` selects at most one document per value: nothing can beat it (IDHACK)
    return planOf(planIndex(idIndex, bounds, sort)!, undefined); // always planned: `_id` has points
  }
  for (const index of [idIndex, ...meta.indexes]) {
    const planned = planIndex(index, bounds, sort);
    if (!planned) continue;
    const plan = planOf(planned, index === idIndex ? undefined : index);
    candidates.push({ plan, score: planned.score * 4 + (plan.providesSort ? 2 : 0) + (index.unique ? 1 : 0) });
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best && best.score >= 2) return best.plan;
  return { kind: 'collscan', ranges: [{ start: u32(meta.id), end: u32(meta.id + 1) }], reverse: false, providesSort: !sort || sort.length === 0, dedupe: false, exactKeys: false, pointFields: [] };
}

/** A literal rather than a spread (see commands/dispatch.ts on spreads in per-request paths). */
function planOf(planned: Omit<Plan, 'kind' | 'index'>, index: IndexSpec | undefined): Plan {
  const { ranges, reverse, providesSort, dedupe, exactKeys, pointFields } = planned;
  return { kind: index ? 'ixscan' : 'idscan', index, ranges, reverse, providesSort, dedupe, exactKeys, pointFields };
}

function planIndex(index: IndexSpec, bounds: Map<string, FieldBounds>, sort: SortSpec | undefined): (Omit<Plan, 'kind' | 'index'> & { score: number }) | undefined {
  if (!bounds.has(index.key[0]![0]) && (!sort || sort.length === 0)) return undefined; // nothing to narrow, no order to give
  let prefixes: Buffer[] = [u32(index.id)];
  let score = 0;
  let position = 0;
  const singlePointFields = new Set<string>();
  for (; position < index.key.length; position++) {
    const [field, direction] = index.key[position]!;
    const points = bounds.get(field)?.points;
    if (!points) break;
    // the first field's points cost one range each; only the product over several fields can explode
    if (position > 0 && prefixes.length * points.length > MAX_RANGES) break;
    prefixes = prefixes.flatMap((prefix) => points.map((point) => Buffer.concat([prefix, encodeField(point, direction)])));
    if (points.length === 1) singlePointFields.add(field);
    score += 2;
  }
  prefixes = uniqueSorted(prefixes); // `$in: [2, 1, 1]` reads 1 then 2, once each, as an index scan does
  let ranges: KeyRange[] = prefixes.map((prefix) => ({ start: prefix, end: prefixEnd(prefix) }));
  // key encodings are self-delimiting, so a prefix covering every field is one whole key
  let exactKeys = position === index.key.length;
  const next = index.key[position];
  const range = next ? bounds.get(next[0]) : undefined;
  // Two bounds on an array field may be met by two different elements: only a scalar field's range is a range of keys.
  if (next && range && !range.points && next[1] === 1 && !isMultikeyField(index, next[0])) {
    const built = rangeOf(range);
    if (built) {
      ranges = prefixes.map((prefix) => ({ start: Buffer.concat([prefix, built.start]), end: Buffer.concat([prefix, built.end]) }));
      exactKeys = false;
      score += 1;
    }
  }
  const order = sortOrder(index, position, singlePointFields, sort, ranges.length);
  const sorting = !!sort && sort.length > 0;
  if (score === 0 && (!sorting || !order.provides)) return undefined;
  const pointFields = index.key.slice(0, position).map(([field]) => field);
  return { ranges, reverse: order.reverse, providesSort: order.provides, dedupe: index.multikey || ranges.length > 1, exactKeys, pointFields, score };
}

function uniqueSorted(keys: Buffer[]): Buffer[] {
  if (keys.length < 2) return keys;
  const sorted = [...keys].sort(Buffer.compare);
  return sorted.filter((key, i) => i === 0 || !key.equals(sorted[i - 1]!));
}

/**
 * Whether scanning the index (forwards or backwards) yields the sort order. A multikey field may
 * be one of the constants before the sort fields (an equality picks one entry per document there:
 * a document's values are deduplicated), never a sort field (an array sorts by its smallest or
 * largest element, not by each), as MongoDB plans it with its multikey paths.
 */
function sortOrder(index: IndexSpec, position: number, constant: Set<string>, sort: SortSpec | undefined, rangeCount: number): { provides: boolean; reverse: boolean } {
  if (!sort || sort.length === 0) return { provides: true, reverse: false };
  if (rangeCount !== 1 || sort.some(([field]) => isMultikeyField(index, field))) return { provides: false, reverse: false };
  const remaining = sort.filter(([field]) => !constant.has(field));
  if (remaining.length === 0) return { provides: true, reverse: false };
  const start = index.key.findIndex(([field]) => !constant.has(field));
  if (start < 0 || start > position) return { provides: false, reverse: false };
  let reverse: boolean | undefined;
  for (let i = 0; i < remaining.length; i++) {
    const key = index.key[start + i];
    if (!key || key[0] !== remaining[i]![0]) return { provides: false, reverse: false };
    const flipped = key[1] !== remaining[i]![1];
    if (reverse === undefined) reverse = flipped;
    else if (reverse !== flipped) return { provides: false, reverse: false };
  }
  return { provides: true, reverse: reverse ?? false };
}

const encodeField = (value: unknown, direction: IndexDirection): Buffer => {
  const encoded = encodeKeyValue(value);
  return direction === -1 ? complement(encoded) : encoded;
};

function rangeOf(bounds: FieldBounds): KeyRange | undefined {
  const { lower, upper } = bounds;
  if (lower === undefined && upper === undefined) return undefined;
  const tag = tagOf(lower !== undefined ? lower : upper);
  if (lower !== undefined && upper !== undefined && tagOf(upper) !== tag) return { start: typeStart(tag), end: typeStart(tag) }; // nothing can match both
  const start = lower !== undefined ? encodeKeyValue(lower) : typeStart(tag);
  const end = upper !== undefined ? prefixEnd(encodeKeyValue(upper)) : typeEnd(tag);
  return { start, end };
}

/** Equality, `$in` and range predicates of the filter's top level (and `$and`), per field. */
export function extractBounds(filter: Doc): Map<string, FieldBounds> {
  const bounds = new Map<string, FieldBounds>();
  const visit = (clause: Doc) => {
    for (const [field, condition] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(condition)) {
        condition.forEach((sub) => isPlainObject(sub) && visit(sub as Doc));
        continue;
      }
      if (field.startsWith('$')) continue;
      const found = boundsOf(condition);
      if (!found) continue;
      const existing = bounds.get(field) ?? {};
      if (found.points && !existing.points) existing.points = found.points;
      if (found.lower !== undefined && (existing.lower === undefined || compareEncoded(found.lower, existing.lower) > 0)) existing.lower = found.lower;
      if (found.upper !== undefined && (existing.upper === undefined || compareEncoded(found.upper, existing.upper) < 0)) existing.upper = found.upper;
      bounds.set(field, existing);
    }
  };
  visit(filter);
  return bounds;
}

const compareEncoded = (a: unknown, b: unknown): number => Buffer.compare(encodeKeyValue(a), encodeKeyValue(b));

function boundsOf(condition: unknown): FieldBounds | undefined {
  if (isPointValue(condition)) return { points: [condition] };
  if (!isPlainObject(condition)) return undefined;
  const operators = Object.keys(condition as Doc);
  if (!operators.every((op) => op.startsWith('$'))) return { points: [condition] }; // equality with an embedded document
  const result: FieldBounds = {};
  for (const [op, value] of Object.entries(condition as Doc)) {
    if (op === '$eq' && isPointValue(value)) result.points = [value];
    else if (op === '$in' && Array.isArray(value) && value.every(isPointValue) && value.length > 0) result.points = value;
    else if ((op === '$gt' || op === '$gte') && isRangeValue(value)) result.lower = value;
    else if ((op === '$lt' || op === '$lte') && isRangeValue(value)) result.upper = value;
  }
  return result.points || result.lower !== undefined || result.upper !== undefined ? result : undefined;
}

const isPlainObject = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** Values whose equality is exactly "same index key" (arrays and regexes match differently). */
const isPointValue = (value: unknown): boolean => value === null || ['number', 'string', 'boolean'].includes(typeof value) || value instanceof Date || value instanceof ObjectId;

const isRangeValue = (value: unknown): boolean => (typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'string' || value instanceof Date || value instanceof ObjectId;

export function describePlan(plan: Plan): Doc {
  if (plan.kind === 'collscan') return { stage: 'COLLSCAN', direction: plan.reverse ? 'backward' : 'forward' };
  const index = plan.index ?? ID_INDEX;
  return {
    stage: 'FETCH',
    inputStage: {
      stage: plan.kind === 'idscan' ? 'IDHACK' : 'IXSCAN',
      indexName: index.name,
      keyPattern: Object.fromEntries(index.key),
      isMultiKey: plan.index?.multikey ?? false,
      multiKeyPaths: Object.fromEntries(index.key.map(([field]) => [field, plan.index && isMultikeyField(plan.index, field) ? [field] : []])),
      direction: plan.reverse ? 'backward' : 'forward',
      ranges: plan.ranges.length,
    },
  };
}
