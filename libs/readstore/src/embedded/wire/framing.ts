/**
 * Cuts a connection's byte stream into wire-protocol messages (each starts with its total length,
 * an int32 little-endian), copying each message's bytes at most once.
 *
 * The driver sends a bulk write of 10,000 read-model documents as one ~2 MB message, which arrives
 * in 64 KB chunks. Appending every chunk to what was buffered (Buffer.concat per chunk) copied the
 * message ~16 times over: a sixth of the server's CPU on a projection rebuild. Chunks are now kept
 * as they came and joined once, when the whole message is there; a message inside one chunk is a
 * view of it, not a copy.
 */
import { HEADER_BYTES, MAX_MESSAGE_BYTES } from './messages';

export class FramingError extends Error {
  constructor(readonly length: number) {
    super(`message length ${length} is outside ${HEADER_BYTES}..${MAX_MESSAGE_BYTES}`);
    this.name = 'FramingError';
  }
}

export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** The next whole message, or undefined until more bytes arrive; throws FramingError when the length prefix is impossible (framing is lost). */
  next(): Buffer | undefined {
    if (this.buffered < 4) return undefined;
    if (this.chunks[0]!.length < 4) this.join(this.buffered);
    const length = this.chunks[0]!.readInt32LE(0);
    if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) throw new FramingError(length);
    if (this.buffered < length) return undefined;
    if (this.chunks[0]!.length < length) this.join(length);
    const first = this.chunks[0]!;
    const message = first.subarray(0, length);
    if (first.length === length) this.chunks.shift();
    else this.chunks[0] = first.subarray(length);
    this.buffered -= length;
    return message;
  }

  /** Makes the first chunk hold at least `bytes` bytes, by copying the leading chunks into one. */
  private join(bytes: number): void {
    const joined = Buffer.allocUnsafe(bytes);
    let filled = 0;
    while (filled < bytes) {
      const chunk = this.chunks[0]!;
      const take = Math.min(chunk.length, bytes - filled);
      chunk.copy(joined, filled, 0, take);
      filled += take;
      if (take === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(take);
    }
    this.chunks.unshift(joined);
  }
}
