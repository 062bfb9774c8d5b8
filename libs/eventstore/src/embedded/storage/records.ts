/**
 * The vocabulary of the embedded event store's write path, and an event's fields (one-letter
 * names: every event carries them through every read and write).
 */

/** One recorded event's fields (stored in the `events` database in the encoding of event-record.ts). */
export interface StoredEvent {
  /** stream name */
  s: string;
  /** stream revision; TOMBSTONE_REVISION for a hard delete marker */
  r: number;
  /** event id (lower-case UUID string) */
  i: string;
  /** event type */
  t: string;
  /** content type, e.g. application/json */
  c: string;
  /** created: 100 ns ticks since the Unix epoch, as a decimal string (what the gRPC API sends) */
  k: string;
  /** data */
  d: Uint8Array;
  /** custom metadata */
  m: Uint8Array;
}

/** Stream metadata that changes what a stream read returns ($maxCount, $maxAge, $tb). */
export interface StreamReadLimits {
  maxCount?: number;
  /** seconds */
  maxAge?: number;
  truncateBefore?: number;
}

/** Per-stream facts that change rarely, kept in the `streams` database. */
export interface StreamFlags {
  tombstoned?: true;
  limits?: StreamReadLimits;
}

/** What a write or read needs to know about a stream. */
export interface StreamHead extends StreamFlags {
  /** last revision written, -1 when no event was ever written */
  last: number;
}

/** Stored in place of long.MaxValue, the revision EventStoreDB gives a tombstone. */
export const TOMBSTONE_REVISION = -2;
export const TOMBSTONE_REVISION_TEXT = '9223372036854775807';
/** `$tb` value that marks a soft-deleted stream (long.MaxValue; JSON numbers lose its last digits). */
export const SOFT_DELETED_TRUNCATE_BEFORE = 9.2e18;
export const SOFT_DELETE_TB_JSON = '9223372036854775807';

export type ExpectedRevision = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export type WriteOperation =
  | { kind: 'append'; stream: string; expected: ExpectedRevision; events: ProposedEvent[] }
  | { kind: 'delete'; stream: string; expected: ExpectedRevision }
  | { kind: 'tombstone'; stream: string; expected: ExpectedRevision };

export type WriteOutcome =
  | { ok: true; currentRevision: number; position: number }
  | { ok: false; reason: 'wrong_expected_version'; currentRevision: number; expected: ExpectedRevision }
  | { ok: false; reason: 'stream_deleted' };
