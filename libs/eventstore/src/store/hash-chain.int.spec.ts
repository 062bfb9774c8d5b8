import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, NO_STREAM, jsonEvent } from '@eventstore/db-client';
import type { JSONType, RecordedEvent } from '@eventstore/db-client';
import type { TestingModule } from '@nestjs/testing';
import { HashableEvent, verifyHashChain } from '@handoff/shared';
import { eventStoreTestingModule } from '../../../../test/support/event-store-testing-module';
import { TestEventStore, startTestEventStore } from '../../../../test/support/embedded-event-store.fixture';
import { AggregateRepository } from '../aggregates/aggregate-repository';
import type { Decider } from '@handoff/kernel';
import type { CommandContext, DomainEvent } from '../envelope/event-envelope';
import { streamName } from '../streams/stream-name';
import { EventStore } from './event-store';
import { EVENTSTORE_CLIENT } from './tokens';

jest.setTimeout(30_000);

type Packed = DomainEvent<'TotePacked', { toteId: string; parcels: number; note?: string }>;
const context: CommandContext = { correlationId: 'req-1', causationId: 'cmd-1', actor: { kind: 'coordinator', id: 'coord-1' } };
const packed = (parcels: number): Packed => ({ type: 'TotePacked', data: { toteId: 't', parcels } });

/** Reads a stream raw, as an auditor's export would: stored data, version and metadata, before upcasting. */
async function readRaw(client: EventStoreDBClient, stream: string): Promise<HashableEvent[]> {
  const events: HashableEvent[] = [];
  for await (const resolved of client.readStream(stream)) events.push(hashable(resolved.event!));
  return events;
}

const hashable = (event: RecordedEvent): HashableEvent => {
  const metadata = event.metadata as Record<string, unknown>;
  return { streamName: event.streamId, eventId: event.id, type: event.type, schemaVersion: Number(metadata.schemaVersion), data: event.data, metadata };
};

describe('the hash chain written by the append path (ADR 0004)', () => {
  let server: TestEventStore;
  let module: TestingModule;
  let store: EventStore;
  let repository: AggregateRepository;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    server = await startTestEventStore();
    ({ module } = await eventStoreTestingModule(server.connectionString));
    store = module.get(EventStore);
    repository = module.get(AggregateRepository);
    client = module.get(EVENTSTORE_CLIENT);
  });

  afterAll(async () => {
    await module?.close();
    await server?.dispose();
  });

  it('chains every batch to the last stored hash, whichever way the revision was given', async () => {
    const stream = streamName('tote', randomUUID());
    const first = await store.append(stream, [packed(1), packed(2)], { expectedRevision: NO_STREAM, context });
    await store.append(stream, [packed(3)], { expectedRevision: first.nextExpectedRevision, context }); // head read here
    await store.append(stream, [packed(4), packed(5)], { expectedRevision: 'any', context });
    await store.append(stream, [packed(6)], { expectedRevision: 'stream_exists', context });

    const raw = await readRaw(client, stream);
    expect(raw).toHaveLength(6);
    expect(raw[0].metadata.previousHash).toBeNull();
    const verification = verifyHashChain(raw);
    expect(verification).toEqual({ valid: true, eventCount: 6, headHash: raw[5].metadata.hash });
    expect(first.envelopes[1].metadata.hash).toBe(raw[1].metadata.hash);
    expect((await store.readStream(stream)).headHash).toBe(raw[5].metadata.hash);
  });

  it('chains the appends of the aggregate repository, one per decision', async () => {
    const stream = streamName('tote', randomUUID());
    const counter: Decider<{ add: number }, number, Packed> = {
      initialState: () => 0,
      evolve: (total, event) => total + event.data.parcels,
      decide: (command, total) => [{ type: 'TotePacked', data: { toteId: 't', parcels: command.add, note: `after ${total}` } }],
    };
    for (let i = 1; i <= 5; i += 1) await repository.handleCommand(counter, stream, { add: i }, context);
    const raw = await readRaw(client, stream);
    expect(verifyHashChain(raw)).toMatchObject({ valid: true, eventCount: 5 });
  });

  it('keeps one chain when writers race: the loser re-reads and chains after the winner', async () => {
    const stream = streamName('tote', randomUUID());
    await store.append(stream, [packed(0)], { expectedRevision: NO_STREAM, context });
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(stream, [packed(i)], { expectedRevision: 'any', context })));
    const raw = await readRaw(client, stream);
    expect(raw).toHaveLength(9);
    expect(verifyHashChain(raw)).toMatchObject({ valid: true, eventCount: 9 });
  });

  it('detects an altered event: the same events copied with one data field changed', async () => {
    const stream = streamName('tote', randomUUID());
    await store.append(stream, [packed(1), packed(2), packed(3)], { expectedRevision: NO_STREAM, context });
    const original = await readRaw(client, stream);

    // Copy the stored events byte for byte into another stream with the raw client, editing one.
    const copy = streamName('tote', randomUUID());
    const forged = original.map((event, i) =>
      jsonEvent({
        id: randomUUID(),
        type: event.type,
        data: (i === 1 ? { ...(event.data as object), parcels: 200 } : event.data) as JSONType,
        metadata: event.metadata as JSONType,
      }),
    );
    await client.appendToStream(copy, forged, { expectedRevision: NO_STREAM });
    const tampered = (await readRaw(client, copy)).map((event, i) => ({ ...event, streamName: stream, eventId: original[i].eventId }));

    expect(verifyHashChain(original)).toMatchObject({ valid: true });
    expect(verifyHashChain(tampered)).toMatchObject({ valid: false, index: 1, problem: 'hash-mismatch' });
    // A deletion in the middle breaks the next link.
    expect(verifyHashChain([original[0], original[2]])).toMatchObject({ valid: false, index: 1, problem: 'previous-hash-mismatch' });
    // And the copy as it is (other stream, other ids) does not verify either.
    expect(verifyHashChain(await readRaw(client, copy))).toMatchObject({ valid: false, index: 0, problem: 'hash-mismatch' });
  });
});
