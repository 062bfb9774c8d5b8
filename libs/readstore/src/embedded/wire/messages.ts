/**
 * MongoDB wire protocol framing: the 16-byte header, OP_MSG (flag bits, a kind-0 body section and
 * kind-1 document sequences, the optional CRC-32C checksum), OP_QUERY (only for the legacy
 * `isMaster`/`hello` handshake) and the OP_REPLY that answers it. Documents stay BSON bytes here;
 * the command layer decides how to decode them.
 */
import { deserialize } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const HEADER_BYTES = 16;
export const MAX_MESSAGE_BYTES = 48_000_000;
export const MAX_BSON_OBJECT_BYTES = 16 * 1024 * 1024;

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;
/** Bits 0-15 are "required": a receiver must refuse a message with one it does not know. */
const KNOWN_REQUIRED_BITS = CHECKSUM_PRESENT | MORE_TO_COME;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A request framed and split into its documents, still BSON bytes. */
export interface FramedRequest {
  header: MessageHeader;
  kind: 'msg' | 'query';
  /** OP_MSG with moreToCome: the client wants no answer (w:0). */
  moreToCome: boolean;
  /** The command document (kind-0 section, or the OP_QUERY query). */
  rawBody: Buffer;
  /** kind-1 sections by identifier (e.g. `documents`, `updates`, `deletes`). */
  rawSequences: Map<string, Buffer[]>;
  /** OP_QUERY only: the database from `<db>.$cmd`. */
  database?: string;
}

/** The request could not be read: answer with an error (the framing is intact). */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code = 2,
    readonly codeName = 'BadValue',
  ) {
    super(message);
  }
}

export function readHeader(buffer: Buffer, offset = 0): MessageHeader {
  return {
    length: buffer.readInt32LE(offset),
    requestId: buffer.readInt32LE(offset + 4),
    responseTo: buffer.readInt32LE(offset + 8),
    opCode: buffer.readInt32LE(offset + 12),
  };
}

export function parseMessage(message: Buffer): FramedRequest {
  const header = readHeader(message);
  if (header.opCode === OP_MSG) return parseOpMsg(header, message);
  if (header.opCode === OP_QUERY) return parseOpQuery(header, message);
  if (header.opCode === OP_COMPRESSED) throw new ProtocolError('OP_COMPRESSED is not supported (no compressor was negotiated)');
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

function parseOpMsg(header: MessageHeader, message: Buffer): FramedRequest {
  if (message.length < HEADER_BYTES + 5) throw new ProtocolError('OP_MSG is too short');
  const flags = message.readUInt32LE(HEADER_BYTES);
  const unknownRequired = flags & 0xffff & ~KNOWN_REQUIRED_BITS;
  if (unknownRequired) throw new ProtocolError(`Unrecognized OP_MSG flags: ${unknownRequired.toString(16)}`, 40416, 'Location40416');
  void EXHAUST_ALLOWED; // optional bit: we never stream replies, so it changes nothing
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_BYTES + 4;
  let body: Buffer | undefined;
  const sequences = new Map<string, Buffer[]>();
  while (offset < end) {
    const kind = message[offset]!;
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section', 40430, 'Location40430');
      const size = documentSize(message, offset, end);
      body = message.subarray(offset, offset + size);
      offset += size;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('OP_MSG document sequence is truncated');
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end) throw new ProtocolError('OP_MSG document sequence has an invalid size');
      const nul = message.indexOf(0, offset + 4);
      if (nul < 0 || nul >= sectionEnd) throw new ProtocolError('OP_MSG document sequence identifier is not terminated');
      const identifier = message.toString('utf8', offset + 4, nul);
      if (sequences.has(identifier)) throw new ProtocolError(`duplicate document sequence '${identifier}'`, 40431, 'Location40431');
      const documents: Buffer[] = [];
      let at = nul + 1;
      while (at < sectionEnd) {
        const docSize = documentSize(message, at, sectionEnd);
        documents.push(message.subarray(at, at + docSize));
        at += docSize;
      }
      sequences.set(identifier, documents);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`Unknown section kind ${kind}`, 40432, 'Location40432');
    }
  }
  if (!body) throw new ProtocolError('OP_MSG messages must have a body', 40587, 'Location40587');
  return { header, kind: 'msg', moreToCome: (flags & MORE_TO_COME) !== 0, rawBody: body, rawSequences: sequences };
}

function parseOpQuery(header: MessageHeader, message: Buffer): FramedRequest {
  let offset = HEADER_BYTES + 4; // flags
  const nul = message.indexOf(0, offset);
  if (nul < 0) throw new ProtocolError('OP_QUERY collection name is not terminated');
  const namespace = message.toString('utf8', offset, nul);
  offset = nul + 1 + 8; // numberToSkip, numberToReturn
  const size = documentSize(message, offset, message.length);
  const [database, collection] = splitOnce(namespace, '.');
  if (collection !== '$cmd') throw new ProtocolError('OP_QUERY is only supported for commands (the legacy handshake)', 5739101, 'Location5739101');
  return { header, kind: 'query', moreToCome: false, rawBody: message.subarray(offset, offset + size), rawSequences: new Map(), database };
}

function documentSize(buffer: Buffer, offset: number, end: number): number {
  if (offset + 5 > end) throw new ProtocolError('BSON document is truncated');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid BSON document size ${size}`);
  if (buffer[offset + size - 1] !== 0) throw new ProtocolError('BSON document is not terminated');
  return size;
}

const splitOnce = (text: string, separator: string): [string, string] => {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
};

let nextRequestId = 1;

/** An OP_MSG reply with one body section holding `body` (already BSON). */
export function opMsgReply(responseTo: number, body: Buffer): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES + 5);
  header.writeInt32LE(HEADER_BYTES + 5 + body.length, 0);
  header.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16);
  header[20] = 0;
  return Buffer.concat([header, body]);
}

/** The OP_REPLY answering an OP_QUERY command: one document, no cursor. */
export function opReply(responseTo: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES + 20);
  header.writeInt32LE(HEADER_BYTES + 20 + body.length, 0);
  header.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_REPLY, 12);
  header.writeInt32LE(0, 16); // responseFlags
  header.writeBigInt64LE(0n, 20); // cursorID
  header.writeInt32LE(0, 28); // startingFrom
  header.writeInt32LE(1, 32); // numberReturned
  return Buffer.concat([header, body]);
}

/** Decodes a command document as the query layer wants it (regexes as RegExp, numbers promoted). */
export const decodeCommandDocument = (bytes: Buffer): Record<string, unknown> => deserialize(bytes, { validation: { utf8: false } });
