/**
 * What `/health` and `GET /projections` say about a projection's lag: the distance to the newest
 * event of the types it subscribes to. Events of other types appended after its checkpoint are
 * not work it has left (its filtered subscription never delivers them), so a caught-up projection
 * reads 0 events and 0 seconds behind, however long ago its last event was and however many
 * others keep being appended.
 */
import { ProjectionRuntime, ProjectionStatusReader, streamSummariesProjection } from '@handoff/projections';
import { appendEvents, ReadSide, startReadSide, waitUntil } from './support/read-side.fixture';
import { runtimeOn, waitForCheckpoint } from './runtime-support';

jest.setTimeout(60_000);

const projection = streamSummariesProjection({ eventTypes: ['TestParcelMoved'], name: 'test-moves' });

describe('projection status lag', () => {
  let side: ReadSide;
  let runtime: ProjectionRuntime;
  let status: ProjectionStatusReader;

  const lagOf = async () => (await status.all())[0]!.active!.lag;

  beforeAll(async () => {
    side = await startReadSide('projection_status');
    // Filter checkpoints far apart (32 × 100 events scanned): the checkpoint stays on the last event it handled.
    runtime = runtimeOn(side, [projection], { tuning: { checkpointIntervalMultiplier: 100 } });
    runtime.start();
    status = new ProjectionStatusReader(side.db, side.client, [projection]);
  });

  afterAll(async () => {
    await runtime?.stop();
    await side?.dispose();
  });

  it('is 0 when caught up while events of other types keep being appended', async () => {
    const handled = await appendEvents(
      side.client,
      [1, 2, 3].map((n) => ({ stream: `move-${n}`, type: 'TestParcelMoved', data: { n } })),
    );
    await waitForCheckpoint(side.db, projection.name, handled);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the handled events are now more than a second old
    await appendEvents(
      side.client,
      Array.from({ length: 171 }, (_, n) => ({ stream: `load-${n % 7}`, type: 'TestHubLoadRecorded', data: { n } })),
    );
    expect(await lagOf()).toEqual({ events: 0, eventsAtLeast: false, seconds: 0 });
  });

  it('counts the events of its types it has not applied yet, and their age', async () => {
    await runtime.stop();
    await appendEvents(side.client, [
      { stream: 'move-4', type: 'TestParcelMoved', data: { n: 4 } },
      { stream: 'load-1', type: 'TestHubLoadRecorded', data: { n: 1 } },
      { stream: 'move-5', type: 'TestParcelMoved', data: { n: 5 } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lag = await lagOf();
    expect(lag).toMatchObject({ events: 2, eventsAtLeast: false });
    expect(lag.seconds).toBeGreaterThanOrEqual(0.25);
    runtime = runtimeOn(side, [projection]);
    runtime.start();
    await waitUntil('the projection to catch up again', async () => (await lagOf()).events === 0, 15_000);
    expect((await lagOf()).seconds).toBe(0);
  });
});
