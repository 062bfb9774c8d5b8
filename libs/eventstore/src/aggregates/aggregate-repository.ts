import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type CommandContext, type DomainEvent, type EventEnvelope, type AllPosition, toDomainEvent } from '../envelope/event-envelope';
import { ConcurrencyConflictError, StreamRevision } from '../store/concurrency-conflict.error';
import { IntegrityAlarm } from '../integrity/integrity-alarm';
import { LedgerTamperedError } from '../integrity/ledger-tampered.error';
import { EventStore } from '../store/event-store';
import { EVENTSTORE_OPTIONS } from '../store/tokens';
import { AggregateCache } from './aggregate-cache';
import type { Decider } from '@handoff/kernel';
import { AGGREGATE_CACHE } from './stream-change-feed';

export interface RetryPolicy {
  /** Tries in all, first one included. */
  maxAttempts: number;
  /** Pause before retry number `attempt` (2, 3, …), so contending writers spread out. */
  delayMs(attempt: number): number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  delayMs: (attempt) => Math.floor(Math.random() * 10 * (attempt - 1)),
};

export interface CommandOutcome<State, Event extends DomainEvent> {
  /** The events appended, with their metadata; empty when the command changed nothing. */
  events: EventEnvelope<Event>[];
  /** The state after the events. */
  state: State;
  /** The stream's revision now: what to expect on the next append. */
  nextExpectedRevision: StreamRevision;
  /** `$all` position of the append (undefined when nothing was appended). */
  position?: AllPosition;
  attempts: number;
  /** The command's idempotency key was already in the stream: it had been done, nothing was decided now. */
  repeated?: boolean;
}

/** A folded stream: its state, where it ends, and the idempotency keys its events carry. */
interface Loaded<State> {
  state: State;
  revision: StreamRevision;
  headHash: string | null;
  idempotencyKeys?: Set<string>;
}

/**
 * Loads an aggregate by folding its stream, decides, and appends with the exact revision it
 * read. On a conflict it reloads and decides again — the command is re-judged against the newer
 * state, so a refusal may now be the answer — up to the policy's attempts, then throws
 * ConcurrencyConflictError (HTTP 409).
 *
 * Every read verifies the stream's hash chain (EventStore.readStream): a tampered stream throws
 * LedgerTamperedError, raised on the IntegrityAlarm, and no decision is taken on it. Cached states
 * were verified when they were read or written.
 *
 * With an AggregateCache (and its change feed) states are kept between commands: a load answers
 * from the cache when it can, and a command on a cached state appends expecting the cached
 * revision, so a stale entry costs one refused append and a fresh read, never a wrong decision.
 */
@Injectable()
export class AggregateRepository {
  private readonly logger = new Logger('AggregateRepository');
  private readonly retry: RetryPolicy;

  constructor(
    private readonly eventStore: EventStore,
    @Inject(EVENTSTORE_OPTIONS) options: { retry?: Partial<RetryPolicy> },
    @Optional() @Inject(AGGREGATE_CACHE) private readonly cache?: AggregateCache,
    @Optional() private readonly alarm?: IntegrityAlarm,
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** The aggregate's state and revision: from the cache when it holds the stream, else folded from a read. */
  async load<State, Event extends DomainEvent>(decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>, streamName: string): Promise<Loaded<State>> {
    const cached = this.cache?.get<State>(streamName, decider.evolve, 'consult');
    return cached ?? this.read(decider, streamName);
  }

  /** Folds the stream from the server, whatever the cache holds (and keeps the result there). */
  private async read<State, Event extends DomainEvent>(decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>, streamName: string): Promise<Loaded<State>> {
    const epoch = this.cache?.epoch() ?? 0;
    const read = await this.eventStore.readStream<Event>(streamName).catch(async (error: unknown) => {
      // A stream that fails its hash chain is never folded: the command is refused, loudly.
      if (error instanceof LedgerTamperedError) await this.alarm?.raise(error.finding, 'command');
      throw error;
    });
    let state = decider.initialState();
    let idempotencyKeys: Set<string> | undefined;
    for (const envelope of read.events) {
      state = decider.evolve(state, toDomainEvent(envelope));
      const key = envelope.metadata.idempotencyKey;
      if (key !== undefined) (idempotencyKeys ??= new Set()).add(key);
    }
    const loaded: Loaded<State> = { state, revision: read.revision, headHash: read.headHash, ...(idempotencyKeys ? { idempotencyKeys } : {}) };
    this.cache?.store(streamName, { folder: decider.evolve, ...loaded }, epoch);
    return loaded;
  }

  /**
   * Decides `command` on the stream's state and appends what it decided. `command` may be built
   * from that state (`(state) => command`), when the command needs facts the stream holds (a
   * parcel's collective, to fetch its policy): the facts then come from the state the append
   * checks, so they are never staler than the decision. A builder's error counts as a refusal.
   *
   * A command whose context carries an idempotency key already present in the stream was done
   * before (a reaction replayed after a crash): nothing is decided and `repeated` is set. The key
   * is written into the events appended, in the same append the expected revision guards, so no
   * interleaving lets a command be done twice (ADR 0017). A cached state that lacks the key may be
   * stale: deciding on it appends against its revision, which a stale entry fails, then rereads.
   */
  async handleCommand<Command, State, Event extends DomainEvent>(
    decider: Decider<Command, State, Event>,
    streamName: string,
    command: Command | CommandBuilder<Command, State>,
    context: CommandContext,
  ): Promise<CommandOutcome<State, Event>> {
    const build = typeof command === 'function' ? (command as CommandBuilder<Command, State>) : () => command;
    let conflict: ConcurrencyConflictError | undefined;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt += 1) {
      if (attempt > 1) await sleep(this.retry.delayMs(attempt));
      // A retry follows a refused append: the cached state (if that is what we used) was stale.
      const epoch = this.cache?.epoch() ?? 0;
      const cached = attempt === 1 ? this.cache?.get<State>(streamName, decider.evolve, 'write') : undefined;
      let { state, revision, headHash, idempotencyKeys } = cached ?? (await this.read(decider, streamName));
      const key = context.idempotencyKey;
      const repeated = (): CommandOutcome<State, Event> => ({ events: [], state, nextExpectedRevision: revision, attempts: attempt, repeated: true });
      if (key !== undefined && idempotencyKeys?.has(key)) return repeated();
      let events: Event[];
      try {
        events = decider.decide(await build(state), state);
        if (cached && events.length === 0) throw new NothingToDo();
      } catch (refusal) {
        // A refusal or a no-op judged on a cached state is judged again on a fresh read: the append's
        // expected revision only catches a stale state when the command was accepted.
        if (!cached) throw refusal;
        ({ state, revision, headHash, idempotencyKeys } = await this.read(decider, streamName));
        if (key !== undefined && idempotencyKeys?.has(key)) return repeated();
        events = decider.decide(await build(state), state);
      }
      if (events.length === 0) return { events: [], state, nextExpectedRevision: revision, attempts: attempt };
      try {
        const appended = await this.eventStore.append(streamName, events, { expectedRevision: revision, context, headHash });
        const next = events.reduce(decider.evolve, state);
        const newHead = appended.envelopes[appended.envelopes.length - 1]?.metadata.hash ?? null;
        // Added in place: a key only ever joins a set once its append succeeded, so whoever else holds
        // this set (an older entry of the same stream) learns a truth about the stream, never a guess.
        const keysAfter = key === undefined ? idempotencyKeys : (idempotencyKeys ?? new Set<string>()).add(key);
        this.cache?.store(streamName, { folder: decider.evolve, state: next, revision: appended.nextExpectedRevision, headHash: newHead, ...(keysAfter ? { idempotencyKeys: keysAfter } : {}) }, epoch);
        return {
          events: appended.envelopes,
          state: next,
          nextExpectedRevision: appended.nextExpectedRevision,
          position: appended.position,
          attempts: attempt,
        };
      } catch (error) {
        this.cache?.forget(streamName);
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        conflict = error;
        this.logger.debug({ msg: 'append conflicted, reloading', stream: streamName, attempt, actualRevision: error.actualRevision });
      }
    }
    throw new ConcurrencyConflictError(streamName, conflict!.expectedRevision, conflict!.actualRevision, this.retry.maxAttempts);
  }
}

/** Builds the command from the state it will be decided on (see handleCommand). */
export type CommandBuilder<Command, State> = (state: State) => Command | Promise<Command>;

/** A command that changes nothing, judged on a cached state (see handleCommand). */
class NothingToDo extends Error {}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
