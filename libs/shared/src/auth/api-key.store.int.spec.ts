import { MongoClient } from 'mongodb';
import { startTestReadStore } from '../../../../test/custody/support/embedded-read-store.fixture';
import { API_KEYS_COLLECTION, ApiKeyStore, AUTHENTICATED_KEY_TTL_MS, hashApiKey } from './api-key.store';

jest.setTimeout(30_000);

describe('ApiKeyStore against the embedded readstore', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let now = 1_000_000;
  let store: ApiKeyStore;

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri);
    store = new ApiKeyStore(mongo.db('handoff'), () => now);
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
  });

  it('stores only the hash of an issued key, and authenticates the key as its grant', async () => {
    const { apiKey, actor } = await store.issue({ role: 'courier', participantId: 'runner-1' }, 'admin', '2025-05-01T10:00:00.000Z');
    expect(apiKey).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    const stored = await mongo.db('handoff').collection(API_KEYS_COLLECTION).find().toArray();
    expect(JSON.stringify(stored)).not.toContain(apiKey.slice(3));
    expect(stored.map((doc) => doc._id)).toContain(hashApiKey(apiKey));
    expect(await store.authenticate(apiKey)).toEqual(actor);
    expect(await new ApiKeyStore(mongo.db('handoff')).authenticate(apiKey)).toEqual({ keyId: actor.keyId, role: 'courier', participantId: 'runner-1' });
  });

  it('refuses unknown and malformed keys, and does not remember a refusal', async () => {
    expect(await store.authenticate('hk_nope')).toBeNull();
    expect(await store.authenticate('not-a-key')).toBeNull();
    expect(await store.authenticate(`hk_${'x'.repeat(300)}`)).toBeNull();
  });

  it(`trusts a key that authenticated for ${AUTHENTICATED_KEY_TTL_MS / 1000} s without reading the database, then asks again`, async () => {
    const { apiKey } = await store.issue({ role: 'retailer', participantId: 'shop-1' }, 'admin', '2025-05-01T10:00:00.000Z');
    expect(await store.authenticate(apiKey)).toMatchObject({ participantId: 'shop-1' });
    // Gone from the database (as a revocation would do): still trusted within the bound…
    await mongo.db('handoff').collection(API_KEYS_COLLECTION).deleteOne({ _id: hashApiKey(apiKey) as never });
    now += AUTHENTICATED_KEY_TTL_MS - 1;
    expect(await store.authenticate(apiKey)).toMatchObject({ participantId: 'shop-1' });
    // …and refused once it has passed.
    now += 2;
    expect(await store.authenticate(apiKey)).toBeNull();
  });
});
