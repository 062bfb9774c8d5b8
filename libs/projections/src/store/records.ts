/**
 * The documents the runtime keeps in MongoDB beside the read models (see docs/adr/0005).
 *
 *   projections          one per projection: which generation serves readers, which one is being
 *                        built, and retired ones waiting to be dropped. Readers resolve collection
 *                        names through it, so switching generations is one single-document update.
 *   projection_tracks    one per generation: its checkpoint, progress and the error it stopped on.
 *   projection_leases    one per projection version: which process runs it, until when.
 *   projection_skips     every event an admin skipped, with the error it caused.
 */
import { formatPosition } from '../definition/position';
export const REGISTRY = 'projections';
export const TRACKS = 'projection_tracks';
export const LEASES = 'projection_leases';
export const SKIPS = 'projection_skips';

/** A set of physical collections built by one version of a projection's handlers. */
export interface Generation {
  version: number;
  generation: number;
  /** logical name → physical collection name (`<logical>__v<version>_<generation>`). */
  collections: Record<string, string>;
  createdAt: Date;
}

export interface RegistryRecord {
  _id: string;
  /** The generation readers use. */
  active: Generation;
  /** A generation being built from the start of `$all` (rebuild or version bump). */
  pending: (Generation & { reason: 'rebuild' | 'version'; requestedBy: string }) | null;
  nextGeneration: number;
  /** Switched-out generations, dropped once readers that resolved them before the switch are done. */
  retired: (Generation & { dropAfter: Date })[];
  switchedAt?: Date;
}

export interface TrackError {
  /**
   * `handler`: the projection's code threw on this event (poison); `integrity`: the event's hash does
   * not verify (tampered, never projected); `write`/`subscription`: infrastructure.
   */
  kind: 'handler' | 'integrity' | 'write' | 'subscription';
  message: string;
  eventId?: string;
  eventType?: string;
  streamName?: string;
  /** Wire form, `<commit>[:<prepare>]`. */
  position?: string;
  attempts: number;
  since: Date;
  nextRetryAt?: Date;
}

export interface TrackRecord {
  _id: string;
  projection: string;
  version: number;
  generation: number;
  /** Position key of the last event whose effects are written (START_KEY: none). */
  checkpointKey: string;
  /** Wire form of the checkpoint, for people. */
  checkpoint: string | null;
  eventsApplied: number;
  eventsPerSecond: number;
  caughtUp: boolean;
  error: TrackError | null;
  /** An admin's request to skip the event this track stopped on. */
  skipRequest: { eventId: string; requestedBy: string; requestedAt: Date } | null;
  owner: string | null;
  updatedAt: Date;
}

export interface LeaseRecord {
  _id: string;
  owner: string;
  expiresAt: Date;
  renewedAt: Date;
}

/** One event an admin had a stopped subscriber move past (projection tracks and reactions alike). */
export interface SkippedEvent {
  eventId: string;
  eventType: string;
  streamName: string;
  position: string;
  error: string;
  requestedBy: string;
  requestedAt: Date;
  skippedAt: Date;
}

export interface SkipRecord extends SkippedEvent {
  projection: string;
  version: number;
  generation: number;
  skippedBy: string;
}

/** The record of moving past the event `failure` stopped on, at the request an admin made (if it can still be read). */
export function skippedEventOf(failure: Omit<TrackError, 'kind'>, request: { requestedBy?: string; requestedAt?: Date } | undefined): SkippedEvent {
  return {
    eventId: failure.eventId!,
    eventType: failure.eventType!,
    streamName: failure.streamName!,
    position: failure.position!,
    error: failure.message,
    requestedBy: request?.requestedBy ?? 'unknown',
    requestedAt: request?.requestedAt ?? new Date(),
    skippedAt: new Date(),
  };
}

/** Why a subscriber is stopped on `recorded`, and when it tries again. */
export function stoppedOn<Kind extends string>(
  kind: Kind,
  error: unknown,
  recorded: { id: string; type: string; streamId: string; position?: { commit: bigint; prepare: bigint } },
  attempts: number,
  since: Date,
  retryInMs: number,
): Omit<TrackError, 'kind'> & { kind: Kind } {
  return {
    kind,
    message: error instanceof Error ? error.message : String(error),
    eventId: recorded.id,
    eventType: recorded.type,
    streamName: recorded.streamId,
    ...(recorded.position ? { position: formatPosition(recorded.position) } : {}),
    attempts,
    since,
    nextRetryAt: new Date(Date.now() + retryInMs),
  };
}

export const trackId = (projection: string, generation: number): string => `${projection}#${generation}`;
export const leaseId = (projection: string, version: number): string => `${projection}@v${version}`;
export const physicalName = (logical: string, version: number, generation: number): string => `${logical}__v${version}_${generation}`;
