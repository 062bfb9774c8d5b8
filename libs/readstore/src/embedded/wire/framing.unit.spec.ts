import fc from 'fast-check';
import { FramingError, MessageFramer } from './framing';
import { HEADER_BYTES } from './messages';

/** A fake wire message: its length, then filler bytes that say which message they belong to. */
function message(index: number, length: number): Buffer {
  const bytes = Buffer.alloc(length, index % 251);
  bytes.writeInt32LE(length, 0);
  return bytes;
}

/** Cuts `stream` at the given points (sorted, deduplicated, inside the stream). */
function cut(stream: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (stream.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...at, stream.length]) {
    chunks.push(stream.subarray(from, point));
    from = point;
  }
  return chunks;
}

describe('MessageFramer', () => {
  it('gives back exactly the messages sent, in order, however the stream was chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: HEADER_BYTES, max: 3_000 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 40 }), (lengths, points) => {
        const messages = lengths.map((length, index) => message(index, length));
        const framer = new MessageFramer();
        const received: Buffer[] = [];
        for (const chunk of cut(Buffer.concat(messages), points)) {
          framer.push(chunk);
          for (let next = framer.next(); next; next = framer.next()) received.push(Buffer.from(next));
        }
        expect(received.length).toBe(messages.length);
        received.forEach((bytes, index) => expect(bytes.equals(messages[index]!)).toBe(true));
        expect(framer.next()).toBeUndefined();
      }),
    );
  });

  it('hands out a message that arrived in one chunk as a view of that chunk, without copying', () => {
    const framer = new MessageFramer();
    const chunk = Buffer.concat([message(1, 40), message(2, 30)]);
    framer.push(chunk);
    const first = framer.next()!;
    expect(first.buffer).toBe(chunk.buffer);
    expect(first.byteOffset).toBe(chunk.byteOffset);
    expect(framer.next()!.length).toBe(30);
  });

  it('waits for the rest of a message, then joins its chunks once', () => {
    const framer = new MessageFramer();
    const whole = message(7, 100_000);
    framer.push(whole.subarray(0, 2));
    expect(framer.next()).toBeUndefined();
    framer.push(whole.subarray(2, 65_536));
    expect(framer.next()).toBeUndefined();
    framer.push(whole.subarray(65_536));
    expect(framer.next()!.equals(whole)).toBe(true);
  });

  it('refuses a length prefix no message can have', () => {
    for (const length of [0, HEADER_BYTES - 1, -5, 48_000_001]) {
      const framer = new MessageFramer();
      const bytes = Buffer.alloc(20);
      bytes.writeInt32LE(length, 0);
      framer.push(bytes);
      expect(() => framer.next()).toThrow(FramingError);
    }
  });
});
