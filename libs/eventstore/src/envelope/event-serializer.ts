import { jsonEvent } from '@eventstore/db-client';
import type { JSONEventData, JSONType, RecordedEvent } from '@eventstore/db-client';
import type { UpcasterRegistry } from '../upcasting/upcaster-registry';
import type { EventEnvelope, EventMetadata, RecordedEnvelope } from './event-envelope';

/**
 * The metadata JSON stored with each event. The correlation and causation ids use EventStoreDB's
 * `$correlationId` / `$causationId` keys so its built-in `$by_correlation_id` projection works on
 * a real server; the event id is the EventStoreDB event id itself and is not repeated.
 */
export interface StoredMetadata {
  schemaVersion: number;
  $correlationId: string;
  $causationId: string;
  actor: EventMetadata['actor'];
  occurredAt: string;
  recordedAt: string;
  /** Only on events appended by a command that carried one (ADR 0017). */
  idempotencyKey?: string;
}

export class EventDeserializationError extends Error {
  readonly code = 'EVENTSTORE.UNREADABLE_EVENT';

  constructor(streamName: string, revision: bigint, detail: string) {
    super(`cannot read ${streamName}@${revision}: ${detail}`);
    this.name = 'EventDeserializationError';
  }
}

export function serializeEnvelope(envelope: EventEnvelope): JSONEventData {
  const { eventId, correlationId, causationId, actor, occurredAt, recordedAt, idempotencyKey } = envelope.metadata;
  const metadata: StoredMetadata = {
    schemaVersion: envelope.schemaVersion,
    $correlationId: correlationId,
    $causationId: causationId,
    actor,
    occurredAt,
    recordedAt,
  };
  if (idempotencyKey !== undefined) metadata.idempotencyKey = idempotencyKey;
  return jsonEvent({ id: eventId, type: envelope.type, data: envelope.data as JSONType, metadata: metadata as unknown as JSONType });
}

/**
 * Reads a stored event back into an envelope at the current schema version. Events written by
 * other tools (no Handoff metadata) are read as version 1 with the server's id and creation time.
 */
export function deserializeEnvelope(recorded: RecordedEvent, upcasters: UpcasterRegistry): RecordedEnvelope {
  if (!recorded.isJson) throw new EventDeserializationError(recorded.streamId, recorded.revision, `${recorded.type} is not a JSON event`);
  const stored = asRecord(recorded.metadata);
  // The server's creation time stands in only for events without our times (formatting it for every event was measurable on rebuilds).
  const recordedAt = typeof stored.recordedAt === 'string' ? stored.recordedAt : recorded.created.toISOString();
  const metadata: EventMetadata = {
    eventId: recorded.id,
    correlationId: stringOr(stored.$correlationId, recorded.id),
    causationId: stringOr(stored.$causationId, recorded.id),
    actor: isActor(stored.actor) ? stored.actor : { kind: 'unknown', id: 'unknown' },
    occurredAt: stringOr(stored.occurredAt, recordedAt),
    recordedAt,
  };
  if (typeof stored.idempotencyKey === 'string') metadata.idempotencyKey = stored.idempotencyKey;
  // The chain links travel with the envelope so read models can show them; absent when unchained.
  if (typeof stored.hash === 'string') {
    metadata.hash = stored.hash;
    metadata.previousHash = typeof stored.previousHash === 'string' ? stored.previousHash : null;
  }
  const storedVersion = stored.schemaVersion === undefined ? 1 : Number(stored.schemaVersion);
  const data = recorded.data;
  if (typeof data !== 'object' || data === null) {
    throw new EventDeserializationError(recorded.streamId, recorded.revision, `${recorded.type} data is not a JSON object`);
  }
  const upcast = upcasters.upcast(recorded.type, storedVersion, data, metadata);
  return {
    type: recorded.type,
    schemaVersion: upcast.schemaVersion,
    data: upcast.data,
    metadata,
    streamName: recorded.streamId,
    revision: recorded.revision,
    position: recorded.position ? { commit: recorded.position.commit, prepare: recorded.position.prepare } : undefined,
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) ? (value as Record<string, unknown>) : {};
}

const stringOr = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);

const isActor = (value: unknown): value is EventMetadata['actor'] =>
  typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { id?: unknown }).id === 'string';
