import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { BACKWARDS, END, EventStoreDBClient, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AppendExpectedRevision, JSONEventData, ReadStreamOptions, RecordedEvent } from '@eventstore/db-client';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator, chainLinks } from '@handoff/shared';
import type { AllPosition, CommandContext, DomainEvent, EventEnvelope, RecordedEnvelope } from '../envelope/event-envelope';
import { deserializeEnvelope, serializeEnvelope } from '../envelope/event-serializer';
import { checkChainStep, isUndecodableRecord, Predecessor } from '../integrity/chain-check';
import { LedgerTamperedError } from '../integrity/ledger-tampered.error';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { ConcurrencyConflictError, ExpectedStreamRevision, StreamRevision } from './concurrency-conflict.error';
import { EVENTSTORE_CLIENT } from './tokens';

export interface StreamRead<E extends DomainEvent = DomainEvent> {
  streamName: string;
  /** The revision of the last event read, or `no_stream`: pass it as the expected revision. */
  revision: StreamRevision;
  events: RecordedEnvelope<E>[];
  /** The stored hash of the stream's last event (ADR 0004), null for no stream or an unchained event. */
  headHash: string | null;
}

/** Where a stream ends: its revision and the hash the next event must chain to. */
export interface StreamHead {
  revision: StreamRevision;
  headHash: string | null;
}

export interface AppendOutcome<E extends DomainEvent = DomainEvent> {
  envelopes: EventEnvelope<E>[];
  nextExpectedRevision: bigint;
  /** `$all` position of the append: wait for projections to pass it to read your own writes. */
  position?: AllPosition;
}

export class EventStoreClosedError extends Error {
  readonly code = 'EVENTSTORE.CLOSED';

  constructor() {
    super('the event store is shutting down and takes no more appends');
    this.name = 'EventStoreClosedError';
  }
}

const HEALTH_PROBE_STREAM = 'handoff-healthprobe';
/** Blind appends never conflicted before the chain; now they re-read the head, so allow a crowd of racers. */
const BLIND_APPEND_ATTEMPTS = 16;

/**
 * Serializes envelopes and writes each one's hash-chain link into its stored metadata (and into
 * the envelope, for the caller). The hash covers exactly the stored form, so recomputing it from
 * what is read back raw gives the same value (ADR 0004).
 */
function chained(streamName: string, envelopes: EventEnvelope[], headHash: string | null): JSONEventData[] {
  const stored = envelopes.map(serializeEnvelope);
  const links = chainLinks(
    stored.map((event, i) => ({
      streamName,
      eventId: event.id,
      type: event.type,
      schemaVersion: envelopes[i].schemaVersion,
      data: event.data,
      metadata: event.metadata as Record<string, unknown>,
    })),
    headHash,
  );
  return stored.map((event, i) => {
    envelopes[i].metadata.previousHash = links[i].previousHash;
    envelopes[i].metadata.hash = links[i].hash;
    return { ...event, metadata: metadataBytes({ ...(event.metadata as Record<string, unknown>), previousHash: links[i].previousHash, hash: links[i].hash }) };
  });
}

/**
 * Metadata handed to the client as the UTF-8 bytes of its JSON: the very bytes it would store for
 * the object, but client 6.2.1 turns an object into base64 that google-protobuf decodes one
 * character at a time, twice per event (14 of 35 us per append, measured). Read back, the client
 * parses these bytes as JSON as before. It checks for exactly Uint8Array, so not a Buffer.
 */
function metadataBytes(metadata: Record<string, unknown>): Uint8Array {
  const bytes = Buffer.from(JSON.stringify(metadata), 'utf8');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const storedHash = (metadata: unknown): string | null => {
  const hash = typeof metadata === 'object' && metadata !== null ? (metadata as { hash?: unknown }).hash : undefined;
  return typeof hash === 'string' ? hash : null;
};

/**
 * Handoff's only door to EventStoreDB for writing and reading streams. It wraps the process's
 * single long-lived client: client 6.2.1 keeps every client's pending BatchAppend calls in one
 * shared map, so disposing (or losing) any client rejects the appends of all of them. Hence one
 * client, and on shutdown we stop taking appends, wait for those in flight, and only then dispose.
 */
@Injectable()
export class EventStore implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing?: Promise<void>;

  constructor(
    @Inject(EVENTSTORE_CLIENT) private readonly client: EventStoreDBClient,
    private readonly upcasters: UpcasterRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Appends domain events, stamping each with an event id, its current schema version, the
   * context's who/why, the recorded time and its hash-chain link (ADR 0004). A stale expected
   * revision throws ConcurrencyConflictError carrying the actual revision reported by the server.
   *
   * The links chain to `headHash` when the caller read the stream at `expectedRevision` (the
   * aggregate repository does); otherwise the stream's last event is read here. Either way the
   * append uses an exact expected revision, so a concurrent writer makes it fail instead of
   * forking the chain. `any` and `stream_exists` appends are blind: they re-read the head and
   * retry a few times on a conflict, as the caller asked for no particular revision.
   */
  async append<E extends DomainEvent>(
    streamName: string,
    events: E[],
    options: { expectedRevision: ExpectedStreamRevision; context: CommandContext; headHash?: string | null },
  ): Promise<AppendOutcome<E>> {
    if (this.closing) throw new EventStoreClosedError();
    const { expectedRevision } = options;
    if (expectedRevision === 'any' || expectedRevision === 'stream_exists') return this.appendBlind(streamName, events, expectedRevision, options.context);
    const headHash = options.headHash !== undefined ? options.headHash : expectedRevision === NO_STREAM ? null : await this.headHashAt(streamName, expectedRevision);
    return this.appendChained(streamName, events, { expectedRevision, context: options.context, headHash });
  }

  private async appendBlind<E extends DomainEvent>(streamName: string, events: E[], expected: 'any' | 'stream_exists', context: CommandContext): Promise<AppendOutcome<E>> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.readHead(streamName);
      // No stream and "must exist": let the server give its own refusal.
      const expectedRevision = head.revision === NO_STREAM && expected === 'stream_exists' ? 'stream_exists' : head.revision;
      try {
        return await this.appendChained(streamName, events, { expectedRevision, context, headHash: head.headHash });
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || expectedRevision === 'stream_exists' || attempt >= BLIND_APPEND_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5 * attempt)));
      }
    }
  }

  private async appendChained<E extends DomainEvent>(
    streamName: string,
    events: E[],
    options: { expectedRevision: ExpectedStreamRevision; context: CommandContext; headHash: string | null },
  ): Promise<AppendOutcome<E>> {
    const recordedAt = this.clock.nowIso();
    const envelopes: EventEnvelope<E>[] = events.map((event) => ({
      type: event.type,
      schemaVersion: this.upcasters.currentVersion(event.type),
      data: event.data,
      metadata: {
        eventId: this.ids.next(),
        correlationId: options.context.correlationId,
        causationId: options.context.causationId,
        actor: options.context.actor,
        occurredAt: options.context.occurredAt ?? recordedAt,
        recordedAt,
        ...(options.context.idempotencyKey === undefined ? {} : { idempotencyKey: options.context.idempotencyKey }),
      },
    }));
    const stored = chained(streamName, envelopes, options.headHash);
    // Keep the client's default throwOnAppendFailure: with it off, BatchAppend conflicts report a
    // wrong nextExpectedRevision in 6.2.1, while the thrown error carries the true one.
    const pending = this.client.appendToStream(streamName, stored, {
      expectedRevision: options.expectedRevision as AppendExpectedRevision,
    });
    this.inFlight.add(pending);
    try {
      const result = await pending;
      return { envelopes, nextExpectedRevision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new ConcurrencyConflictError(streamName, options.expectedRevision, error.actualVersion, 1);
      }
      throw error;
    } finally {
      this.inFlight.delete(pending);
    }
  }

  /**
   * Reads a stream forwards (from the start unless told otherwise) into upcast envelopes, verifying
   * its hash chain on the events as stored (ADR 0012): each one's own hash, its link to the one
   * before and contiguous revisions. A read that fails verification throws LedgerTamperedError, so
   * nothing is ever decided on a forged or mutilated stream. (From a revision, the first event's
   * link cannot be checked; its own hash and the links after it are.)
   */
  async readStream<E extends DomainEvent = DomainEvent>(streamName: string, options: { fromRevision?: bigint; maxCount?: number } = {}): Promise<StreamRead<E>> {
    const events: RecordedEnvelope<E>[] = [];
    let previous: Predecessor = options.fromRevision ? 'unknown' : 'start';
    try {
      for await (const resolved of this.client.readStream(streamName, { fromRevision: options.fromRevision, maxCount: options.maxCount })) {
        if (!resolved.event) continue;
        const step = checkChainStep(resolved.event, previous, streamName);
        if (!step.ok) throw new LedgerTamperedError(step.finding);
        previous = step.head;
        events.push(deserializeEnvelope(resolved.event, this.upcasters) as RecordedEnvelope<E>);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { streamName, revision: NO_STREAM, events: [], headHash: null };
      if (error instanceof LedgerTamperedError) throw error;
      if (isUndecodableRecord(error)) {
        const revision = typeof previous === 'object' ? previous.revision + 1n : (options.fromRevision ?? 0n);
        throw new LedgerTamperedError({ stream: streamName, revision: String(revision), eventId: null, position: null, problem: 'undecodable', detail: (error as Error).message });
      }
      throw error;
    }
    const last = events[events.length - 1];
    return { streamName, revision: last ? last.revision : NO_STREAM, events, headHash: last ? (last.metadata.hash ?? null) : null };
  }

  /** The stream's last revision and stored hash, from one backwards read of one event. */
  async readHead(streamName: string): Promise<StreamHead> {
    const [last] = await this.readRaw(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? { revision: last.revision, headHash: storedHash(last.metadata) } : { revision: NO_STREAM, headHash: null };
  }

  /** The hash stored on the event at `revision` (what an append expecting that revision chains to). */
  private async headHashAt(streamName: string, revision: bigint): Promise<string | null> {
    const [event] = await this.readRaw(streamName, { fromRevision: revision, maxCount: 1 });
    // No such event: the append will fail on its expected revision anyway.
    return event ? storedHash(event.metadata) : null;
  }

  /**
   * Events as stored, read to the end of the (bounded) read: leaving a read early cancels its
   * gRPC call, which the client then waits on when disposed.
   */
  private async readRaw(streamName: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, options)) if (resolved.event) events.push(resolved.event);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }

  /**
   * Proves the server answers: one cheap read that either returns or says "no such stream".
   * Bounded by `timeoutMs` even if the client keeps trying to reconnect.
   */
  async ping(timeoutMs = 1_000): Promise<{ latencyMs: number }> {
    const started = performance.now();
    const probe = (async () => {
      try {
        for await (const _ of this.client.readStream(HEALTH_PROBE_STREAM, { maxCount: 1, deadline: timeoutMs })) break;
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the event store within ${timeoutMs} ms`)), timeoutMs);
    });
    probe.catch(() => undefined); // the loser of the race must not become an unhandled rejection
    try {
      await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return { latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  /** Waits for appends in flight, then disposes the client. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.inFlight.size > 0) this.logger.log({ msg: 'waiting for appends in flight', count: this.inFlight.size });
      await Promise.allSettled([...this.inFlight]);
      await this.client.dispose();
    })();
    return this.closing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
