import { ProjectionStore } from '@handoff/projections';
import { appendEvents, ReadSide, startReadSide } from './support/read-side.fixture';
import { cartEvents, cartProjection } from './support/cart.projection';
import { activeSnapshot, runtimeOn, waitForCheckpoint } from './runtime-support';

jest.setTimeout(60_000);

describe('projection runtime', () => {
  let side: ReadSide;
  beforeAll(async () => {
    side = await startReadSide();
  });
  afterAll(async () => {
    await side?.dispose();
  });

  it('projects every event once, in batches, and a full replay from the start changes nothing', async () => {
    const head = await appendEvents(side.client, cartEvents(3_000));
    const db = side.mongo.db('replay');
    const runtime = runtimeOn(side, [cartProjection()], { db, tuning: { maxBatchChanges: 500 } });
    runtime.start();
    await waitForCheckpoint(db, 'carts', head);
    await runtime.stop();
    const first = await activeSnapshot(db, 'carts');
    expect(first.carts!.length).toBeGreaterThan(0);
    expect(first.skus!.length).toBe(13);

    // Forget the checkpoint (as if every batch's checkpoint write had been lost): replay everything.
    await new ProjectionStore(db).tracks.updateMany({}, { $set: { checkpointKey: '', checkpoint: null } });
    const again = runtimeOn(side, [cartProjection()], { db });
    again.start();
    await waitForCheckpoint(db, 'carts', head);
    await again.stop();
    expect(await activeSnapshot(db, 'carts')).toEqual(first);

    // And both equal an independent computation of the same events.
    expect(first.skus).toEqual(expectedSkus(cartEvents(3_000)));
  });
});

function expectedSkus(events: ReturnType<typeof cartEvents>) {
  const skus = new Map<string, { added?: number; removed?: number }>();
  for (const event of events) {
    const sku = event.data.sku as string | undefined;
    if (!sku) continue;
    const entry = skus.get(sku) ?? {};
    if (event.type === 'ItemAdded') entry.added = (entry.added ?? 0) + (event.data.quantity as number);
    else entry.removed = (entry.removed ?? 0) + 1;
    skus.set(sku, entry);
  }
  return [...skus.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, counts]) => expect.objectContaining({ _id: id, ...counts }));
}
