/**
 * Runs one reaction in this process while it holds the reaction's lease (ADR 0017): a filtered
 * `$all` subscription from the reaction's checkpoint, one source event at a time, in log order;
 * each event's commands are dispatched with keys derived from the event, and the checkpoint moves
 * only past events whose commands all completed. A command refused by its decider is an outcome
 * (counted, logged, moved past); any other failure stops the reaction right before that event,
 * records why, and retries with backoff until it succeeds or an admin skips that one event.
 */
import { Logger } from '@nestjs/common';
import type { Position } from '@eventstore/db-client';
import { checkChainStep, deserializeEnvelope, LedgerTamperedError, type UpcasterRegistry } from '@handoff/eventstore';
import { type Command, DomainError } from '@handoff/kernel';
import {
  backoff,
  CAUGHT_UP,
  CHAIN_STEP,
  type CheckedEvent,
  type EventFeed,
  FELL_BEHIND,
  type FeedItem,
  type FeedSubscription,
  formatPosition,
  LeaseStore,
  positionFromKey,
  positionKey,
  skippedEventOf,
  stoppedOn,
} from '@handoff/projections';
import type { Clock } from '@handoff/shared';
import { takeEach } from '@handoff/shared/streams/take-each';
import { type ReactionCommand, type ReactionDefinition, type ReactionHandler, reactedEventTypes, reactionId, reactionKey } from './reaction-definition';
import { type ReactionError, ReactionStore } from './reaction-store';

export interface ReactionTuning {
  leaseTtlMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
  skipPollMs: number;
  /** The checkpoint is saved after this many events… */
  checkpointEveryEvents: number;
  /** …or this long after the last save, whichever comes first, and whenever the reaction catches up. */
  checkpointEveryMs: number;
  /** Filter checkpoints from the server every 32 × this many events scanned. */
  checkpointIntervalMultiplier: number;
  /** Source events whose commands may be under way at once (in different partitions). */
  maxInFlight: number;
}

export const DEFAULT_REACTION_TUNING: ReactionTuning = {
  leaseTtlMs: 10_000,
  retryInitialMs: 250,
  retryMaxMs: 30_000,
  skipPollMs: 500,
  checkpointEveryEvents: 200,
  checkpointEveryMs: 250,
  checkpointIntervalMultiplier: 8,
  maxInFlight: 64,
};

/** What running a command tells the reaction: whether it had been done before (its key was found). */
export type Dispatch = (command: Command) => Promise<{ repeated: boolean }>;

export interface ReactionRunnerDependencies {
  definition: ReactionDefinition<any>;
  dispatch: Dispatch;
  /**
   * The stream a command will be decided on (the dispatcher knows): commands on one stream run in
   * `$all` order, one at a time; commands on different streams side by side. Without it, one at a time.
   */
  partitionOf?: (command: Command) => string;
  store: ReactionStore;
  leases: LeaseStore;
  feed: EventFeed;
  upcasters: UpcasterRegistry;
  clock: Clock;
  /** This process, as lease owner. */
  owner: string;
  tuning: ReactionTuning;
}

class Stopped extends Error {}

/** A source event's commands, and the correlation id they carry on. */
type Prepared = { commands: ReactionCommand[]; correlationId: string };

/** A source event (or filter checkpoint) started and not yet passed by the checkpoint. */
type InFlightEvent = { position: Position; done: Promise<unknown>; finished: boolean };

type Counts = { events: number; commands: number; refused: number; repeated: number };
const noCounts = (): Counts => ({ events: 0, commands: 0, refused: 0, repeated: 0 });

export class ReactionRunner {
  readonly id: string;
  private readonly logger: Logger;
  private readonly eventTypes: string[];
  private stopped = false;
  private holding = false;
  private supervisor?: NodeJS.Timeout;
  private supervising?: Promise<void>;
  private consuming?: Promise<void>;
  private subscription?: FeedSubscription;
  private readonly sleepers = new Set<() => void>();
  /** The last event (or filter checkpoint) passed, and what was done since the last save. */
  private passed?: { key: string; position: Position };
  private savedKey = '';
  private inFlight: InFlightEvent[] = [];
  private readonly partitions = new Map<string, Promise<void>>();
  private saving: Promise<void> = Promise.resolve();
  private flush?: NodeJS.Timeout;
  /** Events or commands being retried after a failure (their error is recorded until they pass). */
  private stuck = 0;
  private unsaved = noCounts();
  private lastSaveAt = Date.now();
  private caughtUp = false;
  private rate = { since: Date.now(), events: 0, perSecond: 0 };

  constructor(private readonly deps: ReactionRunnerDependencies) {
    this.id = reactionId(deps.definition);
    this.logger = new Logger(`Reaction ${this.id}`);
    this.eventTypes = reactedEventTypes(deps.definition);
  }

  get holdsLease(): boolean {
    return this.holding;
  }

  start(): void {
    this.supervise();
  }

  /** Stops after the event in hand, saves the checkpoint, gives the lease up. */
  async stop(): Promise<void> {
    await this.halt();
    if (this.holding) await this.deps.leases.release(this.id, this.deps.owner).catch(() => undefined);
    this.holding = false;
  }

  private async halt(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.supervisor);
    clearTimeout(this.flush);
    for (const wake of [...this.sleepers]) wake();
    await this.supervising;
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.consuming;
  }

  private get halted(): boolean {
    return this.stopped || !this.holding;
  }

  /** Takes or renews the lease every third of its life; starts consuming when held, stops when lost. */
  private supervise(): void {
    if (this.stopped) return;
    this.supervising = (async () => {
      try {
        const held = await this.deps.leases.acquire(this.id, this.deps.owner, this.deps.tuning.leaseTtlMs);
        if (held !== this.holding) this.logger.log({ msg: held ? 'lease acquired' : 'lease lost', lease: this.id, owner: this.deps.owner });
        this.holding = held;
        if (!held) await this.subscription?.unsubscribe().catch(() => undefined);
        if (held && !this.consuming && !this.stopped) this.consuming = this.consumeWhileHolding().finally(() => (this.consuming = undefined));
      } catch (error) {
        this.logger.warn({ msg: 'reaction lease check failed; retrying', error: describe(error) });
      }
    })();
    void this.supervising.then(() => {
      if (!this.stopped) this.supervisor = setTimeout(() => this.supervise(), this.deps.tuning.leaseTtlMs / 3);
    });
  }

  private async consumeWhileHolding(): Promise<void> {
    let failures = 0;
    while (!this.halted) {
      try {
        await this.consume();
        failures = 0;
      } catch (error) {
        if (this.halted || error instanceof Stopped) break;
        failures++;
        const delay = backoff(this.deps.tuning, failures);
        this.logger.warn({ msg: 'reaction subscription failed; restarting from the checkpoint', error: describe(error), attempt: failures, retryInMs: delay });
        await this.deps.store
          .recordError(this.id, { kind: 'subscription', message: describe(error), attempts: failures, since: new Date(), nextRetryAt: new Date(Date.now() + delay) })
          .catch(() => undefined);
        await this.sleep(delay);
      }
    }
  }

  private async consume(): Promise<void> {
    const record = await this.deps.store.ensure(this.id, this.deps.definition.name, this.deps.definition.version);
    this.passed = undefined;
    this.inFlight = [];
    this.stuck = 0;
    this.savedKey = record.checkpointKey;
    this.unsaved = noCounts();
    this.caughtUp = false;
    const subscription = this.deps.feed.subscribe({
      from: positionFromKey(record.checkpointKey),
      eventTypes: this.eventTypes,
      checkpointInterval: this.deps.tuning.checkpointIntervalMultiplier,
    });
    this.subscription = subscription;
    try {
      if (this.halted) return;
      await takeEach<FeedItem>(
        subscription,
        (item) => this.take(item),
        () => this.halted,
      );
    } finally {
      this.subscription = undefined;
      await subscription.unsubscribe().catch(() => undefined);
      subscription.destroy();
      // What completed before the stop is kept: its effects are done.
      await this.drain();
      await this.save().catch(() => undefined);
    }
  }

  private take(item: FeedItem): Promise<void> | undefined {
    if (item === CAUGHT_UP) {
      return this.drain().then(() => {
        this.caughtUp = true;
        return this.save();
      });
    }
    if (item === FELL_BEHIND) {
      this.caughtUp = false;
      return undefined;
    }
    if ('checkpoint' in item) {
      // The server scanned to here and found nothing of ours: passable once everything before it is done.
      this.track(item.checkpoint, Promise.resolve());
      return this.saveWhenDue();
    }
    if (!item.event) return undefined;
    return this.admit(item.event);
  }

  /**
   * Starts one source event's commands, each in the partition of the stream it targets, behind the
   * commands already started there: commands on one stream keep `$all` order, commands on
   * different streams run side by side, at most `maxInFlight` events at a time. Waits when the
   * window is full; an event that cannot be turned into commands stops everything before it.
   */
  private async admit(recorded: CheckedEvent): Promise<void> {
    const { commands, correlationId } = await this.commandsOf(recorded);
    // Commands on other streams run side by side; one that must follow all earlier effects waits for them.
    if (commands.some((command) => command.afterEarlierEvents)) await this.drain();
    const issued = commands.map((command, index) => this.keyed(recorded, correlationId, command, index));
    const done = Promise.all(issued.map((command) => this.inPartition(this.deps.partitionOf?.(command) ?? '', () => this.issue(recorded, command)))).then(() => {
      this.unsaved.events++;
      this.rate.events++;
    });
    this.track(recorded.position!, done);
    if (this.inFlight.length >= this.deps.tuning.maxInFlight) await this.inFlight[0]!.done;
    await this.saveWhenDue();
  }

  /** The commands a source event causes, or a stop right before it until an admin skips it (a forgery, an unreadable event, a handler that throws). */
  private async commandsOf(recorded: CheckedEvent): Promise<Prepared> {
    let since: Date | undefined;
    for (let attempt = 1; ; attempt++) {
      if (this.halted) throw new Stopped();
      try {
        const commands = this.compute(recorded);
        if (since) await this.unstuck();
        return commands;
      } catch (error) {
        if (!since) {
          // The checkpoint must sit right before this event: what was started before it finishes, and is saved.
          await this.drain();
          await this.save();
        }
        since ??= this.stuckSince();
        if (await this.stoppedUntilSkipped(error instanceof LedgerTamperedError ? 'integrity' : 'command', error, recorded, attempt, since)) {
          this.stuck--;
          return { commands: [], correlationId: recorded.id };
        }
      }
    }
  }

  private compute(recorded: CheckedEvent): Prepared {
    // A forgery is never acted on (ADR 0012): its own hash must verify before anything is issued.
    const verified = recorded[CHAIN_STEP] ?? checkChainStep(recorded, 'unknown');
    if (!verified.ok) throw new LedgerTamperedError(verified.finding);
    const envelope = deserializeEnvelope(recorded, this.deps.upcasters);
    const handler = (this.deps.definition.handlers as Record<string, ReactionHandler<never> | undefined>)[envelope.type];
    const source = envelope.metadata;
    const commands = handler ? handler(envelope as never) : [];
    return { commands: commands.map((command) => ({ ...command, occurredAt: command.occurredAt ?? source.occurredAt })), correlationId: source.correlationId };
  }

  /**
   * One command, keyed by its source event and place: done, found done, or refused by its decider
   * (an answer, not a fault: nothing was appended, so a replay is refused again). Any other failure
   * holds this command's partition and the checkpoint until it succeeds or an admin skips the event.
   */
  private async issue(recorded: CheckedEvent, command: Command): Promise<void> {
    let since: Date | undefined;
    for (let attempt = 1; ; attempt++) {
      if (this.halted) throw new Stopped();
      try {
        const outcome = await this.deps.dispatch({ ...command, metadata: { ...command.metadata, now: this.deps.clock.nowIso() } });
        this.unsaved.commands++;
        if (outcome.repeated) this.unsaved.repeated++;
        if (since) await this.unstuck();
        return;
      } catch (error) {
        if (error instanceof DomainError) {
          this.unsaved.commands++;
          this.unsaved.refused++;
          this.logger.log({ msg: 'command refused', reaction: this.id, command: command.type, code: error.code, eventId: recorded.id });
          return;
        }
        if (this.halted) throw new Stopped();
        since ??= this.stuckSince();
        if (await this.stoppedUntilSkipped('command', error, recorded, attempt, since)) {
          this.stuck--;
          return;
        }
      }
    }
  }

  /** Records why it is stopped on `recorded`, waits the backoff, and says whether an admin asked to skip the event meanwhile. */
  /** One more event (or command) the reaction is stopped on: no timed save may clear its recorded error meanwhile. */
  private stuckSince(): Date {
    this.stuck++;
    return new Date();
  }

  private async unstuck(): Promise<void> {
    this.stuck--;
    await this.deps.store.clearError(this.id);
  }

  private async stoppedUntilSkipped(kind: ReactionError['kind'], error: unknown, recorded: CheckedEvent, attempt: number, since: Date): Promise<boolean> {
    const delay = backoff(this.deps.tuning, attempt);
    const failure: ReactionError = stoppedOn(kind, error, recorded, attempt, since, delay);
    // A save already under way clears errors when it lands: let it land first.
    await this.saving.catch(() => undefined);
    await this.deps.store.recordError(this.id, failure);
    this.logger.error({ msg: 'reaction stopped on an event it cannot act on', ...failure });
    if (!(await this.skipRequestedWithin(delay, recorded.id))) return false;
    await this.recordSkip(failure);
    return true;
  }

  /** The command as issued: by `system` on behalf of the reaction, caused by the source event, keyed by it and its place (ADR 0017). */
  private keyed(recorded: CheckedEvent, correlationId: string, command: ReactionCommand, index: number): Command {
    const { definition, clock } = this.deps;
    return {
      type: command.type,
      data: command.data,
      metadata: {
        actor: { role: 'system', id: `reaction:${definition.name}` },
        now: clock.nowIso(),
        correlationId,
        causationId: recorded.id,
        occurredAt: command.occurredAt!,
        idempotencyKey: reactionKey(definition, recorded.id, index),
      },
    };
  }

  /** Runs `work` after everything already started in `partition`, whatever became of it. */
  private inPartition(partition: string, work: () => Promise<void>): Promise<void> {
    const next = (this.partitions.get(partition) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.partitions.set(partition, next);
    void next
      .catch(() => undefined)
      .then(() => {
        if (this.partitions.get(partition) === next) this.partitions.delete(partition);
      });
    return next;
  }

  /** Remembers an event (or a filter checkpoint) in log order; the checkpoint passes it once it and all before it are done. */
  private track(position: Position, done: Promise<void>): void {
    const entry: InFlightEvent = { position, done: done.then(() => (entry.finished = true)), finished: false };
    void entry.done.then(
      () => this.advance(),
      () => undefined,
    );
    this.inFlight.push(entry);
  }

  private advance(): void {
    let moved = false;
    while (this.inFlight[0]?.finished) {
      this.pass(this.inFlight.shift()!.position);
      moved = true;
    }
    if (moved) this.saveSoon();
  }

  /**
   * Saves within `checkpointEveryMs` of an event's commands completing even when no further event
   * comes: otherwise a quiet log would leave the checkpoint (and the lag /health reports) behind
   * effects already done. Never after a stop or a lost lease (another owner's checkpoint is not
   * ours to move), nor while stopped on an event (a save would clear the error it records).
   */
  private saveSoon(): void {
    if (this.flush || this.halted) return;
    this.flush = setTimeout(() => {
      this.flush = undefined;
      // A save clears the recorded error: not while something is stopped on one (its own paths save).
      if (!this.halted && this.stuck === 0) void this.save().catch(() => undefined);
    }, this.deps.tuning.checkpointEveryMs);
  }

  /** Waits for every event started so far (each ends done, skipped, or stopped). */
  private async drain(): Promise<void> {
    await Promise.allSettled(this.inFlight.map((entry) => entry.done));
    this.advance();
  }

  private pass(position: Position): void {
    const key = positionKey(position);
    if (!this.passed || this.passed.key < key) this.passed = { key, position };
  }

  private saveWhenDue(): Promise<void> | undefined {
    const { checkpointEveryEvents, checkpointEveryMs } = this.deps.tuning;
    if (this.unsaved.events >= checkpointEveryEvents || Date.now() - this.lastSaveAt >= checkpointEveryMs) return this.save();
    return undefined;
  }

  /** Saves are written one after another, so a later checkpoint is never overwritten by an earlier one. */
  private save(): Promise<void> {
    this.saving = this.saving.catch(() => undefined).then(() => this.writeProgress());
    return this.saving;
  }

  private async writeProgress(): Promise<void> {
    const now = Date.now();
    if (now - this.rate.since >= 1_000) this.rate = { since: now, events: 0, perSecond: Math.round((this.rate.events * 1_000) / (now - this.rate.since)) };
    const passed = this.passed;
    const counts = this.unsaved;
    this.unsaved = noCounts();
    this.lastSaveAt = now;
    const key = passed && this.savedKey < passed.key ? passed.key : this.savedKey;
    this.savedKey = key;
    await this.deps.store.saveProgress(this.id, {
      checkpointKey: key,
      checkpoint: key === '' ? null : formatPosition(positionFromKey(key)!),
      caughtUp: this.caughtUp,
      eventsPerSecond: this.rate.perSecond,
      ...counts,
    });
  }

  private async skipRequestedWithin(delayMs: number, eventId: string): Promise<boolean> {
    const until = Date.now() + delayMs;
    for (;;) {
      const record = await this.deps.store.records.findOne({ _id: this.id }, { projection: { skipRequest: 1 } });
      if (record?.skipRequest?.eventId === eventId) return true;
      const left = until - Date.now();
      if (left <= 0 || this.halted) return false;
      await this.sleep(Math.min(left, this.deps.tuning.skipPollMs));
    }
  }

  private async recordSkip(failure: ReactionError): Promise<void> {
    const record = await this.deps.store.records.findOne({ _id: this.id });
    const request = record?.skipRequest;
    const { name, version } = this.deps.definition;
    await this.deps.store.recordSkip({
      _id: `${this.id}:${failure.eventId}`,
      reaction: name,
      version,
      ...skippedEventOf(failure, request && { requestedBy: request.by, requestedAt: request.at }),
    });
    await this.deps.store.clearError(this.id);
    this.logger.warn({ msg: 'event skipped by an admin; its commands were not issued', eventId: failure.eventId, by: request?.by });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
