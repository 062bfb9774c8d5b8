/**
 * One generation of one projection, fed by its own filtered `$all` subscription from its own
 * checkpoint. Changes are batched, written idempotently (change-writer.ts), then the checkpoint
 * moves past the batch. One batch is written at a time while the next fills; the next is cut as
 * soon as the write ends (so a rebuild writes big batches, as fast as the read store takes them),
 * when it is full, or a few ms after its first event when nothing is being written (live).
 * A handler that throws stops the track right before that event, records why, and retries with
 * backoff until it succeeds or an admin skips that one event.
 */
import { Logger } from '@nestjs/common';
import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import { checkChainStep, deserializeEnvelope, LedgerTamperedError, UpcasterRegistry } from '@handoff/eventstore';
import { takeEach } from '@handoff/shared/streams/take-each';
import type { Db } from 'mongodb';
import { changeMarkerAt, formatPosition, positionFromKey, positionKey } from '../definition/position';
import { DeriveFields, handledEventTypes, project, ProjectionDefinition } from '../definition/projection-definition';
import { ProjectionStore } from '../store/projection-store';
import { Generation, skippedEventOf, stoppedOn, TrackError, trackId } from '../store/records';
import { KnownDocuments, MarkedChange, ReadModelWriteError, writeChanges } from './change-writer';
import { CAUGHT_UP, CHAIN_STEP, CheckedEvent, EventFeed, FeedItem, FeedSubscription, FELL_BEHIND } from './event-feed/event-feed';
import { backoff, RuntimeTuning } from './tuning';

export interface TrackDependencies {
  definition: ProjectionDefinition<any>;
  generation: Generation;
  store: ProjectionStore;
  db: Db;
  /** Where the track's filtered `$all` subscription is read (this thread or a subscription thread). */
  feed: EventFeed;
  upcasters: UpcasterRegistry;
  owner: string;
  tuning: RuntimeTuning;
  /** Called each time the subscription has caught up and everything before is written. */
  onCaughtUp?: () => Promise<void>;
}

type Checkpoint = { key: string; position: Position };

class Stopped extends Error {}

class Batch {
  readonly changes = new Map<string, MarkedChange[]>();
  size = 0;
  events = 0;
  last?: Checkpoint;
  /** When its first event (or checkpoint) arrived: the batch is cut no sooner than maxBatchDelayMs after, unless full. */
  startedAt = 0;

  add(collection: string, change: MarkedChange): void {
    const list = this.changes.get(collection);
    if (list) list.push(change);
    else this.changes.set(collection, [change]);
    this.size++;
  }
}

export class ProjectionTrack {
  readonly id: string;
  private readonly logger: Logger;
  private readonly eventTypes: Set<string>;
  /** Per physical collection, the fields its documents derive from themselves. */
  private readonly derive = new Map<string, DeriveFields>();
  private stopped = false;
  private running?: Promise<void>;
  private subscription?: FeedSubscription;
  private current = new Batch();
  private inFlight: Promise<void> = Promise.resolve();
  /** A batch write is under way; whatever arrives meanwhile is cut when it ends. */
  private writing = false;
  /** What this track wrote lately: those documents are not read again before the next write. */
  private readonly known = new KnownDocuments();
  private timer?: NodeJS.Timeout;
  private readonly sleepers = new Set<() => void>();
  private caughtUp = false;
  private rate = { events: 0, since: Date.now(), perSecond: 0 };

  constructor(private readonly deps: TrackDependencies) {
    this.id = trackId(deps.definition.name, deps.generation.generation);
    this.logger = new Logger(`Projection ${this.id}`);
    this.eventTypes = new Set(handledEventTypes(deps.definition));
    for (const [logical, spec] of Object.entries(deps.definition.collections)) if (spec.derive) this.derive.set(deps.generation.collections[logical]!, spec.derive);
  }

  get generation(): number {
    return this.deps.generation.generation;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const wake of [...this.sleepers]) wake();
    const subscription = this.subscription;
    if (subscription) await subscription.unsubscribe().catch(() => undefined);
    subscription?.destroy();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.prepareCollections();
        await this.consume();
        failures = 0;
      } catch (error) {
        if (this.stopped || error instanceof Stopped) break;
        failures++;
        const delay = backoff(this.deps.tuning, failures);
        const message = describe(error);
        this.logger.warn({ msg: 'projection subscription failed; restarting from the checkpoint', error: message, attempt: failures, retryInMs: delay });
        await this.deps.store.recordError(this.id, { kind: 'subscription', message, attempts: failures, since: new Date(), nextRetryAt: new Date(Date.now() + delay) }).catch(() => undefined);
        await this.sleep(delay).catch(() => undefined);
      }
    }
  }

  private async prepareCollections(): Promise<void> {
    for (const [logical, spec] of Object.entries(this.deps.definition.collections)) {
      const physical = this.deps.generation.collections[logical]!;
      if (spec.indexes?.length) await this.deps.db.collection(physical).createIndexes(spec.indexes);
    }
  }

  private async consume(): Promise<void> {
    const record = await this.deps.store.ensureTrack(this.deps.definition.name, this.deps.generation);
    const from = positionFromKey(record.checkpointKey);
    this.current = new Batch();
    this.inFlight = Promise.resolve();
    this.writing = false;
    this.known.clear();
    this.caughtUp = false;
    const subscription = this.deps.feed.subscribe({ from, eventTypes: [...this.eventTypes], checkpointInterval: this.deps.tuning.checkpointIntervalMultiplier });
    this.subscription = subscription;
    if (this.stopped) await subscription.unsubscribe();
    try {
      await takeEach<FeedItem>(
        subscription,
        (item) => this.handle(item),
        () => this.stopped,
      );
      // also when stopped: waits for a write in flight (the next one then throws Stopped)
      await this.drain();
    } finally {
      clearTimeout(this.timer);
      this.subscription = undefined;
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  /**
   * Takes one item of the subscription. Synchronous for an event whose handler succeeds and that
   * does not fill the batch (nearly all of them during a rebuild): returns a promise only when the
   * caller must wait (a full batch, caught up, a poison event).
   */
  private handle(item: FeedItem): Promise<void> | undefined {
    if (item === CAUGHT_UP) return this.onCaughtUp();
    if (item === FELL_BEHIND) {
      this.caughtUp = false;
      return undefined;
    }
    if ('checkpoint' in item) {
      this.advance(item.checkpoint, positionKey(item.checkpoint), 0);
      return undefined;
    }
    const recorded = item.event;
    if (!recorded) return undefined;
    const key = positionKey(recorded.position);
    if (!this.eventTypes.has(recorded.type)) return this.accept([], recorded.position, key);
    let changes: MarkedChange[];
    try {
      changes = this.project(recorded, key);
    } catch (error) {
      return this.retryUntilHandled(item, key, error).then((retried) => this.accept(retried, recorded.position, key));
    }
    return this.accept(changes, recorded.position, key);
  }

  private async onCaughtUp(): Promise<void> {
    await this.drain();
    this.caughtUp = true;
    await this.deps.store.saveCheckpoint(this.id, undefined, this.progress(0));
    await this.deps.onCaughtUp?.();
  }

  private accept(changes: MarkedChange[], position: Position, key: string): Promise<void> | undefined {
    for (const change of changes) this.current.add(this.deps.generation.collections[change.change.collection]!, change);
    this.advance(position, key, 1);
    if (this.current.size < this.deps.tuning.maxBatchChanges) return undefined;
    // at most one batch written while the next one fills
    return this.inFlight.then(() => void this.cut());
  }

  private advance(position: Position, key: string, events: number): void {
    if (!this.current.last) this.current.startedAt = Date.now();
    if (!this.current.last || this.current.last.key < key) this.current.last = { key, position };
    this.current.events += events;
    if (!this.writing) this.timer ??= setTimeout(() => void this.cut(), this.deps.tuning.maxBatchDelayMs);
  }

  /** Starts writing the batch being filled unless a write is under way (which cuts it when it ends); returns that write. */
  private cut(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.current;
    if (this.writing || !batch.last) return this.inFlight;
    this.current = new Batch();
    this.writing = true;
    this.inFlight = this.write(batch).finally(() => {
      this.writing = false;
      if (this.current.last && !this.stopped) this.cutWhenDue();
    });
    this.inFlight.catch(() => undefined); // observed by the next await of inFlight
    return this.inFlight;
  }

  /** After a write: cut what arrived meanwhile once it is full or its first event has waited maxBatchDelayMs (a rebuild's has, long since). */
  private cutWhenDue(): void {
    const wait = this.current.startedAt + this.deps.tuning.maxBatchDelayMs - Date.now();
    if (wait <= 0 || this.current.size >= this.deps.tuning.maxBatchChanges) void this.cut();
    else this.timer ??= setTimeout(() => void this.cut(), wait);
  }

  /** Writes everything received so far. */
  private async drain(): Promise<void> {
    do await this.cut();
    while (this.writing || this.current.last);
  }

  private async write(batch: Batch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) throw new Stopped();
      try {
        await writeChanges(this.deps.db, batch.changes, this.known, this.derive);
        this.rate.events += batch.events;
        const last = batch.last!;
        await this.deps.store.saveCheckpoint(this.id, { key: last.key, wire: formatPosition(last.position) }, this.progress(batch.events));
        return;
      } catch (error) {
        this.known.clear(); // what half a batch left behind is unknown: read it again
        const delay = backoff(this.deps.tuning, attempt);
        const message = describe(error);
        this.logger.warn({ msg: 'writing a batch failed; retrying', error: message, attempt, retryInMs: delay, collection: error instanceof ReadModelWriteError ? error.collection : undefined });
        await this.deps.store.recordError(this.id, { kind: 'write', message, attempts: attempt, since: new Date(), nextRetryAt: new Date(Date.now() + delay) }).catch(() => undefined);
        await this.sleep(delay);
      }
    }
  }

  /**
   * The event's changes, each with its idempotency marker; throws what the handler (or upcasting)
   * threw, or LedgerTamperedError when the event's own hash does not verify: a forgery is never
   * projected (ADR 0012). Its link to the stream's previous event is the background verifier's to
   * check: the track sees one category of events, not whole streams.
   */
  private project(recorded: AllStreamResolvedEvent['event'] & object, key: string): MarkedChange[] {
    const verified = (recorded as CheckedEvent)[CHAIN_STEP] ?? checkChainStep(recorded, 'unknown');
    if (!verified.ok) throw new LedgerTamperedError(verified.finding);
    const envelope = deserializeEnvelope(recorded, this.deps.upcasters);
    return project(this.deps.definition, envelope).map((change, index) => ({ change, marker: changeMarkerAt(key, index) }));
  }

  /** After the handler threw `firstError`: stops here until a retry succeeds or an admin skips the event. */
  private async retryUntilHandled(resolved: AllStreamResolvedEvent, key: string, firstError: unknown): Promise<MarkedChange[]> {
    const recorded = resolved.event!;
    let since: Date | undefined;
    let error = firstError;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        let changes: MarkedChange[] | undefined;
        try {
          changes = this.project(recorded, key);
        } catch (thrown) {
          error = thrown;
        }
        if (changes) {
          await this.deps.store.clearError(this.id);
          this.logger.log({ msg: 'poison event handled on retry', eventId: recorded.id, attempts: attempt });
          return changes;
        }
      }
      if (this.stopped) throw new Stopped();
      if (!since) await this.drain(); // the checkpoint must sit right before this event
      since ??= new Date();
      const delay = backoff(this.deps.tuning, attempt);
      const failure: TrackError = stoppedOn(error instanceof LedgerTamperedError ? 'integrity' : 'handler', error, recorded, attempt, since, delay);
      await this.deps.store.recordError(this.id, failure);
      this.logger.error({ msg: 'projection stopped on an event its handler cannot process', ...failure });
      if (await this.skipRequestedWithin(delay, recorded.id)) {
        await this.recordSkip(failure, recorded.id);
        return [];
      }
    }
  }

  private async skipRequestedWithin(delayMs: number, eventId: string): Promise<boolean> {
    const until = Date.now() + delayMs;
    for (;;) {
      const track = await this.deps.store.tracks.findOne({ _id: this.id }, { projection: { skipRequest: 1 } });
      if (track?.skipRequest?.eventId === eventId) return true;
      const left = until - Date.now();
      if (left <= 0) return false;
      await this.sleep(Math.min(left, this.deps.tuning.skipPollMs));
    }
  }

  private async recordSkip(failure: TrackError, eventId: string): Promise<void> {
    const track = await this.deps.store.tracks.findOne({ _id: this.id });
    const request = track?.skipRequest;
    await this.deps.store.recordSkip(
      {
        projection: this.deps.definition.name,
        version: this.deps.generation.version,
        generation: this.deps.generation.generation,
        ...skippedEventOf({ ...failure, eventId }, request ?? undefined),
        skippedBy: this.deps.owner,
      },
      this.id,
    );
    this.logger.warn({ msg: 'event skipped at an admin request', eventId, position: failure.position, requestedBy: request?.requestedBy });
  }

  private progress(applied: number) {
    const now = Date.now();
    if (now - this.rate.since >= 1_000) {
      this.rate.perSecond = Math.round((this.rate.events * 1000) / (now - this.rate.since));
      this.rate.events = 0;
      this.rate.since = now;
    }
    return { applied, eventsPerSecond: this.rate.perSecond, caughtUp: this.caughtUp, owner: this.deps.owner };
  }

  /** Sleeps unless stopped; throws Stopped when stopped meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.stopped) return reject(new Stopped());
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        reject(new Stopped());
      };
      const timer = setTimeout(() => {
        this.sleepers.delete(wake);
        resolve();
      }, ms);
      this.sleepers.add(wake);
    });
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
