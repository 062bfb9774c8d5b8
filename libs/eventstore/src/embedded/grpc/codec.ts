/**
 * Conversions between the wire messages (plain objects from @grpc/proto-loader: snake_case,
 * uint64 as decimal strings, bytes as Buffers, `oneofs` naming the field that is set) and the
 * storage vocabulary.
 */
import { ExpectedRevision, ProposedEvent, TOMBSTONE_REVISION, TOMBSTONE_REVISION_TEXT } from '../storage/records';
import { fieldSize, ProtoWriter, RecordedEvent, varintSize } from '../storage/event-record';
import { BadRequest } from './bad-request';

export interface WireUuid {
  value?: 'string' | 'structured';
  string?: string;
  structured?: { most_significant_bits?: string; least_significant_bits?: string };
}

export interface WireProposedMessage {
  id?: WireUuid;
  metadata?: Record<string, string>;
  custom_metadata?: Buffer;
  data?: Buffer;
}

export interface WireStreamIdentifier {
  stream_name?: Buffer;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_STREAM_NAME_BYTES = 1000;
const EMPTY = Buffer.alloc(0);

export function streamNameOf(identifier: WireStreamIdentifier | undefined): string {
  const bytes = identifier?.stream_name;
  if (!bytes || bytes.length === 0) throw new BadRequest('stream name is required');
  if (bytes.length > MAX_STREAM_NAME_BYTES) throw new BadRequest(`stream name is longer than ${MAX_STREAM_NAME_BYTES} bytes`);
  return bytes.toString('utf8');
}

export function streamIdentifier(name: string): { stream_name: Buffer } {
  return { stream_name: Buffer.from(name, 'utf8') };
}

export function parseUuid(uuid: WireUuid | undefined): string {
  if (uuid?.value === 'structured' || (uuid?.structured && !uuid.string)) {
    const most = BigInt.asUintN(64, BigInt(uuid.structured?.most_significant_bits ?? '0'));
    const least = BigInt.asUintN(64, BigInt(uuid.structured?.least_significant_bits ?? '0'));
    const hex = most.toString(16).padStart(16, '0') + least.toString(16).padStart(16, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid?.string?.toLowerCase();
  if (!text || !UUID_PATTERN.test(text)) throw new BadRequest(`event id "${uuid?.string ?? ''}" is not a UUID`);
  return text;
}

export function wireUuid(id: string, structured: boolean): WireUuid {
  if (!structured) return { string: id };
  const hex = id.replace(/-/g, '');
  return {
    structured: {
      most_significant_bits: BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString(),
      least_significant_bits: BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString(),
    },
  };
}

/** uint64 on the wire; revisions beyond 2^53 cannot exist here, so they simply never match. */
export function parseRevision(text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new BadRequest(`revision "${text}" is not an unsigned integer`);
  return Number(text);
}

/** Reads the expected-revision oneof of Append/Delete/Tombstone/BatchAppend options. */
export function expectedRevisionOf(options: Record<string, unknown>, oneof: string, revisionField: string): ExpectedRevision {
  switch (options[oneof]) {
    case 'any':
      return { kind: 'any' };
    case 'no_stream':
      return { kind: 'no_stream' };
    case 'stream_exists':
      return { kind: 'stream_exists' };
    case revisionField:
      return { kind: 'revision', revision: parseRevision(options[revisionField] as string) };
    default:
      // proto3 leaves an unset oneof absent; EventStoreDB treats that as "any".
      return { kind: 'any' };
  }
}

export function proposedEvent(message: WireProposedMessage): ProposedEvent {
  const type = message.metadata?.type;
  const contentType = message.metadata?.['content-type'];
  if (type === undefined || contentType === undefined) {
    throw new BadRequest('proposed event is missing required metadata properties: type, content-type', 'missing-required-metadata-property');
  }
  return {
    id: parseUuid(message.id),
    type,
    contentType,
    data: message.data ?? EMPTY,
    customMetadata: message.custom_metadata ?? EMPTY,
  };
}

/** What EventStoreDB counts against the maximum append size. */
export function appendSize(event: ProposedEvent): number {
  return event.data.length + event.customMetadata.length + Buffer.byteLength(event.type, 'utf8');
}

export function revisionText(revision: number): string {
  return revision === TOMBSTONE_REVISION ? TOMBSTONE_REVISION_TEXT : String(revision);
}

/**
 * The encoded ReadResp carrying one event, built from its stored record (which is already the
 * RecordedEvent message less its positions): ReadResp { 1: ReadEvent { 1: RecordedEvent, 3: commit_position } }.
 */
export function readEventFrame(event: RecordedEvent): Buffer {
  const { position, record } = event;
  const positionSize = varintSize(position);
  const recorded = record.length + 2 * (1 + positionSize);
  const readEvent = 1 + varintSize(recorded) + recorded + 1 + positionSize;
  const out = new ProtoWriter(1 + varintSize(readEvent) + readEvent);
  out.header(1, readEvent).header(1, recorded).raw(record);
  out.tag(4, 0).varint(position).tag(5, 0).varint(position); // prepare_position, commit_position
  out.tag(3, 0).varint(position); // ReadEvent.commit_position
  return out.finish();
}

/**
 * The encoded BatchAppendResp of a successful append, for a client that sent its correlation id as
 * text (as the official clients do): { 1: correlation_id { 2: text }, 3: success {
 * 1: current_revision | 2: no_stream, 3: position { 1: commit, 2: prepare } | 4: no_position } }.
 */
export function batchAppendSuccessFrame(correlationId: string, currentRevision: number, position: number): Buffer {
  const idMessage = fieldSize(2, correlationId.length);
  const positionMessage = position > 0 ? 2 * (1 + varintSize(position)) : 0;
  const success = (currentRevision >= 0 ? 1 + varintSize(currentRevision) : 2) + (position > 0 ? fieldSize(3, positionMessage) : 2);
  const out = new ProtoWriter(fieldSize(1, idMessage) + fieldSize(3, success));
  out.header(1, idMessage).text(2, correlationId, correlationId.length, 'latin1');
  out.header(3, success);
  if (currentRevision >= 0) out.tag(1, 0).varint(currentRevision);
  else out.header(2, 0);
  if (position > 0) out.header(3, positionMessage).tag(1, 0).varint(position).tag(2, 0).varint(position);
  else out.header(4, 0);
  return out.finish();
}

/**
 * The same ReadResp as an object for protobufjs, for clients that ask for structured UUIDs (the
 * stored record holds the id as text).
 */
export function readEventResponse(event: RecordedEvent): Record<string, unknown> {
  const { position } = event;
  const fields = event.fields;
  return {
    event: {
      event: {
        id: wireUuid(fields.i, true),
        stream_identifier: streamIdentifier(fields.s),
        stream_revision: fields.r === TOMBSTONE_REVISION ? TOMBSTONE_REVISION_TEXT : fields.r,
        prepare_position: position,
        commit_position: position,
        metadata: { type: fields.t, 'content-type': fields.c, created: fields.k },
        custom_metadata: fields.m,
        data: fields.d,
      },
      commit_position: position,
    },
  };
}
