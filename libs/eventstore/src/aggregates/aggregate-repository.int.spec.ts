import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, NO_STREAM } from '@eventstore/db-client';
import type { TestingModule } from '@nestjs/testing';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '@handoff/shared';
import { eventStoreTestingModule } from '../../../../test/support/event-store-testing-module';
import { TestEventStore, startTestEventStore } from '../../../../test/support/embedded-event-store.fixture';
import { sealedEvents } from '../integrity/sealed-events';
import type { CommandContext, DomainEvent } from '../envelope/event-envelope';
import { ConcurrencyConflictError } from '../store/concurrency-conflict.error';
import { EventStore, StreamRead } from '../store/event-store';
import { EVENTSTORE_CLIENT } from '../store/tokens';
import { streamName } from '../streams/stream-name';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { AggregateRepository } from './aggregate-repository';
import type { Decider } from '@handoff/kernel';

jest.setTimeout(60_000);

// A toy hub intake counter: opened once, takes parcels up to a hard cap.
type IntakeEvent = DomainEvent<'IntakeOpened', { hubId: string; cap: number }> | DomainEvent<'ParcelsTakenIn', { count: number }>;
type IntakeCommand = { kind: 'open'; hubId: string; cap: number } | { kind: 'takeIn'; count: number };
type Intake = { status: 'closed' } | { status: 'open'; cap: number; taken: number };

class IntakeFullError extends Error {
  readonly code = 'INTAKE.FULL';
}

const intake: Decider<IntakeCommand, Intake, IntakeEvent> = {
  initialState: () => ({ status: 'closed' }),
  decide: (command, state) => {
    switch (command.kind) {
      case 'open':
        return state.status === 'open' ? [] : [{ type: 'IntakeOpened', data: { hubId: command.hubId, cap: command.cap } }];
      case 'takeIn':
        if (state.status !== 'open') throw new Error('intake is not open');
        if (state.taken + command.count > state.cap) throw new IntakeFullError(`only ${state.cap - state.taken} more fit`);
        return [{ type: 'ParcelsTakenIn', data: { count: command.count } }];
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'IntakeOpened':
        return { status: 'open', cap: event.data.cap, taken: 0 };
      case 'ParcelsTakenIn':
        return state.status === 'open' ? { ...state, taken: state.taken + event.data.count } : state;
    }
  },
};

const context: CommandContext = {
  correlationId: 'req-1',
  causationId: 'cmd-1',
  actor: { kind: 'coordinator', id: 'coord-1' },
  occurredAt: '2025-05-01T08:00:00.000Z',
};

/** A real EventStore that lets another writer slip in right after a load, `times` times. */
class InterleavingEventStore extends EventStore {
  times = 0;
  override async readStream<E extends DomainEvent>(stream: string, options?: { fromRevision?: bigint; maxCount?: number }): Promise<StreamRead<E>> {
    const read = await super.readStream<E>(stream, options);
    if (this.times > 0) {
      this.times -= 1;
      await this.append(stream, [{ type: 'ParcelsTakenIn', data: { count: 1 } }], { expectedRevision: read.revision, context: { ...context, correlationId: 'other-writer' } });
    }
    return read;
  }
}

describe('AggregateRepository against the embedded server', () => {
  let server: TestEventStore;
  let module: TestingModule;
  let repository: AggregateRepository;
  let store: EventStore;
  let client: EventStoreDBClient;
  let upcasters: UpcasterRegistry;
  const noDelay = { delayMs: () => 0 };

  beforeAll(async () => {
    server = await startTestEventStore();
    ({ module } = await eventStoreTestingModule(server.connectionString));
    repository = module.get(AggregateRepository);
    store = module.get(EventStore);
    client = module.get(EVENTSTORE_CLIENT);
    upcasters = module.get(UpcasterRegistry);
  });

  afterAll(async () => {
    await module?.close();
    await server?.dispose();
  });

  const newStream = () => streamName('intake', randomUUID());
  const open = (stream: string, cap = 100) => repository.handleCommand(intake, stream, { kind: 'open', hubId: 'north', cap }, context);
  const takeIn = (repo: AggregateRepository, stream: string, count = 1) => repo.handleCommand(intake, stream, { kind: 'takeIn', count }, context);
  const withPolicy = (maxAttempts: number, eventStore: EventStore = store) => new AggregateRepository(eventStore, { retry: { maxAttempts, ...noDelay } });
  const sharingTheClient = () => new InterleavingEventStore(client, upcasters, module.get<Clock>(CLOCK), module.get<IdGenerator>(ID_GENERATOR));

  it('creates a stream with no_stream and reports revision, position and state', async () => {
    const stream = newStream();
    const outcome = await open(stream, 55);
    expect(outcome.events.map((e) => [e.type, e.data])).toEqual([['IntakeOpened', { hubId: 'north', cap: 55 }]]);
    expect(outcome.nextExpectedRevision).toBe(0n);
    expect(outcome.position).toEqual({ commit: expect.any(BigInt), prepare: expect.any(BigInt) });
    expect(outcome.state).toEqual({ status: 'open', cap: 55, taken: 0 });
    expect(outcome.attempts).toBe(1);
    expect(await repository.load(intake, stream)).toEqual({ state: { status: 'open', cap: 55, taken: 0 }, revision: 0n, headHash: outcome.events[0].metadata.hash });
  });

  it('folds existing events before deciding, and appends at the exact next revision', async () => {
    const stream = newStream();
    await open(stream, 3);
    await takeIn(repository, stream, 2);
    const outcome = await takeIn(repository, stream, 1);
    expect(outcome.nextExpectedRevision).toBe(2n);
    expect(outcome.state).toEqual({ status: 'open', cap: 3, taken: 3 });
    await expect(takeIn(repository, stream, 1)).rejects.toMatchObject({ code: 'INTAKE.FULL' });
    expect((await store.readStream(stream)).revision).toBe(2n);
  });

  it('appends nothing for a command that changes nothing', async () => {
    const stream = newStream();
    await open(stream);
    const again = await open(stream);
    expect(again).toMatchObject({ events: [], nextExpectedRevision: 0n, attempts: 1 });
    expect(again.position).toBeUndefined();
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('records the command context on every event', async () => {
    const stream = newStream();
    const outcome = await open(stream);
    const [stored] = (await store.readStream(stream)).events;
    expect(stored.metadata).toEqual({ ...outcome.events[0].metadata, correlationId: 'req-1', causationId: 'cmd-1', actor: context.actor, occurredAt: context.occurredAt });
    expect(stored.metadata.recordedAt).toBe('2025-05-01T10:00:00.000Z');
  });

  it('reloads and decides again when another writer got in first', async () => {
    const stream = newStream();
    await open(stream, 10);
    const interleaving = sharingTheClient();
    interleaving.times = 1;
    const outcome = await takeIn(withPolicy(4, interleaving), stream, 5);
    expect(outcome.attempts).toBe(2);
    expect(outcome.state).toEqual({ status: 'open', cap: 10, taken: 6 });
    expect((await store.readStream(stream)).events.map((e) => e.metadata.correlationId)).toEqual(['req-1', 'other-writer', 'req-1']);
  });

  it('re-judges the command on retry: the newer state may refuse it', async () => {
    const stream = newStream();
    await open(stream, 5);
    const interleaving = sharingTheClient();
    interleaving.times = 1;
    await expect(takeIn(withPolicy(4, interleaving), stream, 5)).rejects.toMatchObject({ code: 'INTAKE.FULL' });
  });

  it('gives up with ConcurrencyConflictError after the allowed attempts, having written nothing of its own', async () => {
    const stream = newStream();
    await open(stream, 100);
    const interleaving = sharingTheClient();
    interleaving.times = 3;
    const attempt = takeIn(withPolicy(3, interleaving), stream, 7);
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(attempt).rejects.toMatchObject({ streamName: stream, attempts: 3, expectedRevision: 2n, actualRevision: 3n });
    const read = await store.readStream(stream);
    expect(read.events.map((e) => e.metadata.correlationId)).toEqual(['req-1', 'other-writer', 'other-writer', 'other-writer']);
  });

  it('concurrent commands on one stream all succeed through retries, with no gaps in revisions', async () => {
    const stream = newStream();
    await open(stream, 1_000);
    const writers = 12;
    const outcomes = await Promise.all(Array.from({ length: writers }, () => takeIn(withPolicy(writers + 1), stream, 1)));
    expect(outcomes.reduce((retries, o) => retries + o.attempts - 1, 0)).toBeGreaterThan(0);
    const read = await store.readStream(stream);
    expect(read.events.map((e) => e.revision)).toEqual(Array.from({ length: writers + 1 }, (_, i) => BigInt(i)));
    expect((await repository.load(intake, stream)).state).toEqual({ status: 'open', cap: 1_000, taken: writers });
    expect(new Set(outcomes.map((o) => o.nextExpectedRevision)).size).toBe(writers);
  });

  it('without retries, exactly one of the concurrent commands wins and the rest get ConcurrencyConflictError', async () => {
    const stream = newStream();
    await open(stream, 1_000);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => takeIn(withPolicy(1), stream, 1)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(5);
    for (const { reason } of lost) {
      expect(reason).toBeInstanceOf(ConcurrencyConflictError);
      expect(reason).toMatchObject({ expectedRevision: 0n, actualRevision: 1n, attempts: 1 });
    }
    expect((await store.readStream(stream)).revision).toBe(1n);
  });

  it('folds old event versions through the upcasters', async () => {
    const stream = newStream();
    // An earlier release stored the cap as `limit`.
    await client.appendToStream(stream, sealedEvents(stream, [{ type: 'IntakeOpened', data: { hubId: 'south', limit: 2 }, metadata: { schemaVersion: 1 } }]), {
      expectedRevision: NO_STREAM,
    });
    upcasters.register('IntakeOpened', 1, ({ limit, ...rest }: { hubId: string; limit: number }) => ({ ...rest, cap: limit }));
    await takeIn(repository, stream, 2);
    await expect(takeIn(repository, stream, 1)).rejects.toMatchObject({ code: 'INTAKE.FULL' });
    expect((await repository.load(intake, stream)).state).toEqual({ status: 'open', cap: 2, taken: 2 });
  });
});
