/**
 * One step of verifying a stream's hash chain (ADR 0004) on an event exactly as the official
 * client read it: before upcasting, so that what is hashed is what is stored. Used by every
 * verifier (the command path, the projector, the background verifier and `cli audit verify`),
 * so they all name a bad event the same way.
 */
import type { RecordedEvent } from '@eventstore/db-client';
import { HashableEvent, verifyHashChain } from '@handoff/shared/tamper-evidence';

export type IntegrityProblem =
  /** The record cannot be read as a JSON event with JSON metadata (a flipped byte broke its framing or its JSON). */
  | 'undecodable'
  /** The stream's revisions are not contiguous: an event was removed, or its revision altered. */
  | 'missing-revision'
  /** The event carries no hash fields: written outside the chained write path, or stripped. */
  | 'missing-hash'
  /** Its previousHash is not the hash of the event before it: an event was removed, inserted or moved. */
  | 'broken-link'
  /** Its recomputed hash differs from the stored one: its stream, id, type, data or metadata were altered. */
  | 'hash-mismatch'
  /** A stream read returned an event that names another stream. */
  | 'stream-mismatch';

/** Where a chain breaks, named so an operator can find it: stream, revision, event id, $all position. */
export interface IntegrityFinding {
  stream: string | null;
  /** The revision the verifier expected there (for a gap: the missing one), as text. */
  revision: string | null;
  eventId: string | null;
  /** `$all` commit position of the event read, as text, when known. */
  position: string | null;
  problem: IntegrityProblem;
  detail: string;
}

/** Where a verified stream stands: the revision and hash the next event must follow. */
export interface ChainHead {
  revision: bigint;
  hash: string;
}

/** The next event's predecessor: a head, `start` (the stream's first event), or `unknown` (reading from the middle: links from here on). */
export type Predecessor = ChainHead | 'start' | 'unknown';

export type ChainStep = { ok: true; head: ChainHead } | { ok: false; finding: IntegrityFinding };

/** Checks `recorded` as the event that follows `previous` in its stream. */
export function checkChainStep(recorded: RecordedEvent, previous: Predecessor, expectedStream = recorded.streamId): ChainStep {
  const fail = (problem: IntegrityProblem, detail: string, revision = recorded.revision): ChainStep => ({
    ok: false,
    finding: { stream: expectedStream, revision: String(revision), eventId: recorded.id ?? null, position: positionOf(recorded), problem, detail },
  });
  if (recorded.streamId !== expectedStream) return fail('stream-mismatch', `the event names stream ${JSON.stringify(recorded.streamId)}`);
  const expectedRevision = previous === 'start' ? 0n : previous === 'unknown' ? recorded.revision : previous.revision + 1n;
  if (recorded.revision !== expectedRevision) {
    return fail('missing-revision', `expected revision ${expectedRevision}, the next event read has revision ${recorded.revision}`, expectedRevision);
  }
  const decoded = hashableEvent(recorded);
  if (typeof decoded === 'string') return fail('undecodable', decoded);
  const { hash, previousHash } = decoded.metadata;
  const expectedPrevious = previous === 'start' ? null : previous === 'unknown' ? previousHash : previous.hash;
  let verification;
  try {
    verification = verifyHashChain([decoded], { previousHash: expectedPrevious as string | null });
  } catch (error) {
    // Tampered JSON may hold what canonical JSON refuses (a lone surrogate, say).
    return fail('undecodable', `the event cannot be canonicalized: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (verification.valid) return { ok: true, head: { revision: recorded.revision, hash: hash as string } };
  switch (verification.problem) {
    case 'missing-hash':
      return fail('missing-hash', 'the event has no hash fields');
    case 'previous-hash-mismatch':
      return fail('broken-link', `previousHash is ${verification.found ?? 'null'}, the event before it has ${verification.expected ?? 'null (none)'}`);
    default:
      return fail('hash-mismatch', `stored hash ${verification.found ?? 'none'}, recomputed ${verification.expected ?? 'none'}`);
  }
}

/** The stored event as the chain hashes it, or why it cannot be read as one. */
export function hashableEvent(recorded: RecordedEvent): HashableEvent | string {
  if (!recorded.isJson) return 'the event is not stored as JSON';
  const { data, metadata } = recorded;
  // The client hands back the text of data that is not valid JSON, and the bytes of such metadata.
  if (typeof data !== 'object' || data === null) return 'its data is not a JSON object (malformed JSON)';
  // No metadata at all: written outside our write path, so no hash (verifyHashChain names that).
  if (metadata !== undefined && !isPlainObject(metadata)) return 'its metadata is not a JSON object (malformed JSON)';
  const stored = metadata ?? {};
  return {
    streamName: recorded.streamId,
    eventId: recorded.id,
    type: recorded.type,
    // As stored, not coerced: an altered type of this field must change the hash.
    schemaVersion: (stored.schemaVersion ?? 1) as number,
    data,
    metadata: stored,
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const positionOf = (recorded: RecordedEvent): string | null => (recorded.position ? String(recorded.position.commit) : null);

/** One line naming the place and the problem, for logs and the CLI. */
export function describeFinding(finding: IntegrityFinding): string {
  const place = finding.stream ? `${finding.stream}@${finding.revision ?? '?'}` : `$all position ${finding.position ?? '?'}`;
  const id = finding.eventId ? ` event ${finding.eventId}` : '';
  const position = finding.stream && finding.position ? ` (position ${finding.position})` : '';
  return `${place}${id}${position}: ${finding.problem}: ${finding.detail}`;
}

/**
 * The official client's failure to decode an event the server sent (a record whose protobuf
 * framing was broken in the file): grpc-js ends the call with INTERNAL "Response message parsing
 * error". Nothing else raises it, so it names a damaged record, not a network fault.
 */
export function isUndecodableRecord(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 13 && error.message.includes('Response message parsing error');
}
