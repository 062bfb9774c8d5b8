/**
 * Drivers send a write's statements in one of two shapes: a kind-1 document sequence, or an array
 * inside the command body (the Node driver's `insertMany`/`bulkWrite` do the latter). Both mean
 * the same to MongoDB. Here the inline array of an `insert`/`update`/`delete` is lifted out of the
 * body into a sequence, as raw document bytes, so the command is handled one way and an inserted
 * document is never decoded just to find where it ends (decoding a body of 2,000 documents twice,
 * then re-encoding each, was most of an insert's cost).
 */
import { FramedRequest, ProtocolError } from './messages';

const STATEMENTS: Record<string, string> = { insert: 'documents', update: 'updates', delete: 'deletes' };
const ARRAY = 0x04;
const DOCUMENT = 0x03;

/** The request with its inline statement array moved into `rawSequences`, or the request as it was. */
export function liftInlineStatements(framed: FramedRequest): FramedRequest {
  if (framed.kind !== 'msg') return framed;
  const body = framed.rawBody;
  const first = elementAt(body, 4);
  if (!first) return framed;
  const field = STATEMENTS[first.name];
  // Both shapes at once is refused by the command, which needs to see both.
  if (!field || framed.rawSequences.has(field)) return framed;
  for (let element = nextElement(body, first); element; element = nextElement(body, element)) {
    if (element.name !== field) continue;
    if (element.type !== ARRAY) return framed; // not an array: the command says what is wrong
    const documents = arrayDocuments(body, element);
    if (!documents) return framed;
    const rest = Buffer.concat([body.subarray(0, element.start), body.subarray(element.end)]);
    rest.writeInt32LE(rest.length, 0);
    const sequences = new Map(framed.rawSequences);
    sequences.set(field, documents);
    return { ...framed, rawBody: rest, rawSequences: sequences };
  }
  return framed;
}

interface Element {
  type: number;
  name: string;
  /** Offset of the type byte. */
  start: number;
  valueStart: number;
  /** Offset just past the value. */
  end: number;
}

/** The element at `at` of a document whose terminating zero byte is at `limit - 1`; undefined at that byte. */
function elementAt(doc: Buffer, at: number, limit = doc.length): Element | undefined {
  if (at >= limit - 1) return undefined;
  const type = doc[at]!;
  const nul = doc.indexOf(0, at + 1);
  if (nul < 0 || nul >= limit - 1) throw new ProtocolError('BSON element name is not terminated');
  const valueStart = nul + 1;
  const end = valueStart + valueSize(doc, type, valueStart);
  if (end < valueStart || end > limit - 1) throw new ProtocolError('BSON element runs past its document');
  return { type, name: doc.toString('utf8', at + 1, nul), start: at, valueStart, end };
}

const nextElement = (doc: Buffer, element: Element, limit = doc.length): Element | undefined => elementAt(doc, element.end, limit);

/** The raw bytes of each element of an array of documents; undefined when an element is not a document. */
function arrayDocuments(doc: Buffer, array: Element): Buffer[] | undefined {
  const documents: Buffer[] = [];
  for (let element = elementAt(doc, array.valueStart + 4, array.end); element; element = nextElement(doc, element, array.end)) {
    if (element.type !== DOCUMENT) return undefined;
    documents.push(doc.subarray(element.valueStart, element.end));
  }
  return documents;
}

/** Bytes taken by a value of a BSON type (https://bsonspec.org/spec.html). */
function valueSize(doc: Buffer, type: number, at: number): number {
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
