/**
 * A matcher for the filters most reads and writes use — top-level equality, `$in`, range, `$ne` and
 * `$not` (of those) predicates on scalar values, and `$and`/`$or` of them — without mingo. Compiling a mingo Query copies its whole operator table (~30 KB
 * and ~30 µs per query), which dominated an indexed lookup and its garbage collection.
 *
 * Semantics are MongoDB's, exactly, for what it decides: numbers of every type compare numerically
 * (the query view holds them as JS numbers), comparisons are type-bracketed (`$gt: 5` never matches a
 * string), strings compare by UTF-8 bytes (as the index keys order them), a missing field matches
 * nothing. Whenever a document holds something whose semantics are richer — an array on the path
 * (any-element matching), a NaN, a non-plain object in the middle of a path — the predicate answers
 * `undefined` and the caller asks mingo, so the fast path can only ever agree with the slow one.
 */
import { ObjectId } from 'bson';
import { Doc } from './bson-values';
import { compareUtf8 } from '@handoff/shared/documents/compare-utf8';

/** true/false when decided, undefined when mingo must decide for this document. */
export type FastPredicate = (view: Doc) => boolean | undefined;

/** `$or`: each clause a list of conditions that must all hold. */
interface Disjunction {
  clauses: (Condition | Disjunction)[][];
}

type Comparison = '$eq' | '$gt' | '$gte' | '$lt' | '$lte';

interface Condition {
  path: string[];
  /** Every test must hold for the field's value; `$in` is a list of equalities. */
  tests: { op: Comparison; value: Scalar }[];
  anyOf?: Scalar[];
  /** `$not: {...}` or `$ne`: the field must NOT satisfy the tests (a missing field satisfies `$not`). */
  negated?: boolean;
}

type Scalar = number | string | boolean | Date | ObjectId;

const COMPARISONS = new Set<string>(['$eq', '$gt', '$gte', '$lt', '$lte']);

/** The predicate for `filter` (already in query-view values), or undefined when it is not simple. */
export function compileFastFilter(filter: Doc): FastPredicate | undefined {
  const conditions: (Condition | Disjunction)[] = [];
  if (!collect(filter, conditions)) return undefined;
  return (view) => allHold(conditions, view);
}

/** false if one condition fails, else undefined if one is mingo's to decide, else true. */
function allHold(conditions: (Condition | Disjunction)[], view: Doc): boolean | undefined {
  let needsMingo = false;
  for (const condition of conditions) {
    const verdict = 'clauses' in condition ? anyHolds(condition, view) : check(condition, view);
    if (verdict === false) return false;
    if (verdict === undefined) needsMingo = true;
  }
  return needsMingo ? undefined : true;
}

/** true if one clause holds, else undefined if one is mingo's to decide, else false. */
function anyHolds(or: Disjunction, view: Doc): boolean | undefined {
  let needsMingo = false;
  for (const clause of or.clauses) {
    const verdict = allHold(clause, view);
    if (verdict === true) return true;
    if (verdict === undefined) needsMingo = true;
  }
  return needsMingo ? undefined : false;
}

function collect(filter: Doc, into: (Condition | Disjunction)[]): boolean {
  if (!isPlain(filter)) return false;
  for (const field of Object.keys(filter)) {
    const condition = filter[field];
    if (field === '$and') {
      if (!Array.isArray(condition) || condition.length === 0) return false;
      for (const clause of condition) if (!collect(clause as Doc, into)) return false;
      continue;
    }
    if (field === '$or') {
      // A keyset page's tie-break (`$or: [{ at: { $gt: t } }, { _id: { $gt: id } }]`) without a mingo compile per read.
      if (!Array.isArray(condition) || condition.length === 0) return false;
      const clauses: (Condition | Disjunction)[][] = [];
      for (const clause of condition) {
        const conditions: (Condition | Disjunction)[] = [];
        if (!collect(clause as Doc, conditions)) return false;
        clauses.push(conditions);
      }
      into.push({ clauses });
      continue;
    }
    if (field.length === 0 || field.includes('$')) return false;
    const path = field.split('.');
    if (path.some((part) => part.length === 0)) return false;
    if (isScalar(condition, 'equality')) {
      into.push({ path, tests: [{ op: '$eq', value: condition as Scalar }] });
      continue;
    }
    const parsed = parseOperators(path, condition, true);
    if (!parsed) return false;
    into.push(...parsed);
  }
  return true;
}

/**
 * `{ $gte: 1, $lt: 5, $in: [...], $ne: 3, $not: { $gte: 7 } }` as conditions: one positive for the
 * comparisons and `$in`, one negated per `$ne` / `$not` (each must fail on its own, as in MongoDB).
 */
function parseOperators(path: string[], condition: unknown, allowNegation: boolean): Condition[] | undefined {
  if (!isPlain(condition)) return undefined;
  const operators = Object.keys(condition as Doc);
  if (operators.length === 0) return undefined;
  const positive: Condition = { path, tests: [] };
  const conditions: Condition[] = [];
  for (const op of operators) {
    const value = (condition as Doc)[op];
    if (op === '$in') {
      if (!Array.isArray(value) || !value.every((item) => isScalar(item, 'equality'))) return undefined;
      if (positive.anyOf) return undefined;
      positive.anyOf = value as Scalar[];
    } else if (COMPARISONS.has(op) && isScalar(value, op === '$eq' ? 'equality' : 'range')) {
      positive.tests.push({ op: op as Comparison, value: value as Scalar });
    } else if (op === '$ne' && allowNegation && isScalar(value, 'equality')) {
      conditions.push({ path, tests: [{ op: '$eq', value: value as Scalar }], negated: true });
    } else if (op === '$not' && allowNegation) {
      const inner = parseOperators(path, value, false);
      if (!inner) return undefined;
      for (const negated of inner) negated.negated = true;
      conditions.push(...inner);
    } else {
      return undefined;
    }
  }
  if (positive.tests.length || positive.anyOf) conditions.push(positive);
  return conditions;
}

/** Scalars whose MongoDB semantics are exactly those implemented here (no null, NaN, arrays, regexes, documents). */
function isScalar(value: unknown, use: 'equality' | 'range'): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  if (typeof value === 'string') return true;
  if (typeof value === 'boolean') return use === 'equality';
  return value instanceof Date || value instanceof ObjectId;
}

function check(condition: Condition, view: Doc): boolean | undefined {
  const verdict = holds(condition, view);
  return condition.negated && verdict !== undefined ? !verdict : verdict;
}

/** Whether the field satisfies the condition's tests (ignoring `negated`); undefined: ask mingo. */
function holds(condition: Condition, view: Doc): boolean | undefined {
  let value: unknown = view;
  for (const part of condition.path) {
    if (Array.isArray(value)) return undefined; // any-element semantics: mingo's job
    if (!isPlain(value)) {
      // a scalar in the middle of the path: the field is missing; anything else is not ours to judge
      if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof ObjectId) return false;
      return undefined;
    }
    value = (value as Doc)[part];
  }
  if (value === undefined) return false; // missing: no non-null comparison matches
  if (Array.isArray(value) || (typeof value === 'number' && Number.isNaN(value))) return undefined;
  if (typeof value === 'object' && value !== null && !isPlain(value) && !(value instanceof Date) && !(value instanceof ObjectId)) return undefined;
  for (const test of condition.tests) if (!compare(value, test.op, test.value)) return false;
  if (condition.anyOf && !condition.anyOf.some((option) => compare(value, '$eq', option))) return false;
  return true;
}

/** Type-bracketed comparison of a stored scalar with a query constant. */
function compare(value: unknown, op: Comparison, constant: Scalar): boolean {
  const order = orderOf(value, constant);
  if (order === undefined) return false;
  switch (op) {
    case '$eq':
      return order === 0;
    case '$gt':
      return order > 0;
    case '$gte':
      return order >= 0;
    case '$lt':
      return order < 0;
    case '$lte':
      return order <= 0;
  }
}

/** Sign of value - constant when both are of the same comparable type, else undefined. */
function orderOf(value: unknown, constant: Scalar): number | undefined {
  if (typeof constant === 'number') return typeof value === 'number' ? (value < constant ? -1 : value > constant ? 1 : 0) : undefined;
  if (typeof constant === 'string') return typeof value === 'string' ? compareUtf8(value, constant) : undefined;
  if (typeof constant === 'boolean') return typeof value === 'boolean' ? Number(value) - Number(constant) : undefined;
  if (constant instanceof Date) return value instanceof Date ? Math.sign(value.getTime() - constant.getTime()) : undefined;
  return value instanceof ObjectId ? Buffer.compare(value.id, constant.id) : undefined;
}

const isPlain = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
