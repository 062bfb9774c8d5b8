/**
 * The update operators read models use most — `$set`, `$unset`, `$inc`, `$mul`, `$min`, `$max`,
 * `$push` and `$addToSet` of one value (and `$setOnInsert` where the caller says whether the
 * update inserts) on plain dotted paths —
 * applied to a plain JavaScript document without mingo. mingo's updater builds an operator context
 * per call (~25 µs); this is a few property writes. Shared by the embedded read store (update
 * statements) and the projection runtime (applying a batch's changes in memory).
 *
 * It applies an update only when every path goes through plain sub-documents (or missing ones,
 * which it creates), no two paths overlap, `$inc`/`$mul` meet numbers (or a missing field),
 * `$min`/`$max` compare two numbers or two strings, and `$push`/`$addToSet` add a JSON-like value
 * to an array of JSON-like values (or a missing field); anything else (arrays on the path, numeric path
 * segments, positional operators, array filters, other operators, other types) is left to mingo by
 * returning false, having changed nothing. Fields are processed in lexicographic path order, so new
 * fields are appended in that order, as MongoDB 5+ does. Object and array operands are copied, so a
 * document never shares them with the update or with another document.
 */
import { compareUtf8 } from './compare-utf8';

type Doc = Record<string, unknown>;

const SIMPLE = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$addToSet']);
const ARRAY_OPS = new Set(['$push', '$addToSet']);
const NUMERIC = new Set(['$inc', '$mul']);

interface Step {
  op: string;
  parts: string[];
  operand: unknown;
}

export interface SimpleUpdateOptions {
  /** Set when the update inserts the document (an upsert): `$setOnInsert` then applies as `$set`; left undefined, `$setOnInsert` is not handled here. */
  inserting?: boolean;
}

/** Applies `modifier` to `doc` in place and returns true, or returns false having changed nothing. */
export function applySimpleUpdate(doc: Doc, modifier: Doc, arrayFilters: Doc[] | undefined, options: SimpleUpdateOptions = {}): boolean {
  if (arrayFilters && arrayFilters.length > 0) return false;
  const steps: Step[] = [];
  for (const op in modifier) {
    const fields = modifier[op];
    let as = op;
    if (op === '$setOnInsert' && options.inserting !== undefined) {
      if (!options.inserting) continue;
      as = '$set';
    } else if (!SIMPLE.has(op)) return false;
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return false;
    for (const path in fields as Doc) {
      const operand = (fields as Doc)[path];
      const parts = path.includes('.') ? path.split('.') : [path];
      for (const part of parts) if (part.length === 0 || part.charCodeAt(0) === 36 /* $ */ || isDigits(part)) return false;
      if (!reachable(doc, parts)) return false;
      if (NUMERIC.has(as) && !numeric(valueAt(doc, parts), operand)) return false;
      if ((as === '$min' || as === '$max') && !comparable(valueAt(doc, parts), operand)) return false;
      if (ARRAY_OPS.has(as) && !appendable(as, valueAt(doc, parts), operand)) return false;
      steps.push({ op: as, parts, operand });
    }
  }
  sortSteps(steps);
  // Sorted by component, a path and any path under it are neighbours (everything between them is under it too).
  for (let i = 1; i < steps.length; i++) if (isPrefix(steps[i - 1]!.parts, steps[i]!.parts)) return false;
  for (const step of steps) apply(doc, step);
  return true;
}

function isDigits(part: string): boolean {
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return part.length > 0;
}

/**
 * By path, stable. Insertion sort for the handful of fields an update usually has: Array#sort
 * allocated a work array per call (a third of this function's allocation on a projection rebuild).
 */
function sortSteps(steps: Step[]): void {
  if (steps.length > 32) {
    steps.sort((a, b) => comparePaths(a.parts, b.parts)); // insertion sort is quadratic: not for many fields
    return;
  }
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!;
    let j = i - 1;
    while (j >= 0 && comparePaths(steps[j]!.parts, step.parts) > 0) {
      steps[j + 1] = steps[j]!;
      j--;
    }
    steps[j + 1] = step;
  }
}

/** Every value before the last part is a plain document or missing (no arrays, nulls or scalars). */
function reachable(doc: Doc, parts: string[]): boolean {
  let current: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    current = (current as Doc)[parts[i]!];
    if (current === undefined) return true;
    if (!isPlain(current)) return false;
  }
  return true;
}

function valueAt(doc: Doc, parts: string[]): unknown {
  let current: unknown = doc;
  for (const part of parts) {
    if (current === undefined) return undefined;
    current = (current as Doc)[part];
  }
  return current;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);
const numeric = (current: unknown, operand: unknown): boolean => isNumber(operand) && (current === undefined || isNumber(current));
const comparable = (current: unknown, operand: unknown): boolean =>
  (isNumber(operand) && (current === undefined || isNumber(current))) || (typeof operand === 'string' && (current === undefined || typeof current === 'string'));

/**
 * `$push`/`$addToSet` of one JSON-like value (no `$each` or other modifiers) to an array or a
 * missing field. For `$addToSet` the array's members must be JSON-like too, whose equality (field
 * order counts, as in BSON) is checked here.
 */
function appendable(op: string, current: unknown, operand: unknown): boolean {
  if (current !== undefined && !Array.isArray(current)) return false;
  // A member of another BSON type (a Long, a Date) may still equal the value: mingo's call.
  if (op === '$addToSet' && current !== undefined && !(current as unknown[]).every(isJsonLike)) return false;
  if (!isJsonLike(operand)) return false;
  if (isPlain(operand) && Object.keys(operand as Doc).some((key) => key.startsWith('$'))) return false; // $each, $slice, ...
  return true;
}

function apply(doc: Doc, { op, parts, operand }: Step): void {
  let parent = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (parent[part] === undefined) {
      if (op === '$unset') return;
      parent[part] = {};
    }
    parent = parent[part] as Doc;
  }
  const field = parts[parts.length - 1]!;
  const current = parent[field];
  switch (op) {
    case '$set':
      parent[field] = copyOperand(operand);
      return;
    case '$unset':
      delete parent[field];
      return;
    case '$inc':
      parent[field] = current === undefined ? operand : (current as number) + (operand as number);
      return;
    case '$mul':
      parent[field] = current === undefined ? 0 : (current as number) * (operand as number);
      return;
    case '$min':
      if (current === undefined || less(operand, current)) parent[field] = operand;
      return;
    case '$max':
      if (current === undefined || less(current, operand)) parent[field] = operand;
      return;
    case '$push':
    case '$addToSet': {
      const array = current === undefined ? (parent[field] = []) : (current as unknown[]);
      if (op === '$addToSet' && array.some((member) => sameJson(member, operand))) return;
      array.push(copyOperand(operand));
      return;
    }
  }
}

/** Both numbers or both strings (checked before); strings in MongoDB's binary (UTF-8) order. */
const less = (a: unknown, b: unknown): boolean => (typeof a === 'string' ? compareUtf8(a, b as string) < 0 : (a as number) < (b as number));

/** Lexicographic by path component (the order MongoDB 5+ processes update fields in). */
function comparePaths(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const order = compareUtf8(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function isPrefix(a: string[], b: string[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy of plain objects and arrays; anything else (scalars, BSON values, dates) as it is. */
function copyOperand(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOperand);
  if (!isPlain(value)) return value;
  const copy: Doc = {};
  for (const key in value as Doc) copy[key] = copyOperand((value as Doc)[key]);
  return copy;
}

/** Strings, finite numbers, booleans, null, and arrays and plain objects of those. */
function isJsonLike(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonLike);
  if (isPlain(value)) return Object.values(value as Doc).every((field) => field !== undefined && isJsonLike(field));
  return false;
}

/** BSON equality of JSON-like values: same fields in the same order with equal values. A member that is not JSON-like is never equal here. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (!isPlain(a) || !isPlain(b) || Array.isArray(b)) return false;
  const keysA = Object.keys(a as Doc);
  const keysB = Object.keys(b as Doc);
  return keysA.length === keysB.length && keysA.every((key, i) => key === keysB[i] && sameJson((a as Doc)[key], (b as Doc)[key]));
}

const isPlain = (value: unknown): boolean => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};
