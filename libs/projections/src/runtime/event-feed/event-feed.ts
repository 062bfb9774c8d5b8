/**
 * What a projection track reads: its filtered `$all` subscription, as an object-mode stream of
 * events and markers in log order. Read either on the track's own thread (`subscribeInThread`) or on
 * a subscription thread (subscription-thread.ts), which takes the official client's decoding off
 * the thread that runs handlers and writes read models.
 */
import { START, eventTypeFilter } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, EventStoreDBClient, Position } from '@eventstore/db-client';
import type { Readable } from 'node:stream';
import type { IntegrityFinding } from '@handoff/eventstore/integrity/chain-check';

/**
 * An event's own hash-chain check (ADR 0012), made where it was decoded when that is another
 * thread (the subscription thread), so the thread running handlers does not pay for it.
 */
export const CHAIN_STEP = Symbol('chain-step');
/** The outcome of that check: all a track needs of a chain step (a ChainStep is one). */
export type OwnHashCheck = { ok: true } | { ok: false; finding: IntegrityFinding };
export type CheckedEvent = NonNullable<AllStreamResolvedEvent['event']> & { [CHAIN_STEP]?: OwnHashCheck };

/** The subscription has caught up with the head of `$all` (everything before it was delivered). */
export const CAUGHT_UP = Symbol('caught-up');
export const FELL_BEHIND = Symbol('fell-behind');
/** An event, a marker, or a filter checkpoint: the server scanned up to there, nothing matched. */
export type FeedItem = AllStreamResolvedEvent | typeof CAUGHT_UP | typeof FELL_BEHIND | { checkpoint: Position };

export interface FeedRequest {
  /** Where to start: undefined for the beginning of `$all`. */
  from?: Position;
  eventTypes: string[];
  /** Filter checkpoints every 32 × this many events scanned. */
  checkpointInterval: number;
}

/** A stream of FeedItems; `unsubscribe` ends it. Errors of the subscription fail the stream. */
export type FeedSubscription = Readable & { unsubscribe(): Promise<void> };

export interface EventFeed {
  subscribe(request: FeedRequest): FeedSubscription;
  close(): Promise<void>;
}

/** Reads with the official client on the calling thread. */
export class InThreadFeed implements EventFeed {
  constructor(private readonly client: EventStoreDBClient) {}

  subscribe(request: FeedRequest): FeedSubscription {
    return subscribeInThread(this.client, request);
  }

  async close(): Promise<void> {}
}

export function subscribeInThread(client: EventStoreDBClient, request: FeedRequest): FeedSubscription {
  const subscription = client.subscribeToAll(
    {
      fromPosition: request.from ?? START,
      filter: eventTypeFilter({
        regex: eventTypesRegex(request.eventTypes),
        checkpointInterval: request.checkpointInterval,
        // The client calls this (and emits caughtUp) while events before it may still wait in the
        // stream's buffer: queue markers behind them, so they are seen in log order.
        checkpointReached: (sub, position) => void sub.push({ checkpoint: position }),
      }),
    },
    { highWaterMark: 1024 },
  );
  subscription.on('caughtUp', () => subscription.push(CAUGHT_UP));
  subscription.on('fellBehind', () => subscription.push(FELL_BEHIND));
  return subscription as unknown as FeedSubscription;
}

const eventTypesRegex = (types: string[]): string => `^(${types.map(escapeRegex).join('|')})$`;
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
