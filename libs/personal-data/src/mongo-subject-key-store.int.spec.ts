import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Binary, MongoClient } from 'mongodb';
import { startTestReadStore } from '../../../test/custody/support/embedded-read-store.fixture';
import { MongoSubjectKeyStore, SUBJECT_KEYS_COLLECTION } from './mongo-subject-key-store';
import { FileKeyring } from './file-keyring';
import { KeyRotation } from './key-rotation';
import { PersonalDataVault } from './personal-data-vault';

jest.setTimeout(30_000);

const address = { lines: ['12 Mill Lane'], locality: 'Hebden Bridge', postalCode: 'HX7 8AB', countryCode: 'GB' };

describe('MongoSubjectKeyStore against the embedded readstore', () => {
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let store: MongoSubjectKeyStore;
  let keyringDir = '';
  let keyring: FileKeyring;
  let now = () => '2025-05-01T10:00:00.000Z';

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri);
    keyringDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-keyring-'));
    keyring = new FileKeyring(keyringDir, () => now());
    store = new MongoSubjectKeyStore(mongo.db('handoff'), keyring, () => now());
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
    await rm(keyringDir, { recursive: true, force: true });
  });

  it('creates a key on first use and hands back the same key afterwards, also to a new store instance', async () => {
    const first = await store.getOrCreateKey('recipient-1');
    const again = await new MongoSubjectKeyStore(mongo.db('handoff'), keyring, () => now()).getOrCreateKey('recipient-1');
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

    const raw = await mongo
      .db('handoff')
      .collection(SUBJECT_KEYS_COLLECTION)
      .findOne({ _id: 'recipient-2' as never });
    expect(raw).toEqual({ _id: 'recipient-2', shredded: true, shreddedAt: now(), rotationPending: true });
  });

  it('records the erasure of a subject that never had a key, so no key can be made later', async () => {
    await store.destroyKey('recipient-never');
    expect(await store.getOrCreateKey('recipient-never')).toMatchObject({ shredded: true });
  });

  const keysCollection = () => mongo.db('handoff').collection<any>(SUBJECT_KEYS_COLLECTION);
  const rotation = () => new KeyRotation(mongo.db('handoff'), store, keyring, () => now());
  const person = (name: string) => ({ name, address, phone: '+44 7700 900123' });

  it('stores each key only wrapped, under a KEK the record names, kept in a 0600 keyring file in a 0700 directory', async () => {
    const key = await store.getOrCreateKey('recipient-wrapped');
    if (!('material' in key)) throw new Error('expected a key');
    const raw = await keysCollection().findOne({ _id: 'recipient-wrapped' });
    expect(Object.keys(raw).sort()).toEqual(['_id', 'createdAt', 'kekId', 'keyId', 'wrapped']);
    expect(raw.kekId).toBe((await keyring.current()).id);
    expect(raw.wrapped.buffer.length).toBe(60);
    expect(Buffer.from(raw.wrapped.buffer).includes(Buffer.from(key.material))).toBe(false);
    expect((await stat(keyringDir)).mode & 0o777).toBe(0o700);
    expect((await stat(keyring.file)).mode & 0o777).toBe(0o600);
    expect(await readFile(keyring.file, 'utf8')).not.toContain(Buffer.from(key.material).toString('base64'));
  });

  it('rotates after an erasure: live keys are re-wrapped under a new KEK, the old KEK is destroyed, other subjects still open', async () => {
    const vault = new PersonalDataVault(store);
    const kept = await Promise.all(['kept-1', 'kept-2', 'kept-3'].map((id) => vault.seal(id, person(`Person ${id}`))));
    await vault.seal('leaving', person('Leaving Soon'));
    const staleCopy = await keysCollection().findOne({ _id: 'leaving' });
    const oldKek = await keyring.current();
    now = () => '2025-05-01T11:00:00.000Z';
    await vault.erase('leaving');
    expect(await rotation().due(86_400_000)).toBe('erasure');

    const outcome = await rotation().rotate();
    expect(outcome).toMatchObject({ retired: [oldKek.id] });
    expect(await keyring.all()).toEqual([expect.objectContaining({ id: (outcome as { kekId: string }).kekId })]);
    expect(await keyring.byId(oldKek.id)).toBeNull();
    expect(await readFile(keyring.file, 'utf8')).not.toContain(Buffer.from(oldKek.material).toString('base64'));
    expect(await keysCollection().countDocuments({ kekId: oldKek.id })).toBe(0);
    // The stale wrapped copy (what freed pages or an oplog keep) names a KEK nobody holds any more.
    await expect(store.unwrap(staleCopy)).rejects.toThrow('no longer held');
    for (const envelope of kept) expect(await vault.open(envelope)).toMatchObject({ erased: false });
    expect(await rotation().due(86_400_000)).toBeNull();
  });

  it('lets a process that holds an old view of the keyring read keys re-wrapped by another process, and wrap new ones under the new KEK', async () => {
    const elsewhere = new FileKeyring(keyringDir, () => now());
    const otherStore = new MongoSubjectKeyStore(mongo.db('handoff'), elsewhere, () => now());
    const envelope = await new PersonalDataVault(store).seal('shared-1', person('Shared One'));
    const before = await elsewhere.current();
    expect(await new PersonalDataVault(otherStore).open(envelope)).toMatchObject({ erased: false });

    now = () => '2025-05-02T11:00:00.000Z';
    expect(await rotation().due(3_600_000)).toBe('schedule');
    await rotation().rotate();

    expect(await new PersonalDataVault(otherStore).open(envelope)).toMatchObject({ erased: false, data: person('Shared One') });
    await otherStore.getOrCreateKey('shared-2');
    expect((await keysCollection().findOne({ _id: 'shared-2' })).kekId).not.toBe(before.id);
    expect((await keysCollection().findOne({ _id: 'shared-2' })).kekId).toBe((await keyring.current()).id);
  });

  it('re-wraps a key that another process wrapped under a KEK retired between its read of the keyring and its insert', async () => {
    const stale = await keyring.current();
    await rotation().rotate();
    // That process read the current KEK just before the rotation retired it; later reads see the file as it is.
    const lagging = new FileKeyring(keyringDir, () => now());
    let reads = 0;
    const laggingView = Object.assign(Object.create(lagging) as FileKeyring, { current: async () => (reads++ === 0 ? stale : lagging.current()) });
    const slowStore = new MongoSubjectKeyStore(mongo.db('handoff'), laggingView, () => now());
    const key = await slowStore.getOrCreateKey('raced-1');
    const raw = await keysCollection().findOne({ _id: 'raced-1' });
    expect(raw.kekId).not.toBe(stale.id);
    expect(await store.getKey('raced-1')).toEqual(key);
  });

  it('finishes an interrupted rotation: both KEKs stay held until every record is re-wrapped', async () => {
    const vault = new PersonalDataVault(store);
    const envelope = await vault.seal('interrupted-1', person('Inter Rupted'));
    await keyring.withRotationLock(() => keyring.addCurrent(now()));
    expect(await keyring.all()).toHaveLength(2);
    expect(await rotation().due(86_400_000)).toBe('interrupted');
    expect(await vault.open(envelope)).toMatchObject({ erased: false });

    await vault.seal('erased-mid-rotation', person('Mid Rotation'));
    await vault.erase('erased-mid-rotation');

    const outcome = await rotation().rotate();
    expect(outcome).toMatchObject({ retired: [expect.any(String)] });
    expect(await keyring.all()).toHaveLength(1);
    expect(await vault.open(envelope)).toMatchObject({ erased: false, data: person('Inter Rupted') });
    // Its key may sit under the KEK that stayed current: finishing the old rotation does not cover it.
    expect(await rotation().due(86_400_000)).toBe('erasure');
    await rotation().rotate();
    expect(await rotation().due(86_400_000)).toBeNull();
  });

  it('wraps keys that older versions stored in clear, leaving no clear copy in the live document', async () => {
    const material = Buffer.alloc(32, 9);
    await keysCollection().insertOne({ _id: 'legacy-1', keyId: 'key-legacy-1-1', material: new Binary(material), createdAt: '2024-01-01T00:00:00.000Z' });
    const vault = new PersonalDataVault(store);
    const before = await store.getKey('legacy-1');
    expect(before).toEqual({ subjectId: 'legacy-1', keyId: 'key-legacy-1-1', material: new Uint8Array(material) });

    expect(await rotation().migrateClearKeys()).toBe(1);
    const raw = await keysCollection().findOne({ _id: 'legacy-1' });
    expect(raw).toEqual({ _id: 'legacy-1', keyId: 'key-legacy-1-1', kekId: (await keyring.current()).id, wrapped: expect.any(Binary), createdAt: '2024-01-01T00:00:00.000Z' });
    expect(await store.getKey('legacy-1')).toEqual(before);
    expect(await rotation().migrateClearKeys()).toBe(0);
    await expect(vault.seal('legacy-1', person('Still Here'))).resolves.toMatchObject({ keyId: 'key-legacy-1-1' });
  });

  it('runs one rotation at a time across processes sharing the keyring', async () => {
    const elsewhere = new FileKeyring(keyringDir, () => now());
    expect(await keyring.withRotationLock(async () => 'alone')).toBe('alone');
    const results = await keyring.withRotationLock(() => elsewhere.withRotationLock(async () => 'inner'));
    expect(results).toBe('skipped');
  });
});
