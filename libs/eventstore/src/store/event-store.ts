import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventStoreDBClient, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AppendExpectedRevision } from '@eventstore/db-client';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '@handoff/shared';
import type { AllPosition, CommandContext, DomainEvent, EventEnvelope, RecordedEnvelope } from '../envelope/event-envelope';
import { deserializeEnvelope, serializeEnvelope } from '../envelope/event-serializer';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { ConcurrencyConflictError, ExpectedStreamRevision, StreamRevision } from './concurrency-conflict.error';
import { EVENTSTORE_CLIENT } from './tokens';

export interface StreamRead<E extends DomainEvent = DomainEvent> {
  streamName: string;
  /** The revision of the last event read, or `no_stream`: pass it as the expected revision. */
  revision: StreamRevision;
  events: RecordedEnvelope<E>[];
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
   * context's who/why and the recorded time. A stale expected revision throws
   * ConcurrencyConflictError carrying the actual revision reported by the server.
   */
  async append<E extends DomainEvent>(
    streamName: string,
    events: E[],
    options: { expectedRevision: ExpectedStreamRevision; context: CommandContext },
  ): Promise<AppendOutcome<E>> {
    if (this.closing) throw new EventStoreClosedError();
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
      },
    }));
    // Keep the client's default throwOnAppendFailure: with it off, BatchAppend conflicts report a
    // wrong nextExpectedRevision in 6.2.1, while the thrown error carries the true one.
    const pending = this.client.appendToStream(streamName, envelopes.map(serializeEnvelope), {
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

  /** Reads a stream forwards (from the start unless told otherwise) into upcast envelopes. */
  async readStream<E extends DomainEvent = DomainEvent>(
    streamName: string,
    options: { fromRevision?: bigint; maxCount?: number } = {},
  ): Promise<StreamRead<E>> {
    const events: RecordedEnvelope<E>[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { fromRevision: options.fromRevision, maxCount: options.maxCount })) {
        if (resolved.event) events.push(deserializeEnvelope(resolved.event, this.upcasters) as RecordedEnvelope<E>);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { streamName, revision: NO_STREAM, events: [] };
      throw error;
    }
    const last = events[events.length - 1];
    return { streamName, revision: last ? last.revision : NO_STREAM, events };
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
