/**
 * The registry cache against the embedded read store: what it remembers, for how long, and what
 * it never remembers (a projection nobody registered yet).
 */
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { startTestReadStore } from '../../../../test/custody/support/embedded-read-store.fixture';
import { streamSummariesProjection } from '../examples/stream-summaries.projection';
import { ProjectionStore } from '../store/projection-store';
import { RegistryCache } from './registry-cache';

jest.setTimeout(30_000);

describe('RegistryCache', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let db: Db;
  let registryReads = 0;
  let n = 0;

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri, { monitorCommands: true });
    mongo.on('commandStarted', (event) => {
      if (event.commandName === 'find' && event.command.find === 'projections') registryReads += 1;
    });
  });

  beforeEach(() => {
    db = mongo.db(`registry${++n}`);
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
  });

  const projection = (name: string) => streamSummariesProjection({ eventTypes: ['TestItemRecorded'], name });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('remembers an entry for its time to live, then reads the switched registry', async () => {
    const store = new ProjectionStore(db);
    const definition = projection('cached');
    await store.ensureRegistered(definition);
    const cache = new RegistryCache(store, 300);
    expect((await cache.find('cached'))!.active.generation).toBe(1);

    const pending = await store.requestRebuild(definition, 'rebuild', 'test');
    expect(await store.switchToPending('cached', pending.generation)).toBe(true);
    const before = registryReads;
    expect((await cache.find('cached'))!.active.generation).toBe(1); // remembered: no read
    expect(registryReads).toBe(before);
    await sleep(350);
    expect((await cache.find('cached'))!.active.generation).toBe(pending.generation);
    expect(registryReads).toBe(before + 1);
  });

  it('reads several entries in one round trip, and queries asking at once share it', async () => {
    const store = new ProjectionStore(db);
    await Promise.all(['a', 'b', 'c'].map((name) => store.ensureRegistered(projection(name))));
    const cache = new RegistryCache(store, 10_000);
    const before = registryReads;
    const [many, again, one] = await Promise.all([cache.findMany(['a', 'b', 'c']), cache.findMany(['a', 'b']), cache.find('c')]);
    expect([...many.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect([...again.keys()].sort()).toEqual(['a', 'b']);
    expect(one!._id).toBe('c');
    expect(registryReads).toBe(before + 1);
  });

  it('never remembers a projection nobody has registered yet', async () => {
    const store = new ProjectionStore(db);
    const cache = new RegistryCache(store, 10_000);
    expect(await cache.find('late')).toBeNull();
    await store.ensureRegistered(projection('late'));
    expect((await cache.find('late'))!.active.generation).toBe(1);
  });

  it('with no time to live, reads every time', async () => {
    const store = new ProjectionStore(db);
    await store.ensureRegistered(projection('fresh'));
    const cache = new RegistryCache(store, 0);
    const before = registryReads;
    await cache.find('fresh');
    await cache.find('fresh');
    expect(registryReads).toBe(before + 2);
  });
});
