import { MongoClient } from 'mongodb';
import { startTestReadStore } from '../../../../test/custody/support/embedded-read-store.fixture';
import { API_KEYS_COLLECTION, type ApiKeyAudit, ApiKeyStore, DEFAULT_AUTHENTICATED_KEY_TTL_MS, hashApiKey } from './api-key.store';

jest.setTimeout(30_000);

describe('ApiKeyStore against the embedded readstore', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let now = Date.parse('2026-03-02T09:00:00.000Z');
  const audited: Parameters<ApiKeyAudit>[0][] = [];
  let store: ApiKeyStore;
  /** Another API process on the same database: its own cache, the same clock. */
  const anotherProcess = (cacheTtlMs = DEFAULT_AUTHENTICATED_KEY_TTL_MS) => new ApiKeyStore(mongo.db('handoff'), { now: () => now, cacheTtlMs, audit: () => undefined });

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri);
    store = new ApiKeyStore(mongo.db('handoff'), { now: () => now, audit: (entry) => audited.push(entry) });
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
  });

  it('stores only the hash of an issued key, and authenticates the key as its grant', async () => {
    const { apiKey, actor, key } = await store.issue({ role: 'courier', participantId: 'runner-1' }, 'key-admin');
    expect(apiKey).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    expect(key).toEqual({ keyId: actor.keyId, role: 'courier', participantId: 'runner-1', issuedAt: '2026-03-02T09:00:00.000Z', issuedBy: 'key-admin', status: 'active' });
    const stored = await mongo.db('handoff').collection(API_KEYS_COLLECTION).find().toArray();
    expect(JSON.stringify(stored)).not.toContain(apiKey.slice(3));
    expect(stored.map((doc) => doc._id)).toContain(hashApiKey(apiKey));
    expect(await store.authenticate(apiKey)).toEqual({ actor });
    expect(await anotherProcess().authenticate(apiKey)).toEqual({ actor: { keyId: actor.keyId, role: 'courier', participantId: 'runner-1' } });
  });

  it('refuses unknown and malformed keys as unknown, and does not remember a refusal', async () => {
    expect(await store.authenticate('hk_nope')).toEqual({ refused: 'unknown' });
    expect(await store.authenticate('not-a-key')).toEqual({ refused: 'unknown' });
    expect(await store.authenticate(`hk_${'x'.repeat(300)}`)).toEqual({ refused: 'unknown' });
  });

  it(`trusts a key that authenticated for ${DEFAULT_AUTHENTICATED_KEY_TTL_MS / 1000} s without reading the database, then asks again`, async () => {
    const { apiKey } = await store.issue({ role: 'retailer', participantId: 'shop-1' }, 'key-admin');
    expect(await store.authenticate(apiKey)).toMatchObject({ actor: { participantId: 'shop-1' } });
    await mongo
      .db('handoff')
      .collection(API_KEYS_COLLECTION)
      .deleteOne({ _id: hashApiKey(apiKey) as never });
    now += DEFAULT_AUTHENTICATED_KEY_TTL_MS - 1;
    expect(await store.authenticate(apiKey)).toMatchObject({ actor: { participantId: 'shop-1' } });
    now += 2;
    expect(await store.authenticate(apiKey)).toEqual({ refused: 'unknown' });
  });

  it('revokes at once in the revoking process; another process sees it within its cache TTL, and not before it asks again', async () => {
    const { apiKey, actor } = await store.issue({ role: 'auditor', participantId: 'audit-1' }, 'key-admin');
    const other = anotherProcess(5_000);
    expect(await store.authenticate(apiKey)).toEqual({ actor });
    expect(await other.authenticate(apiKey)).toEqual({ actor });

    const revoked = await store.revoke(actor.keyId, 'key-admin', 'left the firm');
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: new Date(now).toISOString(), revokedBy: 'key-admin', reason: 'left the firm' });
    expect(await store.authenticate(apiKey)).toEqual({ refused: 'revoked' });
    now += 4_999;
    expect(await other.authenticate(apiKey)).toEqual({ actor }); // the stated bound: up to the TTL
    now += 1;
    expect(await other.authenticate(apiKey)).toEqual({ refused: 'revoked' });
    expect(await anotherProcess(0).authenticate(apiKey)).toEqual({ refused: 'revoked' });

    now += 1_000;
    expect(await store.revoke(actor.keyId, 'key-someone-else', 'again')).toEqual(revoked);
    expect(audited.filter((entry) => entry.action === 'revoked' && entry.keyId === actor.keyId)).toHaveLength(1);
  });

  it('refuses a cached key at the instant it expires, in every process, without reading the database', async () => {
    const { apiKey, key } = await store.issue({ role: 'insurer', participantId: 'mutual-1' }, 'key-admin', { ttlSeconds: 10 });
    expect(key.expiresAt).toBe(new Date(now + 10_000).toISOString());
    const other = anotherProcess();
    expect(await other.authenticate(apiKey)).toMatchObject({ actor: { participantId: 'mutual-1' } });
    await mongo
      .db('handoff')
      .collection(API_KEYS_COLLECTION)
      .deleteOne({ _id: hashApiKey(apiKey) as never }); // no read can help
    now += 9_999;
    expect(await other.authenticate(apiKey)).toMatchObject({ actor: { participantId: 'mutual-1' } });
    now += 1;
    expect(await other.authenticate(apiKey)).toEqual({ refused: 'expired' });
  });

  it('rotates: the successor has the grant and the expiry, the old key ends after the grace period, once', async () => {
    const old = await store.issue({ role: 'coordinator', participantId: 'coord-1', hubId: 'hub-1' }, 'key-admin', { ttlSeconds: 86_400 });
    const rotated = await store.rotate(old.actor.keyId, old.actor.keyId, 60_000);
    expect(rotated.actor).toEqual({ keyId: rotated.key.keyId, role: 'coordinator', participantId: 'coord-1', hubId: 'hub-1' });
    expect(rotated.key).toMatchObject({ replaces: old.actor.keyId, expiresAt: old.key.expiresAt, issuedBy: old.actor.keyId });
    expect(rotated.previous).toMatchObject({ replacedBy: rotated.key.keyId, expiresAt: new Date(now + 60_000).toISOString(), status: 'active' });
    await expect(store.rotate(old.actor.keyId, 'key-admin', 0)).rejects.toMatchObject({ code: 'API_KEY.ALREADY_ROTATED', kind: 'conflict' });
    now += 60_000;
    expect(await store.authenticate(old.apiKey)).toEqual({ refused: 'expired' });
    expect(await store.authenticate(rotated.apiKey)).toEqual({ actor: rotated.actor });
    expect(audited.filter((entry) => entry.action === 'rotated' && entry.keyId === old.actor.keyId)).toEqual([
      { action: 'rotated', keyId: old.actor.keyId, by: old.actor.keyId, replacedBy: rotated.key.keyId, expiresAt: rotated.previous.expiresAt },
    ]);
  });

  it('lets one of two concurrent rotations win, and leaves no orphan successor from the other', async () => {
    const key = await store.issue({ role: 'auditor', participantId: 'audit-race' }, 'key-admin');
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => anotherProcess().rotate(key.actor.keyId, 'key-admin', 0)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(4).fill('API_KEY.ALREADY_ROTATED'));
    expect((await store.list({ participantId: 'audit-race' }, { limit: 10 })).keys).toHaveLength(2);
  });

  it('never revokes the last usable admin key; the bootstrap check sees when none is left', async () => {
    const db = mongo.db('isolated-admins');
    const admins = new ApiKeyStore(db, { now: () => now, audit: () => undefined });
    expect(await admins.lacksUsableAdmin()).toBe(true);
    const first = await admins.issue({ role: 'admin', participantId: 'ops' }, 'bootstrap');
    const second = await admins.issue({ role: 'admin', participantId: 'ops' }, first.actor.keyId, { ttlSeconds: 60 });
    await admins.revoke(first.actor.keyId, second.actor.keyId);
    await expect(admins.revoke(second.actor.keyId, second.actor.keyId)).rejects.toMatchObject({ code: 'API_KEY.LAST_ADMIN' });
    expect(await admins.lacksUsableAdmin()).toBe(false);
    now += 60_000;
    expect(await admins.lacksUsableAdmin()).toBe(true);
  });

  it('lists keys by participant and status, a page at a time, without secrets or hashes', async () => {
    const db = mongo.db('listing');
    const keys = new ApiKeyStore(db, { now: () => now, audit: () => undefined });
    const issued = await Promise.all(['a', 'a', 'a', 'b'].map((participantId) => keys.issue({ role: 'auditor', participantId }, 'key-admin', { ttlSeconds: 60 })));
    await keys.revoke(issued[0]!.actor.keyId, 'key-admin');
    now += 30_000;
    const short = await keys.issue({ role: 'auditor', participantId: 'a' }, 'key-admin', { ttlSeconds: 1 });
    now += 1_000;
    const ofA = issued.slice(0, 3).map((k) => k.actor.keyId);
    const ids = (page: { keys: { keyId: string }[] }) => page.keys.map((k) => k.keyId);
    expect(ids(await keys.list({ participantId: 'a', status: 'active' }, { limit: 10 }))).toEqual(ofA.slice(1).sort());
    expect(ids(await keys.list({ participantId: 'a', status: 'revoked' }, { limit: 10 }))).toEqual([ofA[0]]);
    expect(ids(await keys.list({ participantId: 'a', status: 'expired' }, { limit: 10 }))).toEqual([short.actor.keyId]);
    const first = await keys.list({}, { limit: 3 });
    const rest = await keys.list({}, { limit: 3, after: first.next });
    expect([...ids(first), ...ids(rest)]).toEqual([...issued.map((k) => k.actor.keyId), short.actor.keyId].sort());
    expect(rest.next).toBeUndefined();
    expect(JSON.stringify([first, rest])).not.toMatch(/hk_|"_id"/);
    const indexes = await db.collection(API_KEYS_COLLECTION).listIndexes().toArray();
    expect(indexes.find((index) => index.name === 'keyId')).toMatchObject({ unique: true });
  });

  it('logs every issue, revocation and rotation by key id, never a secret or a reason', async () => {
    const entries = JSON.stringify(audited);
    expect(new Set(audited.map((entry) => entry.action))).toEqual(new Set(['issued', 'revoked', 'rotated']));
    expect(entries).not.toMatch(/hk_|left the firm/);
  });
});
