/**
 * How one event is kept on disk: the protobuf encoding of the gRPC API's
 * `ReadResp.ReadEvent.RecordedEvent` message, less its two position fields (the position is the
 * record's key, so it is added when the event is read).
 *
 * Why the wire format: every read and subscription sends each event in exactly this encoding, so a
 * read copies stored bytes into the response instead of decoding a record, building an object and
 * having protobufjs encode it again; and a write encodes each event once instead of through a
 * generic serializer. Protobuf parsers accept fields in any order, which is what lets the position
 * fields be appended after the stored ones.
 *
 * Stored fields, always in this order (field numbers from streams.proto):
 *   1 id               UUID { 2: string }               lower-case UUID text
 *   2 stream_identifier StreamIdentifier { 3: bytes }
 *   3 stream_revision  varint                           2^63-1 for a tombstone, as EventStoreDB
 *   6 metadata         map entries { 1: key, 2: value }  type, content-type, created
 *   7 custom_metadata  bytes (left out when empty, as proto3 does)
 *   8 data             bytes (left out when empty)
 */
import { StoredEvent, TOMBSTONE_REVISION } from './records';

const WIRE_VARINT = 0;
const WIRE_BYTES = 2;
const TOMBSTONE_VARINT = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
const EMPTY = Buffer.alloc(0);

export function encodeEventRecord(event: StoredEvent): Buffer {
  // Ids and tick counts are ASCII, so their byte length is their string length.
  const streamLength = Buffer.byteLength(event.s, 'utf8');
  const typeLength = Buffer.byteLength(event.t, 'utf8');
  const contentTypeLength = Buffer.byteLength(event.c, 'utf8');
  const idMessage = fieldSize(2, event.i.length);
  const streamMessage = fieldSize(3, streamLength);
  const typeEntry = mapEntrySize(METADATA_TYPE.length, typeLength);
  const contentTypeEntry = mapEntrySize(METADATA_CONTENT_TYPE.length, contentTypeLength);
  const createdEntry = mapEntrySize(METADATA_CREATED.length, event.k.length);
  const size =
    fieldSize(1, idMessage) +
    fieldSize(2, streamMessage) +
    1 +
    (event.r === TOMBSTONE_REVISION ? TOMBSTONE_VARINT.length : varintSize(event.r)) +
    fieldSize(6, typeEntry) +
    fieldSize(6, contentTypeEntry) +
    fieldSize(6, createdEntry) +
    (event.m.length > 0 ? fieldSize(7, event.m.length) : 0) +
    (event.d.length > 0 ? fieldSize(8, event.d.length) : 0);

  const out = new ProtoWriter(size);
  out.header(1, idMessage).text(2, event.i, event.i.length, 'latin1');
  out.header(2, streamMessage).text(3, event.s, streamLength, 'utf8');
  out.tag(3, WIRE_VARINT);
  if (event.r === TOMBSTONE_REVISION) out.raw(TOMBSTONE_VARINT);
  else out.varint(event.r);
  out.header(6, typeEntry).bytes(1, METADATA_TYPE).text(2, event.t, typeLength, 'utf8');
  out.header(6, contentTypeEntry).bytes(1, METADATA_CONTENT_TYPE).text(2, event.c, contentTypeLength, 'utf8');
  out.header(6, createdEntry).bytes(1, METADATA_CREATED).text(2, event.k, event.k.length, 'latin1');
  if (event.m.length > 0) out.bytes(7, event.m);
  if (event.d.length > 0) out.bytes(8, event.d);
  return out.finish();
}

/** Decodes a stored record. `d` and `m` are views into `record`, not copies. */
export function decodeEventRecord(record: Buffer): StoredEvent {
  const event: StoredEvent = { s: '', r: 0, i: '', t: '', c: '', k: '', d: EMPTY, m: EMPTY };
  const reader = new ProtoReader(record, 0, record.length);
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (wire === WIRE_VARINT) {
      const value = reader.varint();
      if (field === 3) event.r = value >= 2 ** 62 ? TOMBSTONE_REVISION : value;
      continue;
    }
    if (wire !== WIRE_BYTES) throw new Error(`corrupt event record: wire type ${wire} in field ${field}`);
    const [start, end] = reader.span();
    switch (field) {
      case 1:
        event.i = singleField(record, start, end, 2).toString('latin1');
        break;
      case 2:
        event.s = singleField(record, start, end, 3).toString('utf8');
        break;
      case 6: {
        const [key, value] = mapEntry(record, start, end);
        if (key === 'type') event.t = value;
        else if (key === 'content-type') event.c = value;
        else if (key === 'created') event.k = value;
        break;
      }
      case 7:
        event.m = record.subarray(start, end);
        break;
      case 8:
        event.d = record.subarray(start, end);
        break;
    }
  }
  return event;
}

const METADATA_TYPE = Buffer.from('type');
const METADATA_CONTENT_TYPE = Buffer.from('content-type');
const METADATA_CREATED = Buffer.from('created');

function mapEntrySize(keyLength: number, valueLength: number): number {
  return fieldSize(1, keyLength) + fieldSize(2, valueLength);
}

/** Size of a length-delimited field with a one-byte tag (field numbers below 16). */
export function fieldSize(_field: number, length: number): number {
  return 1 + varintSize(length) + length;
}

export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size += 1;
  }
  return size;
}

/** A protobuf writer into a buffer of known size, for field numbers below 16. */
export class ProtoWriter {
  private readonly buffer: Buffer;
  private offset = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  tag(field: number, wire: number): this {
    this.buffer[this.offset++] = (field << 3) | wire;
    return this;
  }

  varint(value: number): this {
    while (value >= 0x80) {
      this.buffer[this.offset++] = (value % 128) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buffer[this.offset++] = value;
    return this;
  }

  /** The tag and length of a length-delimited field whose content the caller writes next. */
  header(field: number, length: number): this {
    return this.tag(field, WIRE_BYTES).varint(length);
  }

  bytes(field: number, bytes: Uint8Array): this {
    this.header(field, bytes.length);
    return this.raw(bytes);
  }

  /** A string field whose encoded length the caller has measured. */
  text(field: number, value: string, byteLength: number, encoding: 'utf8' | 'latin1'): this {
    this.header(field, byteLength);
    this.offset += this.buffer.write(value, this.offset, byteLength, encoding);
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.buffer.set(bytes, this.offset);
    this.offset += bytes.length;
    return this;
  }

  finish(): Buffer {
    if (this.offset !== this.buffer.length) throw new Error(`protobuf size mismatch: wrote ${this.offset} of ${this.buffer.length} bytes`);
    return this.buffer;
  }
}

class ProtoReader {
  constructor(
    private readonly buffer: Buffer,
    private offset: number,
    private readonly end: number,
  ) {}

  more(): boolean {
    return this.offset < this.end;
  }

  tag(): { field: number; wire: number } {
    const tag = this.varint();
    return { field: Math.floor(tag / 8), wire: tag % 8 };
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.offset >= this.end) throw new Error('corrupt event record: truncated varint');
      const byte = this.buffer[this.offset++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  /** Start and end of a length-delimited field's content; moves past it. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.offset;
    this.offset += length;
    if (this.offset > this.end) throw new Error('corrupt event record: field runs past the end');
    return [start, this.offset];
  }
}

/** The content of the one length-delimited field of a small message (UUID, StreamIdentifier). */
function singleField(buffer: Buffer, start: number, end: number, field: number): Buffer {
  const reader = new ProtoReader(buffer, start, end);
  while (reader.more()) {
    const tag = reader.tag();
    if (tag.wire === WIRE_VARINT) {
      reader.varint();
      continue;
    }
    const [from, to] = reader.span();
    if (tag.field === field) return buffer.subarray(from, to);
  }
  return EMPTY;
}

function mapEntry(buffer: Buffer, start: number, end: number): [string, string] {
  return [singleField(buffer, start, end, 1).toString('utf8'), singleField(buffer, start, end, 2).toString('utf8')];
}

/**
 * One field of a stored record without decoding the rest: the event type (the `type` metadata
 * entry) or the stream name. A filtered read looks at one of them for every event it scans, and
 * sends the record's bytes as they are, so decoding all of it (ids, strings, views) was waste.
 */
export function peekEventRecord(record: Buffer, wanted: 'type' | 'stream'): string {
  const reader = new ProtoReader(record, 0, record.length);
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (wire === WIRE_VARINT) {
      reader.varint();
      continue;
    }
    if (wire !== WIRE_BYTES) throw new Error(`corrupt event record: wire type ${wire} in field ${field}`);
    const [start, end] = reader.span();
    if (wanted === 'stream' && field === 2) return singleField(record, start, end, 3).toString('utf8');
    if (wanted === 'type' && field === 6 && isTypeEntry(record, start, end)) return singleField(record, start, end, 2).toString('utf8');
  }
  return '';
}

/** Whether a metadata map entry's key is `type` (compared as bytes, no string made). */
function isTypeEntry(record: Buffer, start: number, end: number): boolean {
  const key = singleField(record, start, end, 1);
  return key.length === METADATA_TYPE.length && key.equals(METADATA_TYPE);
}

/** A recorded event as reads see it: its $all position and its stored record, decoded on demand. */
export class RecordedEvent {
  private decoded: StoredEvent | undefined;

  constructor(
    readonly position: number,
    readonly record: Buffer,
  ) {}

  get fields(): StoredEvent {
    return (this.decoded ??= decodeEventRecord(this.record));
  }

  /** The event type, from the decoded fields when they are at hand, else peeked. */
  get type(): string {
    return this.decoded ? this.decoded.t : peekEventRecord(this.record, 'type');
  }

  get streamName(): string {
    return this.decoded ? this.decoded.s : peekEventRecord(this.record, 'stream');
  }
}
