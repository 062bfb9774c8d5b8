/**
 * Update documents, with mingo's updater (`update()` from mingo/updater) applying the operators and
 * its Aggregator running pipeline updates. Before mingo runs, the update is validated the way
 * mongod validates it, because mingo is lenient where MongoDB refuses: unknown modifiers,
 * conflicting paths, `$inc` on a string, `$push` on a non-array, changing `_id`.
 */
import { BSONRegExp, ObjectId } from 'bson';
import { Aggregator } from 'mingo';
import type { update as MingoUpdate } from 'mingo';

// mingo's updater module itself, not the package index's wrapper: the wrapper hands it a copy of
// every operator mingo has (~30 KB, the larger part of an update's cost); the updater adds the few
// it needs (query, boolean and comparison operators) to an empty context. Same signature; required
// because this tsconfig's module resolution does not read package "exports".
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { update: applyModifier } = require('mingo/updater') as { update: typeof MingoUpdate };

import { commandError } from '../errors';
import { formatValue } from '../storage/indexing';
import { encodeKeyValue, numericValue } from '../storage/key-encoding';
import { Doc, restoreTypes, toQueryCopy, withIdFirst } from './bson-values';
import { MINGO_OPTIONS } from './executor';
import { applySimpleUpdate } from '@handoff/shared/documents/simple-update';
import { applyTypedOperands, operandsBefore } from './typed-operands';

export type UpdateSpec = { kind: 'replacement'; replacement: Doc } | { kind: 'modifier'; modifier: Doc } | { kind: 'pipeline'; pipeline: Doc[] };

const MODIFIERS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$addToSet', '$pull', '$pullAll', '$pop', '$currentDate', '$setOnInsert', '$bit']);
const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);
const NUMERIC_MODIFIERS = new Set(['$inc', '$mul']);
const ARRAY_MODIFIERS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

export function parseUpdate(u: unknown, multi: boolean): UpdateSpec {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const name = stage && typeof stage === 'object' ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
        throw commandError('InvalidOptions', `${name ?? 'stage'} is not allowed to be used within an update`);
      }
    }
    return { kind: 'pipeline', pipeline: u as Doc[] };
  }
  if (!u || typeof u !== 'object') throw commandError('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(u as Doc);
  if (keys.length === 0 || !keys[0]!.startsWith('$')) {
    if (multi) throw commandError('FailedToParse', 'multi update is not supported for replacement-style update');
    for (const key of keys) {
      if (key.startsWith('$'))
        throw commandError(
          'DollarPrefixedFieldName',
          `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
        );
    }
    return { kind: 'replacement', replacement: u as Doc };
  }
  const seen: string[] = [];
  for (const [operator, fields] of Object.entries(u as Doc)) {
    if (!MODIFIERS.has(operator)) {
      throw commandError('FailedToParse', `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
      throw commandError('FailedToParse', `Modifiers operate on fields but we found type ${typeof fields} instead. For example: {$mod: {<field>: ...}} not {${operator}: ${formatValue(fields)}}`);
    }
    for (const [path, argument] of Object.entries(fields as Doc)) {
      checkConflict(seen, path);
      seen.push(path);
      if (operator === '$rename') {
        checkConflict(seen, String(argument));
        seen.push(String(argument));
      }
      if (NUMERIC_MODIFIERS.has(operator) && numericValue(argument) === undefined) {
        throw commandError('TypeMismatch', `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(argument)}}`);
      }
    }
  }
  return { kind: 'modifier', modifier: u as Doc };
}

function checkConflict(seen: string[], path: string): void {
  const base = path.split('.$')[0]!;
  for (const other of seen) {
    const otherBase = other.split('.$')[0]!;
    if (otherBase === base || otherBase.startsWith(`${base}.`) || base.startsWith(`${otherBase}.`)) {
      throw commandError('ConflictingUpdateOperators', `Updating the path '${path}' would create a conflict at '${base.length <= otherBase.length ? base : otherBase}'`);
    }
  }
}

export interface ApplyOptions {
  arrayFilters?: Doc[];
  /** The filter that selected the document (for the positional `$` operator). */
  query: Doc;
  inserting: boolean;
}

/**
 * Applies the update to a fresh query view of the document; returns the new document with the
 * stored BSON types restored and `_id` first. Throws MongoDB's errors for invalid changes.
 */
export function applyUpdate(spec: UpdateSpec, view: Doc, typed: Doc, options: ApplyOptions): Doc {
  const oldId = typed._id;
  let result: Doc;
  if (spec.kind === 'replacement') {
    result = Object.assign({}, spec.replacement);
    if (result._id !== undefined && oldId !== undefined && !sameValue(result._id, oldId) && !options.inserting) {
      throw commandError('ImmutableField', `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(result._id)}`);
    }
    result._id = oldId ?? result._id;
    return idFirst(result);
  }
  if (spec.kind === 'pipeline') {
    const [out] = new Aggregator(toQueryCopy(spec.pipeline) as Doc[], MINGO_OPTIONS).run([view]) as Doc[];
    result = restoreTypes(out, typed) as Doc;
  } else {
    const typedModifier = modifierFor(spec.modifier, options.inserting);
    const modifier = toQueryCopy(typedModifier) as Doc;
    validateTargets(modifier, view);
    const before = operandsBefore(typedModifier, typed);
    // The document already matched the filter (by our matcher); mingo needs the filter only to
    // resolve a positional `$`. Never for an upsert: the new document is built from the filter's
    // equalities and need not match the rest of it (`{_id, p: {$lt: 'z'}}` still gets its $set).
    const condition = !options.inserting && usesPositional(modifier) ? options.query : undefined;
    if (condition !== undefined || !applySimpleUpdate(view, modifier, options.arrayFilters)) {
      applyModifier(view, modifier, options.arrayFilters, condition, { cloneMode: 'none', queryOptions: UPDATE_QUERY_OPTIONS });
    }
    result = restoreTypes(view, typed) as Doc;
    applyTypedOperands(result, typedModifier, before);
  }
  if (oldId !== undefined && !sameValue(result._id, oldId)) {
    throw commandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return idFirst(result);
}

const UPDATE_QUERY_OPTIONS = { idKey: '_id', useStrictMode: true };

const usesPositional = (modifier: Doc): boolean => Object.values(modifier).some((fields) => Object.keys(fields as Doc).some((path) => path.split('.').includes('$')));

function modifierFor(modifier: Doc, inserting: boolean): Doc {
  const { $setOnInsert, ...rest } = modifier;
  if (!inserting || !$setOnInsert) return rest;
  return Object.assign({}, rest, { $set: Object.assign({}, rest.$set as Doc | undefined, $setOnInsert as Doc) });
}

/** Refusals mingo would not make: arithmetic on non-numbers, array operators on non-arrays, paths through scalars. */
function validateTargets(modifier: Doc, view: Doc): void {
  for (const [operator, fields] of Object.entries(modifier)) {
    for (const [path, argument] of Object.entries(fields as Doc)) {
      if (path === '_id' || path.startsWith('_id.') || (operator === '$rename' && argument === '_id')) {
        const unchanged = operator === '$set' && path === '_id' && sameValue(argument, view._id);
        if (!unchanged) throw commandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
      }
      if (path.includes('$')) continue;
      const { value, blockedAt } = resolvePath(view, path.split('.'));
      if (blockedAt) {
        const [parent, blocker] = blockedAt;
        throw commandError('PathNotViable', `Cannot create field '${parent}' in element {${blocker}: ${formatValue(value)}}`);
      }
      if (value === undefined) continue;
      if (NUMERIC_MODIFIERS.has(operator) && typeof value !== 'number') {
        throw commandError(
          'TypeMismatch',
          `Cannot apply ${operator} to a value of non-numeric type. {_id: ${formatValue(view._id)}} has the field '${path.split('.').pop()}' of non-numeric type ${bsonTypeName(value)}`,
        );
      }
      if (ARRAY_MODIFIERS.has(operator) && !Array.isArray(value)) {
        throw commandError('BadValue', `The field '${path}' must be an array but is of type ${bsonTypeName(value)} in document {_id: ${formatValue(view._id)}}`);
      }
    }
  }
}

function resolvePath(doc: Doc, parts: string[]): { value: unknown; blockedAt?: [string, string] } {
  let current: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    if (current === undefined || current === null) return { value: undefined };
    if (Array.isArray(current)) return { value: undefined }; // array paths are left to mingo
    if (typeof current !== 'object' || !isPlain(current)) return { value: current, blockedAt: [parts[i]!, parts[i - 1]!] };
    current = (current as Doc)[parts[i]!];
  }
  return { value: current };
}

const isPlain = (value: unknown) => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

function bsonTypeName(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof ObjectId) return 'objectId';
  return 'object';
}

const sameValue = (a: unknown, b: unknown): boolean => encodeKeyValue(a).equals(encodeKeyValue(b));

function idFirst(doc: Doc): Doc {
  return withIdFirst(doc, doc._id);
}

/**
 * The document an upsert starts from: the filter's equality fields (dotted paths nested), taken from
 * the filter as the client typed it so a Long or Decimal128 is stored as one. A replacement takes
 * only `_id`. As in mongod: `{f: v}`, `{f: {$eq: v}}`, a one-element `$in` or `$all`, inside `$and`
 * or a one-clause `$or`; a path matched twice or nested in another refuses the upsert (54).
 * A replacement whose filter pins only part of `_id` is refused (111).
 */
export function upsertBase(typedFilter: Doc, spec: UpdateSpec): Doc {
  const equalities = queryEqualities(typedFilter, spec.kind === 'replacement');
  const base: Doc = {};
  if (spec.kind === 'replacement') {
    if (equalities.has('_id') && spec.replacement._id === undefined) base._id = equalities.get('_id');
    return base;
  }
  for (const [path, value] of equalities) setPath(base, path.split('.'), value);
  return base;
}

/**
 * `onlyId`: a replacement takes `_id` alone, so other paths are neither taken nor checked, and
 * `_id` must be pinned whole: a sub-path of it refuses the upsert (111; mongod's message, its typo kept).
 */
function queryEqualities(filter: Doc, onlyId: boolean): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (clause: Doc) => {
    for (const [field, condition] of Object.entries(clause)) {
      if ((field === '$and' || field === '$or') && Array.isArray(condition)) {
        if (field === '$and' || condition.length === 1) condition.forEach((sub) => isPlain(sub) && visit(sub as Doc));
        continue;
      }
      if (field.startsWith('$') || (onlyId && field !== '_id' && !field.startsWith('_id.'))) continue;
      const value = equalityValue(condition);
      if (value === NO_EQUALITY) continue;
      if (onlyId && field !== '_id') {
        throw commandError('NotExactValueField', `field at '_id' must be exactly specified, field at sub-path '${field}'found`);
      }
      for (const other of found.keys()) {
        if (other === field) throw commandError('NotSingleValueField', `cannot infer query fields to set, path '${field}' is matched twice`);
        if (other.startsWith(`${field}.`) || field.startsWith(`${other}.`)) {
          throw commandError('NotSingleValueField', `cannot infer query fields to set, both paths '${field}' and '${other}' are matched`);
        }
      }
      found.set(field, value);
    }
  };
  visit(filter);
  return found;
}

const NO_EQUALITY = Symbol('no equality');
const isRegex = (value: unknown) => value instanceof RegExp || value instanceof BSONRegExp;

/** The value a condition pins its field to, or NO_EQUALITY (ranges, regexes, other operators). */
function equalityValue(condition: unknown): unknown {
  if (isRegex(condition)) return NO_EQUALITY;
  if (!isPlain(condition)) return condition;
  const operators = Object.keys(condition as Doc);
  if (operators.length === 0 || !operators[0]!.startsWith('$')) return condition; // an embedded document
  const { $eq, $in, $all } = condition as Doc;
  if ($eq !== undefined) return $eq;
  for (const list of [$in, $all]) {
    if (Array.isArray(list) && list.length === 1 && !isRegex(list[0]) && !(isPlain(list[0]) && Object.keys(list[0] as Doc)[0]?.startsWith('$'))) return list[0];
  }
  return NO_EQUALITY;
}

function setPath(target: Doc, parts: string[], value: unknown): void {
  let current = target;
  for (const part of parts.slice(0, -1)) {
    if (!isPlain(current[part])) current[part] = {};
    current = current[part] as Doc;
  }
  current[parts[parts.length - 1]!] = value;
}

export const newObjectId = (): ObjectId => new ObjectId();
