import type { Position, ResolvedEvent } from '@eventstore/db-client';
import type { FeedRequest } from './event-feed';

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
 * its resolved envelope, a filter checkpoint, or a marker.
 */
export type WireItem = { e: NonNullable<ResolvedEvent['event']> } | { c: Position } | typeof WIRE_CAUGHT_UP | typeof WIRE_FELL_BEHIND;
export const WIRE_CAUGHT_UP = 1;
export const WIRE_FELL_BEHIND = 2;

export type SubscriptionThreadMessage =
  | { kind: 'items'; id: number; items: WireItem[] }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'ended'; id: number };
