/**
 * Walking the top-level elements of BSON bytes without decoding them: where each element starts,
 * its type and name, and where its value ends (https://bsonspec.org/spec.html). Used to lift a
 * command's inline statements out of its body; whole-field projections (query/raw-projection.ts)
 * walk stored documents with `valueSize`.
 */
import { ProtocolError } from './messages';

export interface Element {
  type: number;
  name: string;
  /** Offset of the type byte. */
  start: number;
  valueStart: number;
  /** Offset just past the value. */
  end: number;
}

/** The element at `at` of a document whose terminating zero byte is at `limit - 1`; undefined at that byte. */
export function elementAt(doc: Buffer, at: number, limit = doc.length): Element | undefined {
  if (at >= limit - 1) return undefined;
  const type = doc[at]!;
  const nul = doc.indexOf(0, at + 1);
  if (nul < 0 || nul >= limit - 1) throw new ProtocolError('BSON element name is not terminated');
  const valueStart = nul + 1;
  const end = valueStart + valueSize(doc, type, valueStart);
  if (end < valueStart || end > limit - 1) throw new ProtocolError('BSON element runs past its document');
  return { type, name: doc.toString('utf8', at + 1, nul), start: at, valueStart, end };
}

export const nextElement = (doc: Buffer, element: Element, limit = doc.length): Element | undefined => elementAt(doc, element.end, limit);

/** Bytes taken by a value of a BSON type (https://bsonspec.org/spec.html). */
export function valueSize(doc: Buffer, type: number, at: number): number {
  switch (type) {
    case 0x01: // double
    case 0x09: // UTC datetime
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
    case 0x0d: // JavaScript code
    case 0x0e: // symbol
      return 4 + doc.readInt32LE(at);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return doc.readInt32LE(at);
    case 0x05: // binary: length, subtype, bytes
      return 4 + 1 + doc.readInt32LE(at);
    case 0x06: // undefined
    case 0x0a: // null
    case 0xff: // min key
    case 0x7f: // max key
      return 0;
    case 0x07: // ObjectId
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x0b: {
      // regex: two C strings
      const pattern = doc.indexOf(0, at);
      const flags = pattern < 0 ? -1 : doc.indexOf(0, pattern + 1);
      if (flags < 0) throw new ProtocolError('BSON regex is not terminated');
      return flags + 1 - at;
    }
    case 0x0c: // DBPointer: string, ObjectId
      return 4 + doc.readInt32LE(at) + 12;
    case 0x10: // int32
      return 4;
    case 0x13: // decimal128
      return 16;
    default:
      throw new ProtocolError(`unknown BSON type 0x${type.toString(16)}`);
  }
}
