/**
 * Find projections that only keep or drop whole top-level fields (`{ a: 1, b: 1 }`,
 * `{ _id: 0, c: 0 }`), applied to a stored document's bytes: the kept elements are copied as they
 * are, in stored order, which is how MongoDB returns them. No decode, no mingo, no type
 * restoration; everything else (dotted paths, `$slice`, `$elemMatch`, positional `$`, expressions)
 * is left to mingo (executor.ts `projector`).
 */
import { valueSize } from '../wire/bson-elements';
import { ProtocolError } from '../wire/messages';
import type { Doc } from './bson-values';

export type RawProjection = (bytes: Buffer) => Buffer;

/** The byte-level projection for `projection`, or undefined when it is not whole top-level fields only. */
export function rawFieldProjection(projection: Doc): RawProjection | undefined {
  const included: string[] = [];
  const excluded: string[] = [];
  let idShown = true;
  for (const [name, value] of Object.entries(projection)) {
    if (name === '' || name.includes('.') || name.startsWith('$')) return undefined;
    if (typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    const shown = value !== 0 && value !== false;
    if (name === '_id') idShown = shown;
    else (shown ? included : excluded).push(name);
  }
  // Mixing inclusion and exclusion is an error, mingo words it; `_id: 1` beside exclusions is left to it too.
  if (included.length > 0 && excluded.length > 0) return undefined;
  if (excluded.length > 0 && idShown && '_id' in projection) return undefined;
  // Inclusion also when only `_id: 1` is named: MongoDB then returns `_id` alone.
  if (included.length > 0 || (excluded.length === 0 && idShown && '_id' in projection)) {
    if (idShown) included.push('_id');
    const names = new FieldNames(included);
    return (bytes) => keepElements(bytes, names, true);
  }
  if (!idShown) excluded.push('_id');
  const names = new FieldNames(excluded);
  return (bytes) => keepElements(bytes, names, false);
}

/** Field names as UTF-8 bytes, matched against an element's name where it lies in the document (no string decoded). */
class FieldNames {
  private readonly encoded: Buffer[];

  constructor(names: string[]) {
    this.encoded = names.map((name) => Buffer.from(name, 'utf8'));
  }

  /** Whether the name at `bytes[start, end)` is one of these. */
  has(bytes: Buffer, start: number, end: number): boolean {
    const length = end - start;
    for (const name of this.encoded) {
      if (name.length !== length) continue;
      let i = 0;
      while (i < length && name[i] === bytes[start + i]) i++;
      if (i === length) return true;
    }
    return false;
  }
}

/**
 * A new document of the elements named (`keepNamed`) or not named (`!keepNamed`); the bytes
 * themselves when every element is kept. Walked in plain JavaScript: this runs per document of a
 * reply, where a native call per element (indexOf, toString) cost more than the copy.
 */
function keepElements(bytes: Buffer, names: FieldNames, keepNamed: boolean): Buffer {
  const ranges: number[] = [];
  const last = bytes.length - 1;
  let size = 4 + 1;
  let all = true;
  for (let at = 4; at < last;) {
    const type = bytes[at]!;
    let nul = at + 1;
    while (nul < last && bytes[nul] !== 0) nul++;
    const end = nul + 1 + valueSize(bytes, type, nul + 1);
    if (nul >= last || end > last) throw new ProtocolError('stored BSON element runs past its document');
    if (names.has(bytes, at + 1, nul) === keepNamed) {
      // Neighbouring kept elements are copied as one range.
      if (ranges.length > 0 && ranges[ranges.length - 1] === at) ranges[ranges.length - 1] = end;
      else ranges.push(at, end);
      size += end - at;
    } else all = false;
    at = end;
  }
  if (all) return bytes;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let at = 4;
  for (let i = 0; i < ranges.length; i += 2) at += bytes.copy(out, at, ranges[i], ranges[i + 1]);
  out[at] = 0;
  return out;
}
