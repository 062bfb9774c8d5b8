/**
 * Keeps the BSON types a client sent in an update, as mongod does: mingo applies operators to the
 * query view (numbers as JS numbers), then the values at the paths `$set`, `$setOnInsert`, `$inc`,
 * `$mul`, `$min` and `$max` wrote are replaced by typed ones — the operand itself for a set, mongod's
 * typed arithmetic for `$inc`/`$mul`, the operand when it won a `$min`/`$max`. Positional paths
 * (`$`, `$[]`, `$[id]`) and array operators keep what mingo computed (numbers typed like the stored
 * value, else int32/double).
 */
import { formatValue } from '../storage/indexing';
import { Doc } from './bson-values';
import { arithmetic, kindOf } from './numeric';

type Path = string[];

/** Typed values of the paths `$inc`/`$mul`/`$min`/`$max` read, taken before the update runs. */
export function operandsBefore(modifier: Doc, typed: Doc): Map<string, unknown> {
  const before = new Map<string, unknown>();
  for (const op of ['$inc', '$mul', '$min', '$max']) {
    for (const path of Object.keys((modifier[op] as Doc | undefined) ?? {})) {
      const parts = plainPath(path);
      if (parts) before.set(path, valueAt(typed, parts));
    }
  }
  return before;
}

/** Puts the typed values over `result` (the updated document, already type-restored). */
export function applyTypedOperands(result: Doc, modifier: Doc, before: Map<string, unknown>): void {
  for (const [op, fields] of Object.entries(modifier)) {
    for (const [path, operand] of Object.entries(fields as Doc)) {
      const parts = plainPath(path);
      if (!parts) continue;
      if (op === '$set') replaceAt(result, parts, operand);
      else if (op === '$inc' || op === '$mul') {
        const value = arithmetic(op, before.get(path), operand, () => `_id: ${formatValue(result._id)}`);
        if (value !== undefined) replaceAt(result, parts, value);
      } else if ((op === '$min' || op === '$max') && kindOf(operand)) {
        const current = before.get(path);
        const wins = current === undefined || (kindOf(current) !== undefined && (op === '$min' ? Number(operand) < Number(current) : Number(operand) > Number(current)));
        if (wins) replaceAt(result, parts, operand);
      }
    }
  }
}

/** The path's parts, or undefined for positional paths. */
const plainPath = (path: string): Path | undefined => {
  const parts = path.split('.');
  return parts.some((part) => part.startsWith('$')) ? undefined : parts;
};

function valueAt(doc: unknown, parts: Path): unknown {
  let current = doc;
  for (const part of parts) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isPlain(current)) current = (current as Doc)[part];
    else return undefined;
  }
  return current;
}

/** Replaces the value at an existing path (the update created it); leaves anything else alone. */
function replaceAt(doc: Doc, parts: Path, value: unknown): void {
  const parent = valueAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent) && /^\d+$/.test(last) && Number(last) < parent.length) parent[Number(last)] = value;
  else if (isPlain(parent) && last in (parent as Doc)) (parent as Doc)[last] = value;
}

const isPlain = (value: unknown): boolean => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
