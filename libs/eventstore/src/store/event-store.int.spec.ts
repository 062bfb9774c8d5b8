import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, NO_STREAM } from '@eventstore/db-client';
import type { TestingModule } from '@nestjs/testing';
import { eventStoreTestingModule } from '../../../../test/support/event-store-testing-module';
import { TestEventStore, startTestEventStore } from '../../../../test/support/embedded-event-store.fixture';
import { sealedEvents } from '../integrity/sealed-events';
import type { CommandContext, DomainEvent } from '../envelope/event-envelope';
import { streamName } from '../streams/stream-name';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import { EventStore, EventStoreClosedError } from './event-store';
import { EVENTSTORE_CLIENT } from './tokens';

jest.setTimeout(30_000);

type TestEvent = DomainEvent<'TotePacked', { toteId: string; parcels: number }> | DomainEvent<'ToteSealed', { toteId: string }>;

const context: CommandContext = {
  correlationId: 'req-42',
  causationId: 'cmd-7',
  actor: { kind: 'coordinator', id: 'coord-1' },
  occurredAt: '2025-05-01T09:58:00.000Z',
};

describe('EventStore against the embedded server', () => {
  let server: TestEventStore;
  let module: TestingModule;
  let store: EventStore;
  let client: EventStoreDBClient;
  let upcasters: UpcasterRegistry;

  beforeAll(async () => {
    server = await startTestEventStore();
    ({ module } = await eventStoreTestingModule(server.connectionString));
    store = module.get(EventStore);
    client = module.get(EVENTSTORE_CLIENT);
    upcasters = module.get(UpcasterRegistry);
  });

  afterAll(async () => {
    await module?.close();
    await server?.dispose();
  });

  const newStream = () => streamName('tote', randomUUID());

  it('reads a stream that does not exist as no_stream with no events', async () => {
    expect(await store.readStream(newStream())).toEqual(expect.objectContaining({ revision: NO_STREAM, events: [] }));
  });

  it('appends to a new stream and reads back typed envelopes with revisions and $all positions', async () => {
    const stream = newStream();
    const outcome = await store.append<TestEvent>(
      stream,
      [
        { type: 'TotePacked', data: { toteId: 't1', parcels: 12 } },
        { type: 'ToteSealed', data: { toteId: 't1' } },
      ],
      { expectedRevision: NO_STREAM, context },
    );
    expect(outcome.nextExpectedRevision).toBe(1n);
    expect(outcome.position).toEqual({ commit: expect.any(BigInt), prepare: expect.any(BigInt) });

    const read = await store.readStream<TestEvent>(stream);
    expect(read.revision).toBe(1n);
    expect(read.events.map((e) => [e.type, e.revision, e.data])).toEqual([
      ['TotePacked', 0n, { toteId: 't1', parcels: 12 }],
      ['ToteSealed', 1n, { toteId: 't1' }],
    ]);
    expect(read.events.map((e) => e.metadata.eventId)).toEqual(outcome.envelopes.map((e) => e.metadata.eventId));
    const [first, second] = read.events.map((e) => e.position!);
    expect(first.commit).toBeLessThanOrEqual(second.commit);
    expect(second.commit).toBeLessThanOrEqual(outcome.position!.commit);
  });

  it('records the metadata: event id, correlation, causation, actor, domain time and recorded time', async () => {
    const stream = newStream();
    const outcome = await store.append(stream, [{ type: 'TotePacked', data: { toteId: 't2', parcels: 1 } }], { expectedRevision: NO_STREAM, context });
    const [envelope] = (await store.readStream(stream)).events;
    expect(envelope.schemaVersion).toBe(1);
    expect(envelope.metadata).toEqual({
      eventId: outcome.envelopes[0].metadata.eventId,
      correlationId: 'req-42',
      causationId: 'cmd-7',
      actor: { kind: 'coordinator', id: 'coord-1' },
      occurredAt: '2025-05-01T09:58:00.000Z',
      recordedAt: '2025-05-01T10:00:00.000Z',
      previousHash: null,
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(envelope.metadata.eventId).toMatch(/^00000000-0000-4000-8000-/);

    // And the stored bytes, as any other EventStoreDB client would see them.
    for await (const resolved of client.readStream(stream)) {
      expect(resolved.event?.id).toBe(outcome.envelopes[0].metadata.eventId);
      expect(resolved.event?.metadata).toEqual({
        schemaVersion: 1,
        $correlationId: 'req-42',
        $causationId: 'cmd-7',
        actor: { kind: 'coordinator', id: 'coord-1' },
        occurredAt: '2025-05-01T09:58:00.000Z',
        recordedAt: '2025-05-01T10:00:00.000Z',
        previousHash: null,
        hash: outcome.envelopes[0].metadata.hash,
      });
    }
  });

  it('uses the recorded time as domain time when the context gives none', async () => {
    const stream = newStream();
    const { occurredAt: _omitted, ...withoutTime } = context;
    await store.append(stream, [{ type: 'ToteSealed', data: { toteId: 't3' } }], { expectedRevision: NO_STREAM, context: withoutTime });
    const [envelope] = (await store.readStream(stream)).events;
    expect(envelope.metadata.occurredAt).toBe('2025-05-01T10:00:00.000Z');
  });

  it('refuses a stale expected revision with ConcurrencyConflictError carrying the actual revision', async () => {
    const stream = newStream();
    await store.append(stream, [{ type: 'TotePacked', data: { toteId: 't4', parcels: 2 } }], { expectedRevision: NO_STREAM, context });
    await store.append(stream, [{ type: 'TotePacked', data: { toteId: 't4', parcels: 3 } }], { expectedRevision: 0n, context });

    const stale = store.append(stream, [{ type: 'ToteSealed', data: { toteId: 't4' } }], { expectedRevision: 0n, context });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(stale).rejects.toMatchObject({ streamName: stream, expectedRevision: 0n, actualRevision: 1n, code: 'EVENTSTORE.CONCURRENCY_CONFLICT' });

    const created = store.append(stream, [{ type: 'ToteSealed', data: { toteId: 't4' } }], { expectedRevision: NO_STREAM, context });
    await expect(created).rejects.toMatchObject({ expectedRevision: NO_STREAM, actualRevision: 1n });
    expect((await store.readStream(stream)).events).toHaveLength(2);
  });

  it('upcasts old schema versions on read and stamps new writes with the current version', async () => {
    const stream = newStream();
    // A v1 event as an earlier release wrote it: parcel count was called `count`.
    await client.appendToStream(
      stream,
      sealedEvents(stream, [
        {
          type: 'ToteWeighed',
          data: { toteId: 't5', grams: 1200 },
          metadata: {
            schemaVersion: 1,
            $correlationId: 'old',
            $causationId: 'old',
            actor: { kind: 'system', id: 'v1' },
            occurredAt: '2024-01-01T00:00:00.000Z',
            recordedAt: '2024-01-01T00:00:00.000Z',
          },
        },
      ]),
      { expectedRevision: NO_STREAM },
    );
    upcasters.register('ToteWeighed', 1, (data: { toteId: string; grams: number }) => ({ toteId: data.toteId, weight: { value: data.grams, unit: 'g' } }));

    await store.append(stream, [{ type: 'ToteWeighed', data: { toteId: 't5', weight: { value: 900, unit: 'g' } } }], { expectedRevision: 0n, context });
    const read = await store.readStream(stream);
    expect(read.events.map((e) => [e.schemaVersion, e.data])).toEqual([
      [2, { toteId: 't5', weight: { value: 1200, unit: 'g' } }],
      [2, { toteId: 't5', weight: { value: 900, unit: 'g' } }],
    ]);
    expect(read.events[0].metadata.correlationId).toBe('old');
  });

  it('reads from a revision with a maximum count', async () => {
    const stream = newStream();
    const events = Array.from({ length: 5 }, (_, i) => ({ type: 'TotePacked', data: { toteId: 't6', parcels: i } }));
    await store.append(stream, events, { expectedRevision: NO_STREAM, context });
    const read = await store.readStream(stream, { fromRevision: 2n, maxCount: 2 });
    expect(read.events.map((e) => e.revision)).toEqual([2n, 3n]);
    expect(read.revision).toBe(3n);
  });

  it('answers a health ping', async () => {
    const { latencyMs } = await store.ping(2_000);
    expect(latencyMs).toBeGreaterThanOrEqual(0);
  });

  // Last: closes the module's only client.
  it('on close, lets appends in flight finish, then refuses new ones', async () => {
    const stream = newStream();
    await store.append(stream, [{ type: 'TotePacked', data: { toteId: 't7', parcels: 0 } }], { expectedRevision: NO_STREAM, context });
    const inFlight = Array.from({ length: 20 }, (_, i) => store.append(newStream(), [{ type: 'TotePacked', data: { toteId: `t7-${i}`, parcels: i } }], { expectedRevision: NO_STREAM, context }));
    const closed = store.close();
    const outcomes = await Promise.allSettled(inFlight);
    await closed;
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    await expect(store.append(stream, [{ type: 'ToteSealed', data: { toteId: 't7' } }], { expectedRevision: 0n, context })).rejects.toBeInstanceOf(EventStoreClosedError);
  });
});
