/**
 * Drivers send a write's statements in one of two shapes: a kind-1 document sequence, or an array
 * inside the command body (the Node driver's `insertMany`/`bulkWrite` do the latter). Both mean
 * the same to MongoDB. Here the inline array of an `insert`/`update`/`delete` is lifted out of the
 * body into a sequence, as raw document bytes, so the command is handled one way and an inserted
 * document is never decoded just to find where it ends (decoding a body of 2,000 documents twice,
 * then re-encoding each, was most of an insert's cost).
 */
import { Element, elementAt, nextElement } from './bson-elements';
import { FramedRequest } from './messages';

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

/** The raw bytes of each element of an array of documents; undefined when an element is not a document. */
function arrayDocuments(doc: Buffer, array: Element): Buffer[] | undefined {
  const documents: Buffer[] = [];
  for (let element = elementAt(doc, array.valueStart + 4, array.end); element; element = nextElement(doc, element, array.end)) {
    if (element.type !== DOCUMENT) return undefined;
    documents.push(doc.subarray(element.valueStart, element.end));
  }
  return documents;
}
