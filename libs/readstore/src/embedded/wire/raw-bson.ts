/**
 * Composing BSON replies around documents that are already BSON bytes (stored documents go back to
 * the client exactly as they were written, without a decode/encode round trip).
 */
import { Long, serialize } from 'bson';

const EMBEDDED_DOCUMENT = 0x03;
const ARRAY = 0x04;

/** A reply document: either plain values (serialized here) or pre-encoded BSON bytes. */
export type ReplyDocument = Buffer | Record<string, unknown>;

/** bson returns Uint8Array (a Buffer at run time on Node): view the same bytes as a Buffer. */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

export const toBson = (doc: ReplyDocument): Buffer => (Buffer.isBuffer(doc) ? doc : asBuffer(serialize(doc, { ignoreUndefined: true })));

/** The elements of a serialized document, without its length prefix and terminator. */
export const elementsOf = (values: Record<string, unknown>): Buffer => {
  const bytes = asBuffer(serialize(values, { ignoreUndefined: true }));
  return bytes.subarray(4, bytes.length - 1);
};

export function documentOf(elements: Buffer[]): Buffer {
  const size = 4 + elements.reduce((n, e) => n + e.length, 0) + 1;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  let at = 4;
  for (const element of elements) {
    element.copy(out, at);
    at += element.length;
  }
  out[at] = 0;
  return out;
}

export function documentElement(name: string, document: Buffer): Buffer {
  return Buffer.concat([Buffer.of(EMBEDDED_DOCUMENT), Buffer.from(`${name}\0`, 'utf8'), document]);
}

export function arrayElement(name: string, documents: Buffer[]): Buffer {
  const items = documents.map((doc, i) => Buffer.concat([Buffer.of(EMBEDDED_DOCUMENT), Buffer.from(`${i}\0`, 'latin1'), doc]));
  return Buffer.concat([Buffer.of(ARRAY), Buffer.from(`${name}\0`, 'utf8'), documentOf(items)]);
}

/** `{ cursor: { <batchName>: [...], id, ns }, ok: 1 }` with the batch embedded as raw bytes. */
export function cursorReply(batchName: 'firstBatch' | 'nextBatch', batch: Buffer[], id: number, ns: string): Buffer {
  const cursor = documentOf([arrayElement(batchName, batch), elementsOf({ id: cursorIdValue(id), ns })]);
  return documentOf([documentElement('cursor', cursor), elementsOf({ ok: 1 })]);
}

const cursorIdValue = (id: number): Long => Long.fromNumber(id);
