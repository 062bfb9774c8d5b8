/**
 * Tracks' `$all` subscriptions on a worker thread of their own. The official client's work per
 * event (gRPC, HTTP/2, protobuf decoding, JSON parsing) was half of a projector thread's time in a
 * rebuild; here it runs beside the handlers and read-model writes instead of before them, and the
 * events cross over by structured clone, in chunks. Order, filter checkpoints and caught-up markers
 * are kept; a subscription is paused while the track is WINDOW items behind (flow control).
 *
 * One thread per runtime, started with the first subscription; if it dies, every open
 * subscription fails (its track restarts from its checkpoint, as after any subscription error)
 * and the next subscription starts a new thread.
 */
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { compiledPath } from '@handoff/shared/compiled-path';
import { CAUGHT_UP, CHAIN_STEP, CheckedEvent, EventFeed, FeedItem, FeedRequest, FeedSubscription, FELL_BEHIND, OwnHashCheck } from './event-feed';
import { CONSUMER_BUFFER, SubscriptionThreadData, SubscriptionThreadMessage, SubscriptionThreadRequest, WIRE_CAUGHT_UP, WIRE_FELL_BEHIND, WireItem } from './subscription-thread.protocol';

export function subscriptionWorkerFile(): string {
  return compiledPath(path.join(__dirname, `subscription-thread.worker${path.extname(__filename)}`));
}

export class SubscriptionThread implements EventFeed {
  private worker?: Worker;
  private nextId = 1;
  private readonly open = new Map<number, ThreadSubscription>();

  constructor(private readonly connectionString: string) {}

  subscribe(request: FeedRequest): FeedSubscription {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    const send = (message: SubscriptionThreadRequest) => worker.postMessage(message);
    const subscription = new ThreadSubscription(id, send, () => this.open.delete(id));
    this.open.set(id, subscription);
    send({ kind: 'open', id, request });
    return subscription;
  }

  /** Ends every subscription and the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const subscription of [...this.open.values()]) subscription.destroy();
    this.open.clear();
    await worker?.terminate();
  }

  /** Ends the thread abruptly, as a crash would (tests): open subscriptions fail. */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  private spawn(): Worker {
    const workerData: SubscriptionThreadData = { connectionString: this.connectionString };
    const worker = new Worker(subscriptionWorkerFile(), { workerData });
    worker.unref(); // the runtime's own handles keep the process alive, not this thread
    this.worker = worker;
    worker.on('message', (message: SubscriptionThreadMessage) => this.open.get(message.id)?.receive(message));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the subscription thread exited with code ${code}`)));
    return worker;
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const subscription of [...this.open.values()]) subscription.destroy(error);
    this.open.clear();
  }
}

class ThreadSubscription extends Readable {
  private pushed = 0;
  private credited = 0;
  private unsubscribed = false;

  constructor(
    private readonly id: number,
    private readonly send: (message: SubscriptionThreadRequest) => void,
    private readonly forget: () => void,
  ) {
    super({ objectMode: true, highWaterMark: CONSUMER_BUFFER });
  }

  receive(message: SubscriptionThreadMessage): void {
    if (this.unsubscribed) return;
    if (message.kind === 'items') {
      for (const item of message.items) this.push(fromWire(item));
      this.pushed += message.items.length;
    } else if (message.kind === 'failed') this.destroy(new Error(message.error));
    else this.end();
  }

  override _read(): void {
    const consumed = this.pushed - this.readableLength;
    if (consumed > this.credited && !this.unsubscribed) {
      this.credited = consumed;
      this.send({ kind: 'credit', id: this.id, consumed });
    }
  }

  async unsubscribe(): Promise<void> {
    this.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.end();
    callback(error);
  }

  private end(): void {
    if (this.unsubscribed) return;
    this.unsubscribed = true;
    this.forget();
    this.send({ kind: 'close', id: this.id });
    this.push(null);
  }
}

/** Every verified event's check on this side: the thread sent no more than that it verified. */
const VERIFIED: OwnHashCheck = Object.freeze({ ok: true });

function fromWire(item: WireItem): FeedItem {
  if (item === WIRE_CAUGHT_UP) return CAUGHT_UP;
  if (item === WIRE_FELL_BEHIND) return FELL_BEHIND;
  if ('c' in item) return { checkpoint: item.c };
  // Not enumerable: the event stays what the client would have delivered on this thread.
  Object.defineProperty(item.e as CheckedEvent, CHAIN_STEP, { value: item.s === true ? VERIFIED : { ok: false, finding: item.s } });
  return { event: item.e } as AllStreamResolvedEvent;
}
