/**
 * Composing BSON replies around documents that are already BSON bytes (stored documents go back to
 * the client exactly as they were written, without a decode/encode round trip).
 */
import { serialize } from 'bson';

/** A reply document: either plain values (serialized here) or pre-encoded BSON bytes. */
export type ReplyDocument = Buffer | Record<string, unknown>;

/** bson returns Uint8Array (a Buffer at run time on Node): view the same bytes as a Buffer. */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

export const toBson = (doc: ReplyDocument): Buffer => (Buffer.isBuffer(doc) ? doc : asBuffer(serialize(doc, { ignoreUndefined: true })));

const EMBEDDED_DOCUMENT = 0x03;
const ARRAY = 0x04;
const STRING = 0x02;
const INT64 = 0x12;
const DOUBLE = 0x01;

/**
 * `{ cursor: { <batchName>: [...], id: <int64>, ns }, ok: 1.0 }` written straight into one buffer
 * around the batch's BSON bytes (a reply is built per request: no intermediate buffers).
 */
export function cursorReply(batchName: 'firstBatch' | 'nextBatch', batch: Buffer[], id: number, ns: string): Buffer {
  const nsBytes = Buffer.byteLength(ns, 'utf8');
  let arrayBytes = 4 + 1;
  for (let i = 0; i < batch.length; i++) arrayBytes += 1 + decimalLength(i) + 1 + batch[i]!.length;
  const cursorBytes = 4 + (1 + batchName.length + 1 + arrayBytes) + (1 + 3 + 8) + (1 + 3 + 4 + nsBytes + 1) + 1;
  const total = 4 + (1 + 7 + cursorBytes) + (1 + 3 + 8) + 1;
  const out = Buffer.allocUnsafe(total);
  let at = out.writeInt32LE(total, 0);
  out[at++] = EMBEDDED_DOCUMENT;
  at += out.write('cursor\0', at, 'latin1');
  at = out.writeInt32LE(cursorBytes, at);
  out[at++] = ARRAY;
  at += out.write(`${batchName}\0`, at, 'latin1');
  at = out.writeInt32LE(arrayBytes, at);
  for (let i = 0; i < batch.length; i++) {
    out[at++] = EMBEDDED_DOCUMENT;
    at += out.write(`${i}\0`, at, 'latin1');
    at += batch[i]!.copy(out, at);
  }
  out[at++] = 0;
  out[at++] = INT64;
  at += out.write('id\0', at, 'latin1');
  at = out.writeBigInt64LE(BigInt(id), at);
  out[at++] = STRING;
  at += out.write('ns\0', at, 'latin1');
  at = out.writeInt32LE(nsBytes + 1, at);
  at += out.write(ns, at, 'utf8');
  out[at++] = 0;
  out[at++] = 0; // end of cursor
  out[at++] = DOUBLE;
  at += out.write('ok\0', at, 'latin1');
  at = out.writeDoubleLE(1, at);
  out[at] = 0;
  return out;
}

const decimalLength = (n: number): number => (n < 10 ? 1 : n < 100 ? 2 : String(n).length);
