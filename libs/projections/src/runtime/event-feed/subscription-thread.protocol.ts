import type { Position, ResolvedEvent } from '@eventstore/db-client';
import type { IntegrityFinding } from '@handoff/eventstore/integrity/chain-check';
import type { FeedRequest } from './event-feed';

/**
 * Flow control. The thread pauses a subscription once WINDOW items are sent and not yet taken, and
 * resumes it when a credit brings that below WINDOW / 2. The consumer credits from its Readable's
 * `_read`, which runs when its buffer is at most CONSUMER_BUFFER items and then not again until
 * something is pushed; so CONSUMER_BUFFER must stay below WINDOW / 2, or the last credit before a
 * pause can leave the subscription paused for good (seen with 2,048 and 1,024: a rebuild stalled
 * 4,615 events before its end).
 */
export const WINDOW = 8_192;
export const CONSUMER_BUFFER = WINDOW / 8;
/** Items sent per message: one structured clone per chunk rather than per event. */
export const CHUNK = 256;

/** What the thread running the subscriptions is given at start. */
export interface SubscriptionThreadData {
  connectionString: string;
}

export type SubscriptionThreadRequest =
  | { kind: 'open'; id: number; request: FeedRequest }
  /** The consumer has taken `consumed` items of the subscription in all (flow control). */
  | { kind: 'credit'; id: number; consumed: number }
  | { kind: 'close'; id: number };

/**
 * One FeedItem as it crosses the thread boundary (structured clone): an event without the rest of
 * its resolved envelope, with its own hash checked on the subscription thread (`s`: `true` when it
 * verified, else the finding), a filter checkpoint, or a marker. A verified event carries no chain
 * head across: cloning it on both threads cost more than the track's use of it (none).
 */
export type WireItem = { e: NonNullable<ResolvedEvent['event']>; s: true | IntegrityFinding } | { c: Position } | typeof WIRE_CAUGHT_UP | typeof WIRE_FELL_BEHIND;
export const WIRE_CAUGHT_UP = 1;
export const WIRE_FELL_BEHIND = 2;

export type SubscriptionThreadMessage = { kind: 'items'; id: number; items: WireItem[] } | { kind: 'failed'; id: number; error: string } | { kind: 'ended'; id: number };
