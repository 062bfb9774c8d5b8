/**
 * A projection rebuild over a forged event stops on it (the poison path, recorded as an integrity
 * error) instead of projecting the forgery (issue 17 §6).
 */
import { ProjectionStore, streamSummariesProjection, STREAM_SUMMARIES } from '@handoff/projections';
import { tamperWithEventLog } from '../support/event-store-tampering';
import { startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { EventStoreDBClient } from '@eventstore/db-client';
import { appendEvents, ReadSide, startReadSide, waitUntil } from '../projections/support/read-side.fixture';
import { activeSnapshot, runtimeOn } from '../projections/runtime-support';

jest.setTimeout(120_000);

describe('a projection over a tampered event', () => {
  let side: ReadSide;

  beforeAll(async () => {
    side = await startReadSide();
  });

  afterAll(async () => {
    await side?.dispose();
  });

  it('stops right before the forged event, records why, and never projects it', async () => {
    const events = ['a', 'b', 'c'].flatMap((id) => [0, 1, 2].map((n) => ({ stream: `parcel-${id}`, type: 'ParcelHandoffAccepted', data: { holder: `courier-${n}` } })));
    await appendEvents(side.client, events);

    // Forge parcel-b's second event in the file: its holder becomes eve.
    await side.client.dispose();
    const { dataDir, server } = side.eventStore;
    await server.stop();
    await tamperWithEventLog(`${dataDir}/eventstore`, (log) => {
      const forged = log.records().find((r) => r.event?.s === 'parcel-b' && r.event.r === 1)!;
      log.rewrite(forged.position, (event) => ({ ...event, d: Buffer.from(Buffer.from(event.d).toString('utf8').replace('courier-1', 'eve')) }));
    });
    const restarted = await startEmbeddedEventStore({ dataDir: `${dataDir}/eventstore`, port: server.port });
    side.eventStore = { ...side.eventStore, server: restarted, connectionString: restarted.connectionString };
    side.client = EventStoreDBClient.connectionString(restarted.connectionString);

    const db = side.mongo.db('tampered');
    const runtime = runtimeOn(side, [streamSummariesProjection({ eventTypes: ['ParcelHandoffAccepted'] })], { db });
    runtime.start();
    try {
      const store = new ProjectionStore(db);
      const stopped = await waitUntil('the projection to stop on the forged event', async () => {
        const track = await store.findTrack('stream-summaries', 1);
        return track?.error?.kind === 'integrity' ? track : undefined;
      });
      expect(stopped.error).toEqual(expect.objectContaining({ kind: 'integrity', streamName: 'parcel-b', eventType: 'ParcelHandoffAccepted', message: expect.stringContaining('hash-mismatch') }));
      const summaries = (await activeSnapshot(db, 'stream-summaries'))[STREAM_SUMMARIES]!;
      // Everything before the forgery is projected; parcel-b stops at its first event, the forged one is not counted.
      expect(summaries.find((s) => s._id === 'parcel-a')).toMatchObject({ eventCount: 3 });
      expect(summaries.find((s) => s._id === 'parcel-b')).toMatchObject({ eventCount: 1, lastRevision: 0 });
      expect(summaries.find((s) => s._id === 'parcel-c')).toBeUndefined();
    } finally {
      await runtime.stop();
    }
  });
});
