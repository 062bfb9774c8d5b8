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
  return new Canonicalizer().serialize(value);
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
  return Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(prototype) === '[object Object]' && (prototype as { constructor?: { name?: string } }).constructor?.name === 'Object';
}
