import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { eventStoreTestingModule } from '../../../../test/support/event-store-testing-module';
import { TestEventStore, startTestEventStore } from '../../../../test/support/embedded-event-store.fixture';
import type { CommandContext, DomainEvent } from '../envelope/event-envelope';
import { EventStore, StreamRead } from '../store/event-store';
import { streamName } from '../streams/stream-name';
import { AggregateCache, AggregateCacheOptions } from './aggregate-cache';
import { AggregateRepository } from './aggregate-repository';
import type { Decider } from '@handoff/kernel';
import { AGGREGATE_CACHE } from './stream-change-feed';

jest.setTimeout(60_000);

// A counter with a ceiling: enough to see which state a decision was made on.
type CounterEvent = DomainEvent<'Counted', { by: number }> | DomainEvent<'CounterReset', Record<string, never>>;
type Counter = { total: number };
const counter: Decider<{ add: number; ceiling: number } | { reset: true }, Counter, CounterEvent> = {
  initialState: () => ({ total: 0 }),
  decide: (command, state) => {
    if ('reset' in command) return state.total === 0 ? [] : [{ type: 'CounterReset', data: {} }];
    if (state.total + command.add > command.ceiling) throw Object.assign(new Error(`over ${command.ceiling}`), { code: 'COUNTER.OVER' });
    return [{ type: 'Counted', data: { by: command.add } }];
  },
  evolve: (state, event) => (event.type === 'CounterReset' ? { total: 0 } : { total: state.total + event.data.by }),
};
const context: CommandContext = { correlationId: 'c', causationId: 'c', actor: { kind: 'system', id: 'test' } };

/** Counts the stream reads that reach the server. */
class CountingEventStore extends EventStore {
  reads = 0;
  override async readStream<E extends DomainEvent>(stream: string, options?: { fromRevision?: bigint; maxCount?: number }): Promise<StreamRead<E>> {
    this.reads++;
    return super.readStream<E>(stream, options);
  }
}

const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 5_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('the aggregate cache, kept fresh by the change feed', () => {
  let server: TestEventStore;
  // Two API processes in miniature: each its own client, cache and feed.
  const processes: { module: TestingModule; repository: AggregateRepository; cache: AggregateCache; store: CountingEventStore }[] = [];

  /** One API process in miniature: its own client, cache and feed, and a store that counts reads. */
  const startProcess = async (cacheOptions: AggregateCacheOptions) => {
    const { module } = await eventStoreTestingModule(server.connectionString, { eventStore: { aggregateCache: cacheOptions } });
    const store = Object.setPrototypeOf(module.get(EventStore), CountingEventStore.prototype) as CountingEventStore;
    store.reads = 0;
    return { module, repository: module.get(AggregateRepository), cache: module.get<AggregateCache>(AGGREGATE_CACHE), store };
  };

  beforeAll(async () => {
    server = await startTestEventStore();
    for (let i = 0; i < 2; i++) processes.push(await startProcess({ capacity: 1_000 }));
    await eventually('both feeds to be confirmed', async () => processes.every((p) => p.cache.isLive));
  });

  afterAll(async () => {
    for (const p of processes) await p.module.close();
    await server?.dispose();
  });

  /** A repository whose cache is live but hears of nothing: its entries go stale as others append. */
  const withLaggingFeed = (store: EventStore) => {
    const laggingCache = new AggregateCache({ capacity: 10 });
    laggingCache.feedStarted();
    return { laggingCache, lagging: new AggregateRepository(store, { retry: { delayMs: () => 0 } }, laggingCache) };
  };
  const add = (repository: AggregateRepository, stream: string, by: number, ceiling = 1_000) => repository.handleCommand(counter, stream, { add: by, ceiling }, context);

  it('decides later commands on the cached state, without reading the stream again', async () => {
    const [a] = processes;
    const stream = streamName('counter', randomUUID());
    await add(a!.repository, stream, 1);
    const readsBefore = a!.store.reads;
    for (let i = 0; i < 5; i++) await add(a!.repository, stream, 1);
    expect(a!.store.reads).toBe(readsBefore);
    expect(await a!.repository.load(counter, stream)).toMatchObject({ state: { total: 6 }, revision: 5n });
    expect((await a!.store.readStream(stream)).events).toHaveLength(6);
  });

  it("drops a stream's entry when another process appends to it, so lookups see the new state", async () => {
    const [a, b] = processes;
    const stream = streamName('counter', randomUUID());
    await add(a!.repository, stream, 10);
    expect((await a!.repository.load(counter, stream)).state.total).toBe(10);
    await add(b!.repository, stream, 5);
    await eventually("a's cache to let go of the stream", async () => (await a!.repository.load(counter, stream)).state.total === 15);
    expect(await a!.repository.load(counter, stream)).toMatchObject({ revision: 1n });
  });

  it('never decides on a stale entry: the append expecting its revision is refused and the command is judged on a fresh read', async () => {
    const [a, b] = processes;
    const stream = streamName('counter', randomUUID());
    await add(a!.repository, stream, 8, 10);
    // A feed that lags: the entry stays stale while b appends.
    const { lagging, laggingCache } = withLaggingFeed(a!.store);
    await lagging.load(counter, stream);
    await add(b!.repository, stream, 2, 10); // total is now 10
    expect(laggingCache.get<Counter>(stream, counter.evolve, 'consult')?.state.total).toBe(8);
    await expect(add(lagging, stream, 1, 10)).rejects.toMatchObject({ code: 'COUNTER.OVER' });
    expect((await a!.store.readStream(stream)).events.map((e) => e.data)).toEqual([{ by: 8 }, { by: 2 }]);
  });

  it('judges a refusal or a no-op again on a fresh read when it was judged on a cached state', async () => {
    const [a, b] = processes;
    const stream = streamName('counter', randomUUID());
    await add(a!.repository, stream, 8, 10);
    const { lagging, laggingCache } = withLaggingFeed(a!.store);
    await lagging.load(counter, stream); // cached: total 8
    await b!.repository.handleCommand(counter, stream, { reset: true }, context); // now 0
    // On the cached 8 this would be refused (8 + 5 > 10); on the store's 0 it is accepted.
    const outcome = await add(lagging, stream, 5, 10);
    expect(outcome.state.total).toBe(5);
    // Reset to 0 and cached as 0; then b adds 2. On the cached 0 a reset is a no-op; on the store's 2 it is not.
    await add(lagging, stream, 0, 10);
    await lagging.handleCommand(counter, stream, { reset: true }, context);
    expect(laggingCache.get<Counter>(stream, counter.evolve, 'consult')?.state.total).toBe(0);
    await add(b!.repository, stream, 2, 10);
    const reset = await lagging.handleCommand(counter, stream, { reset: true }, context);
    expect(reset.events.map((e) => e.type)).toEqual(['CounterReset']);
    expect((await a!.store.readStream(stream)).events.map((e) => e.type)).toEqual(['Counted', 'CounterReset', 'Counted', 'Counted', 'CounterReset', 'Counted', 'CounterReset']);
  });

  it('builds a command from the state it decides on, and builds it again on a fresh read when the cached state refused it', async () => {
    const [a, b] = processes;
    const stream = streamName('counter', randomUUID());
    const { lagging } = withLaggingFeed(a!.store);
    await lagging.load(counter, stream); // cached: nothing counted yet
    await add(b!.repository, stream, 4);
    const seen: number[] = [];
    // "Only once something was counted": refused on the cached 0, accepted on the store's 4.
    const outcome = await lagging.handleCommand(
      counter,
      stream,
      (state: Counter) => {
        seen.push(state.total);
        if (state.total === 0) throw Object.assign(new Error('nothing counted yet'), { code: 'COUNTER.EMPTY' });
        return { add: state.total, ceiling: 100 };
      },
      context,
    );
    expect(seen).toEqual([0, 4]);
    expect(outcome.state.total).toBe(8);
  });

  it('serves nothing while the feed is down, and nothing it held before', async () => {
    const cache = new AggregateCache({ capacity: 10 });
    cache.feedStarted();
    cache.store('counter-x', { folder: counter.evolve, state: { total: 1 }, revision: 0n, headHash: null }, cache.epoch());
    expect(cache.get('counter-x', counter.evolve, 'consult')).toBeDefined();
    expect(cache.get('counter-x', () => undefined, 'consult')).toBeUndefined(); // folded by another decider
    const epoch = cache.epoch();
    cache.feedStopped();
    expect(cache.get('counter-x', counter.evolve, 'consult')).toBeUndefined();
    cache.feedStarted();
    expect(cache.get('counter-x', counter.evolve, 'consult')).toBeUndefined();
    // A read begun before the feed restarted is not kept.
    cache.store('counter-y', { folder: counter.evolve, state: { total: 1 }, revision: 0n, headHash: null }, epoch);
    expect(cache.get('counter-y', counter.evolve, 'consult')).toBeUndefined();
  });

  it('refuses an entry older than what the feed has seen of its stream', () => {
    const cache = new AggregateCache({ capacity: 10 });
    cache.feedStarted();
    cache.observed('counter-z', 3n);
    cache.store('counter-z', { folder: counter.evolve, state: { total: 1 }, revision: 2n, headHash: null }, cache.epoch());
    expect(cache.get('counter-z', counter.evolve, 'consult')).toBeUndefined();
    cache.store('counter-z', { folder: counter.evolve, state: { total: 4 }, revision: 3n, headHash: null }, cache.epoch());
    expect(cache.get<Counter>('counter-z', counter.evolve, 'consult')?.state.total).toBe(4);
    cache.observed('counter-z', 4n);
    expect(cache.get('counter-z', counter.evolve, 'consult')).toBeUndefined();
  });

  describe('watching only the categories commands consult', () => {
    // Two more processes whose feeds follow only `watched-` streams: `counter-` streams are written, never consulted.
    const scoped: typeof processes = [];

    beforeAll(async () => {
      for (let i = 0; i < 2; i++) scoped.push(await startProcess({ capacity: 1_000, watchedCategories: ['watched'] }));
      await eventually('both scoped feeds to be confirmed', async () => scoped.every((p) => p.cache.isLive));
    });

    afterAll(async () => {
      for (const p of scoped) await p.module.close();
    });

    it('still writes an unwatched stream from its cached state, and a stale entry is caught by the append', async () => {
      const [a, b] = scoped;
      const stream = streamName('counter', randomUUID());
      await add(a!.repository, stream, 1, 10);
      const readsBefore = a!.store.reads;
      await add(a!.repository, stream, 1, 10);
      expect(a!.store.reads).toBe(readsBefore); // served from the cache
      await add(b!.repository, stream, 7, 10); // a's entry (2) is now stale, and a's feed does not see it
      await expect(add(a!.repository, stream, 2, 10)).rejects.toMatchObject({ code: 'COUNTER.OVER' }); // 9 + 2 > 10: judged on the store's state
      expect((await a!.store.readStream(stream)).events.map((e) => e.data)).toEqual([{ by: 1 }, { by: 1 }, { by: 7 }]);
    });

    it('reads an unwatched stream fresh when a command only consults it', async () => {
      const [a, b] = scoped;
      const stream = streamName('counter', randomUUID());
      await add(a!.repository, stream, 3);
      await add(b!.repository, stream, 4);
      expect((await a!.repository.load(counter, stream)).state.total).toBe(7); // at once: no feed needed
    });

    it('serves a watched stream from the cache until its feed sees another process append', async () => {
      const [a, b] = scoped;
      const stream = streamName('watched', randomUUID());
      await add(a!.repository, stream, 3);
      const readsBefore = a!.store.reads;
      expect((await a!.repository.load(counter, stream)).state.total).toBe(3);
      expect(a!.store.reads).toBe(readsBefore);
      await add(b!.repository, stream, 4);
      await eventually("a's scoped feed to evict the watched stream", async () => (await a!.repository.load(counter, stream)).state.total === 7);
    });
  });

  describe('idempotency keys (ADR 0017): a command that carries one is done once, wherever its repeat lands', () => {
    const keyed = (key: string): CommandContext => ({ ...context, causationId: key, idempotencyKey: key });
    const addOnce = (repository: AggregateRepository, stream: string, by: number, key: string) => repository.handleCommand(counter, stream, { add: by, ceiling: 1_000 }, keyed(key));

    it('writes the key into every event appended, and a repeat decides nothing and appends nothing', async () => {
      const [a] = processes;
      const stream = streamName('counter', randomUUID());
      const first = await addOnce(a!.repository, stream, 5, 'reaction-x:event-1:0');
      expect(first.repeated).toBeUndefined();
      expect(first.events.map((e) => e.metadata.idempotencyKey)).toEqual(['reaction-x:event-1:0']);
      const again = await addOnce(a!.repository, stream, 5, 'reaction-x:event-1:0');
      expect(again).toMatchObject({ repeated: true, events: [], state: { total: 5 }, nextExpectedRevision: 0n });
      await addOnce(a!.repository, stream, 2, 'reaction-x:event-2:0');
      const stored = (await a!.store.readStream(stream)).events;
      expect(stored.map((e) => [e.data, e.metadata.idempotencyKey])).toEqual([
        [{ by: 5 }, 'reaction-x:event-1:0'],
        [{ by: 2 }, 'reaction-x:event-2:0'],
      ]);
    });

    it('finds the key when folding the stream from the server, as a restarted process does', async () => {
      const [a] = processes;
      const stream = streamName('counter', randomUUID());
      await addOnce(a!.repository, stream, 5, 'k-1');
      await add(a!.repository, stream, 1); // an unkeyed command in between
      const restarted = new AggregateRepository(a!.store, { retry: { delayMs: () => 0 } }); // no cache: every command reads
      expect(await addOnce(restarted, stream, 5, 'k-1')).toMatchObject({ repeated: true, state: { total: 6 } });
      expect((await a!.store.readStream(stream)).events).toHaveLength(2);
    });

    it('does not do it twice when the repeat lands on a process whose cached state predates the first', async () => {
      const [a] = processes;
      const stream = streamName('counter', randomUUID());
      const { lagging } = withLaggingFeed(a!.store);
      await add(lagging, stream, 1); // lagging now caches the stream at revision 0, and hears of nothing after
      await addOnce(a!.repository, stream, 5, 'k-stale');
      expect(await addOnce(lagging, stream, 5, 'k-stale')).toMatchObject({ repeated: true, state: { total: 6 } });
      expect((await a!.store.readStream(stream)).events.map((e) => e.data)).toEqual([{ by: 1 }, { by: 5 }]);
    });

    it('lets one of two concurrent deliveries of the same keyed command through, never both', async () => {
      const [a, b] = processes;
      for (let round = 0; round < 10; round++) {
        const stream = streamName('counter', randomUUID());
        await add(a!.repository, stream, 1);
        await add(b!.repository, stream, 1);
        const outcomes = await Promise.all([addOnce(a!.repository, stream, 5, 'k-race'), addOnce(b!.repository, stream, 5, 'k-race')]);
        expect(outcomes.filter((o) => o.repeated).length).toBe(1);
        expect((await a!.store.readStream(stream)).events.filter((e) => e.metadata.idempotencyKey === 'k-race')).toHaveLength(1);
      }
    });
  });
});
