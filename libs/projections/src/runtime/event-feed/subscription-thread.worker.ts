/**
 * The subscription thread (see subscription-thread.ts): runs tracks' `$all` subscriptions with its
 * own official client and hands their items to the parent in chunks, at most WINDOW items ahead
 * of what the parent has taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AllStreamResolvedEvent, EventStoreDBClient } from '@eventstore/db-client';
import { checkChainStep } from '@handoff/eventstore/integrity/chain-check';
import { CAUGHT_UP, FeedItem, FeedSubscription, FELL_BEHIND, subscribeInThread } from './event-feed';
import { CHUNK, SubscriptionThreadData, SubscriptionThreadMessage, SubscriptionThreadRequest, WINDOW, WIRE_CAUGHT_UP, WIRE_FELL_BEHIND, WireItem } from './subscription-thread.protocol';

if (!parentPort) throw new Error('subscription-thread.worker runs as a worker thread only');
const port = parentPort;
const send = (message: SubscriptionThreadMessage) => port.postMessage(message);

const client = EventStoreDBClient.connectionString((workerData as SubscriptionThreadData).connectionString);

class Forwarded {
  private pending: WireItem[] = [];
  private scheduled = false;
  private sent = 0;
  private consumed = 0;
  private paused = false;
  private closed = false;

  constructor(
    private readonly id: number,
    private readonly subscription: FeedSubscription,
  ) {
    subscription.on('data', (item: FeedItem) => this.take(item));
    subscription.on('error', (error: Error) => this.finish({ kind: 'failed', id, error: error.message }));
    subscription.on('end', () => this.finish({ kind: 'ended', id }));
  }

  credit(consumed: number): void {
    this.consumed = Math.max(this.consumed, consumed);
    if (this.paused && this.sent - this.consumed < WINDOW / 2) {
      this.paused = false;
      this.subscription.resume();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscription.unsubscribe().catch(() => undefined);
    this.subscription.destroy();
  }

  private take(item: FeedItem): void {
    if (this.closed) return;
    this.pending.push(toWire(item));
    this.sent++;
    if (this.pending.length >= CHUNK) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (!this.paused && this.sent - this.consumed >= WINDOW) {
      this.paused = true;
      this.subscription.pause();
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.closed) return;
    const items = this.pending;
    this.pending = [];
    send({ kind: 'items', id: this.id, items });
  }

  private finish(last: SubscriptionThreadMessage): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    forwarded.delete(this.id);
    send(last);
  }
}

function toWire(item: FeedItem): WireItem {
  if (item === CAUGHT_UP) return WIRE_CAUGHT_UP;
  if (item === FELL_BEHIND) return WIRE_FELL_BEHIND;
  if ('checkpoint' in item) return { c: item.checkpoint };
  const checked = ownHashCheckOf(item.event!);
  return { e: item.event!, s: checked.ok || checked.finding };
}

/**
 * Every track subscribes on its own, so live events reach this thread once per projection that
 * handles them: the own-hash check (canonical JSON and SHA-256) is done once per event id and
 * remembered for the last RECENT_CHECKS events (live tracks read the same events within
 * milliseconds of each other). A record altered in storage between two tracks' reads of it would
 * pass for the second track too; the background verifier's passes, which read every event again,
 * are what catch an edit made after an event was first read. With one subscription open (a
 * rebuild, a projector with one projection) no event comes twice, and the memory is not kept:
 * its lookups and evictions were a fifth of the check's cost.
 */
const RECENT_CHECKS = 16_384;
const recentChecks = new Map<string, ReturnType<typeof checkChainStep>>();
function ownHashCheckOf(event: NonNullable<AllStreamResolvedEvent['event']>): ReturnType<typeof checkChainStep> {
  if (forwarded.size < 2) {
    recentChecks.clear();
    return checkChainStep(event, 'unknown');
  }
  const known = recentChecks.get(event.id);
  if (known) return known;
  const checked = checkChainStep(event, 'unknown');
  if (recentChecks.size >= RECENT_CHECKS) recentChecks.delete(recentChecks.keys().next().value!);
  recentChecks.set(event.id, checked);
  return checked;
}

const forwarded = new Map<number, Forwarded>();

port.on('message', (request: SubscriptionThreadRequest) => {
  if (request.kind === 'open') forwarded.set(request.id, new Forwarded(request.id, subscribeInThread(client, request.request)));
  else if (request.kind === 'credit') forwarded.get(request.id)?.credit(request.consumed);
  else {
    const closing = forwarded.get(request.id);
    forwarded.delete(request.id);
    void closing?.close();
  }
});
