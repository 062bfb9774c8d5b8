/**
 * The update operators read models use most — `$set`, `$unset`, `$inc`, `$mul`, `$min`, `$max` on
 * plain dotted paths — applied to a query view without mingo. mingo's updater builds an operator
 * context per call (~25 µs, a third of an update statement); this is a few property writes.
 *
 * It applies an update only when every path goes through plain sub-documents (or missing ones, which
 * it creates) and, for `$min`/`$max`, both values are numbers; anything else (arrays on the path,
 * numeric path segments, positional operators, array filters, other operators, mixed-type
 * comparisons) is left to mingo by returning false, having changed nothing. Fields are processed in
 * lexicographic path order, so new fields are appended in that order, as MongoDB 5+ does.
 * Operands were validated before (`validateTargets`: no `$inc` of a string, no path through a
 * scalar); BSON types are put back afterwards (`typed-operands.ts`).
 */
import { Doc } from './bson-values';
import { compareUtf8 } from './fast-filter';

const SIMPLE = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max']);

interface Step {
  op: string;
  parts: string[];
  operand: unknown;
}

/** Applies `modifier` to `view` in place and returns true, or returns false having changed nothing. */
export function applySimpleUpdate(view: Doc, modifier: Doc, arrayFilters: Doc[] | undefined): boolean {
  if (arrayFilters && arrayFilters.length > 0) return false;
  const steps: Step[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    if (!SIMPLE.has(op)) return false;
    for (const [path, operand] of Object.entries(fields as Doc)) {
      const parts = path.split('.');
      if (parts.some((part) => part.length === 0 || part.startsWith('$') || /^\d+$/.test(part))) return false;
      if (!reachable(view, parts)) return false;
      if ((op === '$min' || op === '$max') && !comparable(valueAt(view, parts), operand)) return false;
      steps.push({ op, parts, operand });
    }
  }
  steps.sort((a, b) => comparePaths(a.parts, b.parts));
  for (const step of steps) apply(view, step);
  return true;
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

const comparable = (current: unknown, operand: unknown): boolean =>
  typeof operand === 'number' && !Number.isNaN(operand) && (current === undefined || (typeof current === 'number' && !Number.isNaN(current)));

function apply(view: Doc, { op, parts, operand }: Step): void {
  let parent = view;
  for (const part of parts.slice(0, -1)) {
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
      parent[field] = operand;
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
      if (current === undefined || (operand as number) < (current as number)) parent[field] = operand;
      return;
    case '$max':
      if (current === undefined || (operand as number) > (current as number)) parent[field] = operand;
      return;
  }
}

/** Lexicographic by path component (the order MongoDB 5+ processes update fields in). */
function comparePaths(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const order = compareUtf8(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

const isPlain = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
