import { MongoClient } from 'mongodb';
import { startTestReadStore } from '../../../../test/custody/support/embedded-read-store.fixture';
import { MongoSubjectKeyStore, SUBJECT_KEYS_COLLECTION } from './mongo-subject-key-store';
import { PersonalDataVault } from './personal-data-vault';

jest.setTimeout(30_000);

const address = { lines: ['12 Mill Lane'], locality: 'Hebden Bridge', postalCode: 'HX7 8AB', countryCode: 'GB' };

describe('MongoSubjectKeyStore against the embedded readstore', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let store: MongoSubjectKeyStore;
  const now = () => '2025-05-01T10:00:00.000Z';

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri);
    store = new MongoSubjectKeyStore(mongo.db('handoff'), now);
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
  });

  it('creates a key on first use and hands back the same key afterwards, also to a new store instance', async () => {
    const first = await store.getOrCreateKey('recipient-1');
    const again = await new MongoSubjectKeyStore(mongo.db('handoff'), now).getOrCreateKey('recipient-1');
    expect(again).toEqual(first);
    expect('material' in first && first.material.length).toBe(32);
    expect(await store.getKey('nobody')).toBeNull();
  });

  it('gives concurrent first uses one key', async () => {
    const keys = await Promise.all(Array.from({ length: 6 }, () => store.getOrCreateKey('recipient-race')));
    expect(new Set(keys.map((key) => ('keyId' in key ? Buffer.from(key.material).toString('hex') : 'shredded'))).size).toBe(1);
  });

  it('seals and opens through the vault, and after erasure answers erased, forever, without the key material', async () => {
    const vault = new PersonalDataVault(store);
    const sealed = await vault.seal('recipient-2', { name: 'Ada Byron', address, phone: '+44 7700 900123' });
    expect(JSON.stringify(sealed)).not.toContain('Ada Byron'); // a space: never in base64 by chance
    expect(await vault.open(sealed)).toEqual({ erased: false, subjectId: 'recipient-2', data: { name: 'Ada Byron', address, phone: '+44 7700 900123' } });

    const shredded = await vault.erase('recipient-2');
    expect(shredded).toEqual({ shredded: true, subjectId: 'recipient-2', shreddedAt: now() });
    expect(await vault.open(sealed)).toEqual({ erased: true, subjectId: 'recipient-2', shreddedAt: now() });
    expect(await vault.erase('recipient-2')).toEqual(shredded);
    expect(await store.getOrCreateKey('recipient-2')).toEqual(shredded);
    await expect(vault.seal('recipient-2', { name: 'Ada', address, phone: '1' })).rejects.toMatchObject({ code: 'PERSONAL_DATA.SUBJECT_ERASED' });

    const raw = await mongo.db('handoff').collection(SUBJECT_KEYS_COLLECTION).findOne({ _id: 'recipient-2' as never });
    expect(raw).toEqual({ _id: 'recipient-2', shredded: true, shreddedAt: now() });
  });

  it('records the erasure of a subject that never had a key, so no key can be made later', async () => {
    await store.destroyKey('recipient-never');
    expect(await store.getOrCreateKey('recipient-never')).toMatchObject({ shredded: true });
  });
});
