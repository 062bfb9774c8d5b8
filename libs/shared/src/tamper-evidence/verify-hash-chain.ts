import { eventHash, type HashableEvent } from './hash-chain';

export type ChainProblem =
  /** The event carries no hash fields: written outside the chained write path, or stripped. */
  | 'missing-hash'
  /** Its previousHash is not the hash of the event before it: one was removed, inserted or moved. */
  | 'previous-hash-mismatch'
  /** Recomputing its hash gives another value: its type, data or metadata were altered. */
  | 'hash-mismatch'
  /** The events belong to more than one stream. */
  | 'stream-mismatch'
  /** The chain is whole but does not end at the anchored hash: events were cut off the end. */
  | 'head-mismatch';

export type ChainVerification =
  { valid: true; eventCount: number; headHash: string | null } | { valid: false; index: number; eventId: string | null; problem: ChainProblem; expected: string | null; found: string | null };

export interface VerifyOptions {
  /** The hash before the first event given, when verifying from the middle of a stream (default null: from its start). */
  previousHash?: string | null;
  /** A hash known from elsewhere (an export, a digest) that the last event must have. */
  expectedHeadHash?: string;
}

/**
 * Walks one stream's events in order and reports the first broken link. Works on events read
 * raw from the store or from an export, never on upcast envelopes (upcasting changes the data).
 * Deleting the newest events leaves a valid shorter chain: only `expectedHeadHash` catches that.
 */
export function verifyHashChain(events: readonly HashableEvent[], options: VerifyOptions = {}): ChainVerification {
  let previousHash = options.previousHash ?? null;
  for (const [index, event] of events.entries()) {
    const broken = (problem: ChainProblem, expected: string | null, found: unknown) =>
      ({ valid: false, index, eventId: event.eventId ?? null, problem, expected, found: typeof found === 'string' ? found : null }) as const;
    const { hash, previousHash: recordedPrevious } = event.metadata;
    if (typeof hash !== 'string' || !(recordedPrevious === null || typeof recordedPrevious === 'string')) {
      return broken('missing-hash', null, null);
    }
    if (index > 0 && event.streamName !== events[0].streamName) return broken('stream-mismatch', events[0].streamName, event.streamName);
    if (recordedPrevious !== previousHash) return broken('previous-hash-mismatch', previousHash, recordedPrevious);
    const recomputed = eventHash(event, previousHash);
    if (recomputed !== hash) return broken('hash-mismatch', recomputed, hash);
    previousHash = hash;
  }
  if (options.expectedHeadHash !== undefined && options.expectedHeadHash !== previousHash) {
    return { valid: false, index: events.length, eventId: null, problem: 'head-mismatch', expected: options.expectedHeadHash, found: previousHash };
  }
  return { valid: true, eventCount: events.length, headHash: previousHash };
}
