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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function canonicalize(value: unknown): string {
  return serialize(value, '$', new Set());
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalizationError(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      return serializeString(value, path);
    case 'object':
      return serializeContainer(value, path, ancestors);
    default:
      throw new CanonicalizationError(path, `a ${typeof value} is not JSON`);
  }
}

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalizationError(path, 'the string contains a lone surrogate (not I-JSON)');
  return JSON.stringify(value);
}

function serializeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalizationError(path, 'the value contains a cycle');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, index) => {
        if (item === undefined) throw new CanonicalizationError(`${path}[${index}]`, 'undefined is not JSON');
        return serialize(item, `${path}[${index}]`, ancestors);
      })}]`;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new CanonicalizationError(path, `a ${prototype?.constructor?.name ?? 'non-plain'} object is not plain JSON`);
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((name) => record[name] !== undefined)
      .sort()
      .map((name) => `${serializeString(name, `${path}.${name}`)}:${serialize(record[name], `${path}.${name}`, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
