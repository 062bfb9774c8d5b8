/**
 * What every stored event carries. Domain code sees only `{ type, data }`; the envelope adds the
 * schema version and the metadata an auditor needs (who, in answer to what, when it happened in
 * the world and when we wrote it down).
 */

import type { DomainEvent } from '@handoff/kernel';

export type { DomainEvent };

export interface Actor {
  /** e.g. `courier`, `coordinator`, `retailer`, `system`. */
  kind: string;
  id: string;
}

export interface EventMetadata {
  /** The EventStoreDB event id (a UUID); re-sending the same id is idempotent. */
  eventId: string;
  /** Shared by everything done in answer to one outside request. */
  correlationId: string;
  /** The command or event that directly caused this one. */
  causationId: string;
  actor: Actor;
  /** When it happened in the domain (may be earlier than recordedAt: an offline handoff synced later). */
  occurredAt: string;
  /** When Handoff wrote it, from the injected clock. */
  recordedAt: string;
  /** Set by a command that carried one (a reaction's effect, ADR 0017): a repeat of it finds this and appends nothing. */
  idempotencyKey?: string;
  /** Hash-chain link (ADR 0004): the previous event's hash in this stream, null for its first event. Absent on unchained events. */
  previousHash?: string | null;
  /** Hash-chain link (ADR 0004): `sha256:<hex>` over this event as stored. */
  hash?: string;
}

export interface EventEnvelope<E extends DomainEvent = DomainEvent> {
  type: E['type'];
  schemaVersion: number;
  data: E['data'];
  metadata: EventMetadata;
}

/** A `$all` position: commit and prepare offsets of the transaction log. */
export interface AllPosition {
  commit: bigint;
  prepare: bigint;
}

export interface RecordedEnvelope<E extends DomainEvent = DomainEvent> extends EventEnvelope<E> {
  streamName: string;
  revision: bigint;
  /** Absent only if the server does not report positions on stream reads (EventStoreDB < 22.6). */
  position?: AllPosition;
}

/** Who and why, given by the edge (an HTTP request, a reactor) for every command. */
export interface CommandContext {
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** Domain time of the fact; defaults to the clock's now when the events are recorded. */
  occurredAt?: string;
  /** Written into every event appended, so a repeat of the command decides nothing (ADR 0017). */
  idempotencyKey?: string;
}

export const toDomainEvent = <E extends DomainEvent>(envelope: EventEnvelope<E>): E => ({ type: envelope.type, data: envelope.data }) as E;
