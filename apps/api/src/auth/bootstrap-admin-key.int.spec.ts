import { MongoClient } from 'mongodb';
import { ApiKeyStore } from '@handoff/shared/auth';
import { startTestReadStore } from '../../../../test/custody/support/embedded-read-store.fixture';
import { BootstrapAdminKey } from './bootstrap-admin-key';

jest.setTimeout(30_000);

describe('the bootstrap admin key', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let now = Date.parse('2026-03-02T09:00:00.000Z');
  const DAY = 86_400_000;

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri);
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
  });

  it('is issued at the first start, not at later ones, and again only once no admin key works (the lockout recovery)', async () => {
    const keys = new ApiKeyStore(mongo.db('handoff'), { now: () => now, maxLifetimeMs: DAY, audit: () => undefined });
    const printed: string[] = [];
    const start = () => new BootstrapAdminKey(keys, (apiKey) => printed.push(apiKey)).onApplicationBootstrap();

    await start();
    expect(printed).toHaveLength(1);
    const first = await keys.authenticate(printed[0]!);
    expect(first).toMatchObject({ actor: { role: 'admin', participantId: 'admin' } });
    expect(await keys.find((first as { actor: { keyId: string } }).actor.keyId)).toMatchObject({ issuedBy: 'bootstrap', expiresAt: new Date(now + DAY).toISOString() });

    await start();
    now += DAY - 1;
    await start();
    expect(printed).toHaveLength(1);

    now += 1; // the bootstrap key lived its maximum lifetime, and no other admin key was issued
    await start();
    expect(printed).toHaveLength(2);
    expect(await keys.authenticate(printed[1]!)).toMatchObject({ actor: { role: 'admin' } });
  });
});
