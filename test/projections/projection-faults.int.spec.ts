import { ProjectionRuntime, ProjectionStore, ReadModels } from '@handoff/projections';
import { appendEvents, ReadSide, startReadSide, waitUntil } from './support/read-side.fixture';
import { cartEvents, cartProjection } from './support/cart.projection';
import { activeSnapshot, runtimeOn, waitForCheckpoint } from './runtime-support';

jest.setTimeout(60_000);

describe('projection runtime: poison events, leases, rebuilds', () => {
  let side: ReadSide;
  let head: { commit: bigint; prepare: bigint };
  const running: ProjectionRuntime[] = [];
  const start = (runtime: ProjectionRuntime) => {
    running.push(runtime);
    runtime.start();
    return runtime;
  };

  beforeAll(async () => {
    side = await startReadSide();
    head = await appendEvents(side.client, cartEvents(1_000));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((runtime) => runtime.stop()));
  });
  afterAll(async () => {
    await side?.dispose();
  });

  it('stops on a throwing handler right before the event, records it, retries, and goes on only when an admin skips it', async () => {
    const db = side.mongo.db('poison');
    const poison = (event: { type: string; data: any }) => event.type === 'ItemAdded' && event.data.cartId === 'c7' && event.data.sku === 's0';
    start(runtimeOn(side, [cartProjection({ failOn: poison })], { db }));
    const store = new ProjectionStore(db);
    const stopped = await waitUntil('the projection to stop on the poison event', async () => {
      const track = await store.findTrack('carts', 1);
      return track?.error?.kind === 'handler' && track.error.attempts >= 3 ? track : undefined;
    });
    expect(stopped.error).toEqual(
      expect.objectContaining({ kind: 'handler', eventType: 'ItemAdded', streamName: 'cart-c7', message: expect.stringContaining('cannot project ItemAdded'), eventId: expect.any(String) }),
    );
    // The checkpoint sits right before the poison event and does not move while it is stopped.
    const poisonPosition = BigInt(stopped.error!.position!.split(':')[0]!);
    const checkpoint = BigInt(stopped.checkpoint!.split(':')[0]!);
    expect(checkpoint).toBeLessThan(poisonPosition);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await store.findTrack('carts', 1))!.checkpoint).toBe(stopped.checkpoint);

    // A skip for another event is refused; the right one is taken, recorded, and the projection goes on.
    expect(await store.requestSkip('carts', '00000000-0000-0000-0000-000000000000', 'test-admin')).toBeNull();
    expect(await store.requestSkip('carts', stopped.error!.eventId!, 'test-admin')).not.toBeNull();
    await waitForCheckpoint(db, 'carts', head);
    const track = (await store.findTrack('carts', 1))!;
    expect(track.error).toBeNull();
    expect(await store.skips.find({}, { projection: { _id: 0 } }).toArray()).toEqual([
      expect.objectContaining({ projection: 'carts', eventId: stopped.error!.eventId, position: stopped.error!.position, requestedBy: 'test-admin', error: stopped.error!.message }),
    ]);
  });

  it('retries a handler that fails once and then succeeds, without skipping anything', async () => {
    const db = side.mongo.db('flaky');
    let failures = 0;
    const flaky = (event: { type: string; data: any }) => event.type === 'CartDiscarded' && event.data.cartId === 'c3' && failures++ === 0;
    start(runtimeOn(side, [cartProjection({ failOn: flaky })], { db }));
    await waitForCheckpoint(db, 'carts', head);
    expect(failures).toBeGreaterThanOrEqual(2);

    const clean = side.mongo.db('flaky-clean');
    start(runtimeOn(side, [cartProjection()], { db: clean }));
    await waitForCheckpoint(clean, 'carts', head);
    expect(await activeSnapshot(db, 'carts')).toEqual(await activeSnapshot(clean, 'carts'));
    expect(await new ProjectionStore(db).skips.countDocuments()).toBe(0);
  });

  it('runs a projection in one process at a time and hands it over when the holder dies', async () => {
    const db = side.mongo.db('leases');
    const first = start(runtimeOn(side, [cartProjection()], { db, owner: 'first' }));
    await waitForCheckpoint(db, 'carts', head);
    const second = start(runtimeOn(side, [cartProjection()], { db, owner: 'second' }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(first.runners[0]!.holdsLease).toBe(true);
    expect(second.runners[0]!.holdsLease).toBe(false);

    // The holder dies without a word: the lease expires (1.5 s) and the other process takes over.
    await first.abandon();
    running.splice(running.indexOf(first), 1);
    await waitUntil('the second process to take the lease', async () => second.runners[0]!.holdsLease, 10_000);
    const more = await appendEvents(
      side.client,
      cartEvents(50).map((e) => ({ ...e, stream: `${e.stream}-late` })),
    );
    await waitForCheckpoint(db, 'carts', more);
    expect((await new ProjectionStore(db).findTrack('carts', 1))!.owner).toBe('second');
  });

  it('rebuilds into fresh collections while readers keep reading the old ones, then switches them over', async () => {
    const db = side.mongo.db('rebuild');
    start(runtimeOn(side, [cartProjection()], { db, tuning: { maxBatchChanges: 100 } }));
    await waitForCheckpoint(db, 'carts', head);
    const before = await activeSnapshot(db, 'carts');
    const store = new ProjectionStore(db);
    const readers = new ReadModels(db);

    // Readers read all along; every answer must be a whole, current read model (never a partial rebuild).
    let reading = true;
    const answers: number[] = [];
    const reader = (async () => {
      while (reading) {
        const carts = await readers.collection('carts', 'carts');
        answers.push(await carts.countDocuments());
      }
    })();
    const pending = await store.requestRebuild(cartProjection(), 'rebuild', 'test-admin');
    expect(pending.collections.carts).toBe(`carts__v1_${pending.generation}`);
    await waitUntil('the switch to the rebuilt generation', async () => (await store.findRegistry('carts'))!.active.generation === pending.generation);
    await new Promise((resolve) => setTimeout(resolve, 200));
    reading = false;
    await reader;

    expect(await activeSnapshot(db, 'carts')).toEqual(before);
    expect(new Set(answers)).toEqual(new Set([before.carts!.length]));
    const registry = (await store.findRegistry('carts'))!;
    expect(registry.pending).toBeNull();
    expect(registry.retired.map((r) => r.generation)).toEqual([1]);
  });

  it('builds a new version from the start beside the old one and switches when it has caught up', async () => {
    const db = side.mongo.db('versions');
    start(runtimeOn(side, [cartProjection({ version: 1 })], { db }));
    await waitForCheckpoint(db, 'carts', head);
    await Promise.all(running.splice(0).map((runtime) => runtime.stop()));
    start(runtimeOn(side, [cartProjection({ version: 2 })], { db }));
    const store = new ProjectionStore(db);
    await waitUntil('version 2 to serve readers', async () => (await store.findRegistry('carts'))!.active.version === 2);
    const registry = (await store.findRegistry('carts'))!;
    expect(registry.active.collections.carts).toBe(`carts__v2_${registry.active.generation}`);
    const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(collections).toContain(registry.active.collections.carts);
  });
});
