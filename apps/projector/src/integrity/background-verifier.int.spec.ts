import { randomUUID } from 'node:crypto';
import { jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { EventStore, IntegrityAlarm, readIntegritySummary, recordFinding, sealedEvents } from '@handoff/eventstore';
import { eventStoreTestingModule } from '../../../../test/support/event-store-testing-module';
import { ReadSide, startReadSide } from '../../../../test/projections/support/read-side.fixture';
import { BackgroundVerifier } from './background-verifier';

jest.setTimeout(90_000);

/** The incremental verifier: each new event's own hash and its link to its stream's previous one, from a checkpoint. */
describe('BackgroundVerifier, incrementally', () => {
  let side: ReadSide;
  let store: EventStore;
  let close: () => Promise<void>;
  const context = { correlationId: 'c', causationId: 'c', actor: { kind: 'courier', id: 'ana' } };

  beforeAll(async () => {
    side = await startReadSide();
    const { module } = await eventStoreTestingModule(side.eventStore.connectionString);
    store = module.get(EventStore);
    close = () => module.close();
  });

  afterAll(async () => {
    await close?.();
    await side?.dispose();
  });

  it('verifies new events from its checkpoint and names an unchained event and a forged link', async () => {
    const db = side.mongo.db('integrity');
    const alarm = new IntegrityAlarm();
    alarm.listen((finding, source) => recordFinding(db, finding, source));
    const verifier = new BackgroundVerifier({ db, client: side.client, alarm, owner: 'test', fullPassIntervalMs: 60_000, pageSize: 7 });
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()].map((id) => `parcel-${id}`);
    for (const stream of [a, b, c])
      await store.append(
        stream,
        [
          { type: 'ParcelRegistered', data: { n: 1 } },
          { type: 'ParcelHandoffAccepted', data: { n: 2 } },
        ],
        { expectedRevision: NO_STREAM, context },
      );

    expect(await verifier.catchUp()).toEqual([]);
    const first = await readIntegritySummary(db);
    expect(first).toMatchObject({ findings: 0, eventsVerified: 6, verifiedPosition: expect.any(String) });

    // Appended after the checkpoint: a good event, one without hash fields, one whose link skips its predecessor.
    await store.append(a, [{ type: 'ParcelDelivered', data: { n: 3 } }], { expectedRevision: 'any', context });
    const unchained = jsonEvent({ type: 'ParcelDelivered', data: { holder: 'eve' } });
    await side.client.appendToStream(b, unchained);
    const [forged] = sealedEvents(c, [{ type: 'ParcelDelivered', data: { holder: 'eve' }, metadata: { schemaVersion: 1 } }], 'sha256:not-the-head');
    await side.client.appendToStream(c, forged!);

    // A verifier of another process (or this one restarted) goes on from the heads and checkpoint the
    // first wrote back, checkpointing after every page: nothing in the first one's memory is needed.
    const restarted = new BackgroundVerifier({ db, client: side.client, alarm, owner: 'test', fullPassIntervalMs: 60_000, pageSize: 2, checkpointEveryMs: 0 });
    const found = await restarted.catchUp();
    expect(found).toEqual([
      expect.objectContaining({ stream: b, revision: '2', eventId: unchained.id, problem: 'missing-hash' }),
      expect.objectContaining({ stream: c, revision: '2', eventId: forged!.id, problem: 'broken-link' }),
    ]);
    const summary = await readIntegritySummary(db);
    expect(summary).toMatchObject({ state: 'failed', findings: 2, eventsVerified: 9 });
    expect(BigInt(summary.verifiedPosition!)).toBeGreaterThan(BigInt(first.verifiedPosition!));
    expect(summary.failures.map((f) => [f.stream, f.problem, f.sources])).toEqual([
      [b, 'missing-hash', ['background']],
      [c, 'broken-link', ['background']],
    ]);
    // Nothing new: nothing found again, also by the first verifier, whose heads in memory are now behind.
    expect(await restarted.catchUp()).toEqual([]);
    await store.append(a, [{ type: 'ParcelReturnedToSender', data: { n: 4 } }], { expectedRevision: 'any', context });
    expect(await verifier.catchUp()).toEqual([]);
    expect(await readIntegritySummary(db)).toMatchObject({ findings: 2, eventsVerified: 10 });
  });
});
