import { hash as oneShotHash } from 'node:crypto';
import { canonicalize } from './canonical-json';

/**
 * Per-stream SHA-256 hash chain over canonical JSON (ADR 0004). Each event's hash covers its
 * stream, id, type, schema version, data and metadata as stored (ciphertext, never plain
 * personal data), minus the two hash fields, plus the previous event's hash. Editing, removing,
 * inserting or reordering any event therefore changes a hash that a later event or an anchor
 * has already committed to.
 */
export const HASH_PREFIX = 'sha256:';

/** The metadata fields the chain adds; they are left out of the metadata that is hashed. */
export const HASH_FIELDS = ['hash', 'previousHash'] as const;

/** One event as written to (and read raw from) the store: before any upcasting. */
export interface HashableEvent {
  streamName: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Readonly<Record<string, unknown>>;
}

export interface ChainLink {
  /** Null for the first event of a stream. */
  previousHash: string | null;
  hash: string;
}

export function eventHash(event: HashableEvent, previousHash: string | null): string {
  const { hash: _hash, previousHash: _previous, ...metadata } = event.metadata;
  // Members in canonical order already, so canonicalize has no copy of this level to make.
  const canonical = canonicalize({
    data: event.data,
    eventId: event.eventId,
    metadata,
    previousHash,
    schemaVersion: event.schemaVersion,
    streamName: event.streamName,
    type: event.type,
  });
  // One-shot: a Hash object per event cost more than the digest of a short text.
  return HASH_PREFIX + oneShotHash('sha256', canonical, 'hex');
}

/**
 * The links for events about to be appended after a stream whose last hash is `headHash`
 * (null for a new stream). The write path puts each link into its event's metadata.
 */
export function chainLinks(events: readonly HashableEvent[], headHash: string | null): ChainLink[] {
  const links: ChainLink[] = [];
  let previousHash = headHash;
  for (const event of events) {
    const hash = eventHash(event, previousHash);
    links.push({ previousHash, hash });
    previousHash = hash;
  }
  return links;
}
