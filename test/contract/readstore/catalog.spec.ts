/** Server and catalog commands: handshake, buildInfo, databases and collections. */
import { ContractTarget, createTarget, rejectionOf, uniqueName } from './support/target';

jest.setTimeout(30_000);

let target: ContractTarget;

beforeAll(async () => {
  target = await createTarget('catalog');
});
afterAll(async () => {
  await target?.close();
});

test('hello answers as a writable primary with MongoDB 7 wire versions and limits', async () => {
  const hello = await target.db.admin().command({ hello: 1 });
  expect(hello.isWritablePrimary).toBe(true);
  expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
  expect(hello.maxMessageSizeBytes).toBe(48_000_000);
  expect(hello.maxWriteBatchSize).toBe(100_000);
  expect(hello.localTime).toBeInstanceOf(Date);
  expect(hello.logicalSessionTimeoutMinutes).toBe(30);
  expect(typeof hello.connectionId).toBe('number');
  expect(hello.minWireVersion).toBe(0);
  expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21);
  expect(hello.readOnly).toBe(false);
  const legacy = await target.db.admin().command({ isMaster: 1 });
  expect(legacy.ismaster).toBe(true);
  expect(await target.db.admin().command({ ping: 1 })).toEqual({ ok: 1 });
  const info = await target.db.admin().command({ buildInfo: 1 });
  expect(info.version).toMatch(/^7\.0\./);
});

test('create, listCollections (filter, nameOnly), NamespaceExists (48)', async () => {
  await target.db.createCollection('alpha');
  await target.db.collection<any>('beta').insertOne({ x: 1 });
  const exists = await rejectionOf(target.db.createCollection('alpha'));
  expect(exists.code).toBe(48);
  expect(exists.codeName).toBe('NamespaceExists');
  const all = await target.db.listCollections().toArray();
  expect(all.map((c) => c.name).sort()).toEqual(['alpha', 'beta']);
  expect(all[0]).toMatchObject({ type: 'collection', options: {}, info: { readOnly: false } });
  const filtered = await target.db.listCollections({ name: 'beta' }, { nameOnly: true }).toArray();
  expect(filtered).toEqual([{ name: 'beta', type: 'collection' }]);
});

test('renameCollection keeps documents and indexes; dropTarget replaces; an existing target is refused', async () => {
  const source = target.db.collection<any>('rename-src');
  await source.insertMany([{ _id: 1 }, { _id: 2 }]);
  await source.createIndex({ k: 1 });
  await target.db.collection<any>('rename-dst').insertOne({ _id: 'old' });
  const refused = await rejectionOf(source.rename('rename-dst'));
  expect(refused.code).toBe(48);
  const renamed = await source.rename('rename-dst', { dropTarget: true });
  expect(await renamed.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1 }, { _id: 2 }]);
  expect((await renamed.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'k_1']);
  expect(await target.db.listCollections({ name: 'rename-src' }).toArray()).toEqual([]);
  const missing = await rejectionOf(target.db.collection('no-such').rename('whatever'));
  expect(missing.code).toBe(26);
});

test('drop and dropDatabase; listDatabases shows databases that have collections', async () => {
  await target.db.collection<any>('to-drop').insertOne({ a: 1 });
  expect(await target.db.collection('to-drop').drop()).toBe(true);
  expect(await target.db.collection('to-drop').countDocuments()).toBe(0);
  const otherName = uniqueName('other');
  const other = target.client.db(otherName);
  await other.collection<any>('c').insertOne({ a: 1 });
  const { databases } = await target.db.admin().listDatabases();
  expect(databases.map((d) => d.name)).toEqual(expect.arrayContaining([target.db.databaseName, otherName]));
  expect(await other.dropDatabase()).toBe(true);
  const after = await target.db.admin().listDatabases({ nameOnly: true });
  expect(after.databases.map((d) => d.name)).not.toContain(otherName);
});
