/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so a hash over
 * it can be recomputed by anyone, in any language, from the stored JSON.
 *
 * JCS is defined in terms of ECMAScript, which is why this is short: numbers are written by
 * Number.prototype.toString (what JSON.stringify does), strings with JSON.stringify's escaping,
 * and object members sorted by their names as UTF-16 code units (what Array.prototype.sort does).
 *
 * Stricter than JSON.stringify where it would silently change or lose data: non-finite numbers,
 * lone surrogates (not I-JSON), bigint, functions, symbols, `undefined` in arrays, cycles and
 * non-plain objects (Date, Buffer, Map, class instances) are refused. `undefined` object members
 * are left out, exactly as JSON.stringify leaves them out when the event is stored, so the hash
 * computed before writing equals the hash recomputed from what was read back.
 */
export class CanonicalizationError extends Error {
  readonly code = 'TAMPER_EVIDENCE.NOT_CANONICAL_JSON';

  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`cannot canonicalize ${path}: ${detail}`);
    this.name = 'CanonicalizationError';
  }
}

export function canonicalize(value: unknown): string {
  return canonicalizeNatively(value) ?? canonicalizeCarefully(value);
}

/**
 * The member-by-member canonicalizer: the reference the fast path is held to, and the one that
 * decides, with the place named, whatever the fast path leaves to it.
 */
export function canonicalizeCarefully(value: unknown): string {
  return new Canonicalizer().serialize(value);
}

/**
 * The fast path (a rebuild checks every event's hash, so this runs once per event read): one
 * native JSON.stringify of the value, or of a copy with each unsorted object's members re-added
 * in canonical order, which is RFC 8785 exactly when the walk below found nothing JSON.stringify
 * would write differently. Everything else (non-finite numbers, undefined in arrays, non-plain
 * objects, cycles, integer-like or `__proto__` names in an object to reorder, a polluted toJSON)
 * is left to the careful path, which also names the problem. Member names are sorted with `<`
 * on strings, which compares UTF-16 code units as RFC 8785 requires.
 */
export function canonicalizeNatively(value: unknown): string | undefined {
  if ('toJSON' in Object.prototype || 'toJSON' in Array.prototype) return undefined;
  const ordered = inCanonicalOrder(value, 0);
  if (ordered === CAREFUL) return undefined;
  const text = JSON.stringify(ordered);
  // JSON.stringify escapes a lone surrogate as \udxxx where RFC 8785 refuses it; text that merely
  // contains a backslash before "ud" comes out as \\ud and goes the careful way too, to the same result.
  return text.includes('\\ud') ? undefined : text;
}

const CAREFUL = Symbol('careful');
/** Deeper than this (or a cycle) goes the careful way. */
const MAX_FAST_DEPTH = 64;

/** `value` itself when JSON.stringify writes it canonically, a copy in canonical member order, or CAREFUL. */
function inCanonicalOrder(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : CAREFUL;
    case 'object':
      if (value === null) return value;
      if (depth >= MAX_FAST_DEPTH) return CAREFUL;
      if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype ? arrayInOrder(value, depth) : CAREFUL;
      return objectInOrder(value, depth);
    default:
      return CAREFUL;
  }
}

function arrayInOrder(items: unknown[], depth: number): unknown {
  let copy: unknown[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const ordered = inCanonicalOrder(item, depth + 1);
    if (ordered === CAREFUL) return CAREFUL;
    if (ordered !== item && copy === undefined) copy = items.slice(0, index);
    copy?.push(ordered);
  }
  return copy ?? items;
}

function objectInOrder(value: object, depth: number): unknown {
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return CAREFUL;
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  let sorted = true;
  for (let index = 1; index < names.length; index++) {
    if (names[index - 1]! > names[index]!) {
      sorted = false;
      break;
    }
  }
  let copy: Record<string, unknown> | undefined;
  if (!sorted) {
    // A copy lists integer-like names first whatever order they were added in, and `__proto__` would set its prototype.
    if (!names.every(addsInOrder)) return CAREFUL;
    names.sort();
    copy = {};
  }
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    const member = record[name];
    if (member === undefined) continue;
    const ordered = inCanonicalOrder(member, depth + 1);
    if (ordered === CAREFUL) return CAREFUL;
    if (ordered !== member && copy === undefined) {
      if (!names.every(addsInOrder)) return CAREFUL;
      copy = {};
      for (let before = 0; before < index; before++) if (record[names[before]!] !== undefined) copy[names[before]!] = record[names[before]!];
    }
    if (copy !== undefined) copy[name] = ordered;
  }
  return copy ?? value;
}

/** Whether a member of this name, added to a fresh object, is listed where it was added. */
function addsInOrder(name: string): boolean {
  const first = name.charCodeAt(0);
  return !(first >= 48 && first <= 57) && name !== '__proto__';
}

/**
 * One canonicalization. The path of the value being written (`$.data.items[2]`) is kept as a trail
 * of member names and indexes and only spelled out for an error: building it for every member
 * was a fifth of the cost of hashing an event.
 */
class Canonicalizer {
  private readonly ancestors = new Set<object>();
  private readonly trail: (string | number)[] = [];

  serialize(value: unknown): string {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'boolean':
        return value ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(value)) this.fail(`${value} is not a JSON number`);
        return JSON.stringify(value);
      case 'string':
        return this.string(value);
      case 'object':
        return this.container(value);
      default:
        return this.fail(`a ${typeof value} is not JSON`);
    }
  }

  private string(value: string): string {
    if (!value.isWellFormed()) this.fail('the string contains a lone surrogate (not I-JSON)');
    return JSON.stringify(value);
  }

  private container(value: object): string {
    if (this.ancestors.has(value)) this.fail('the value contains a cycle');
    this.ancestors.add(value);
    try {
      return Array.isArray(value) ? this.array(value) : this.object(value);
    } finally {
      this.ancestors.delete(value);
    }
  }

  private array(items: unknown[]): string {
    let text = '[';
    for (let index = 0; index < items.length; index++) {
      this.trail.push(index);
      const item = items[index];
      if (item === undefined) this.fail('undefined is not JSON');
      text += (index === 0 ? '' : ',') + this.serialize(item);
      this.trail.pop();
    }
    return `${text}]`;
  }

  private object(value: object): string {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null && !isObjectPrototype(prototype)) this.fail(`a ${prototype?.constructor?.name ?? 'non-plain'} object is not plain JSON`);
    const record = value as Record<string, unknown>;
    let text = '{';
    let first = true;
    for (const name of Object.keys(record).sort()) {
      const member = record[name];
      if (member === undefined) continue;
      this.trail.push(name);
      text += `${first ? '' : ','}${this.string(name)}:${this.serialize(member)}`;
      this.trail.pop();
      first = false;
    }
    return `${text}}`;
  }

  private fail(detail: string): never {
    const path = this.trail.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
    throw new CanonicalizationError(`$${path}`, detail);
  }
}

/**
 * Another realm's Object.prototype: an event passed between threads (the subscription thread's
 * structured clone) or into a vm context (jest) is a plain object of that realm's Object.
 */
function isObjectPrototype(prototype: object): boolean {
  return (
    Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(prototype) === '[object Object]' && (prototype as { constructor?: { name?: string } }).constructor?.name === 'Object'
  );
}
