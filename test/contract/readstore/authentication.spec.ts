/**
 * Authentication as mongod enforces it with users: SCRAM-SHA-256 through the official driver, the
 * handshake open to anyone and every other command refused until a connection has authenticated.
 * Against a real server without authentication (MONGODB_URI without credentials) it is skipped.
 */
import { MongoClient, MongoServerError } from 'mongodb';
import { ContractTarget, createTarget, rejectionOf } from './support/target';

jest.setTimeout(30_000);

const USERINFO = /^(mongodb(?:\+srv)?:\/\/)([^@/]*)@/;
const targetHasCredentials = USERINFO.test(process.env.MONGODB_URI ?? 'mongodb://u:p@embedded');
const describeWithAuth = targetHasCredentials ? describe : describe.skip;

describeWithAuth('authentication (SCRAM-SHA-256)', () => {
  let target: ContractTarget;
  const others: MongoClient[] = [];
  const client = (uri: string, options: ConstructorParameters<typeof MongoClient>[1] = {}) => {
    const made = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, directConnection: true, ...options });
    others.push(made);
    return made;
  };
  const userName = () => decodeURIComponent(USERINFO.exec(target.uri)![2]!.split(':')[0]!);
  const withoutCredentials = () => target.uri.replace(USERINFO, '$1');
  const authSource = () => decodeURIComponent(/[?&]authSource=([^&]+)/.exec(target.uri)?.[1] ?? 'admin');

  beforeAll(async () => {
    target = await createTarget('authentication');
  });
  afterAll(async () => {
    await Promise.all(others.map((c) => c.close(true).catch(() => undefined)));
    await target?.close();
  });

  it('runs commands for a client that gives the right password', async () => {
    await target.db.collection('things').insertOne({ _id: 'a' as never, n: 1 });
    expect(await target.db.collection('things').findOne({ _id: 'a' as never })).toEqual({ _id: 'a', n: 1 });
    const status = await target.client.db('admin').command({ connectionStatus: 1 });
    expect(status.authInfo.authenticatedUsers).toContainEqual(expect.objectContaining({ user: userName() }));
  });

  it('authenticates with SCRAM-SHA-256 when the client asks for it by name', async () => {
    const named = client(target.uri, { authMechanism: 'SCRAM-SHA-256' });
    await named.connect();
    expect(await named.db(target.db.databaseName).collection('things').countDocuments()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a wrong password with AuthenticationFailed (18)', async () => {
    const wrong = client(withoutCredentials(), { auth: { username: userName(), password: 'not-the-password' }, authSource: authSource() });
    const error = await rejectionOf(wrong.connect());
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 18, codeName: 'AuthenticationFailed' });
  });

  it('refuses an unknown user with AuthenticationFailed (18), saying no more', async () => {
    const unknown = client(withoutCredentials(), { auth: { username: 'nobody-here', password: 'x' }, authSource: authSource() });
    expect(await rejectionOf(unknown.connect())).toMatchObject({ code: 18, errmsg: expect.stringContaining('Authentication failed') });
  });

  it('answers the handshake without credentials, and refuses the first real command with Unauthorized (13)', async () => {
    const anonymous = client(withoutCredentials());
    await anonymous.connect();
    const hello = await anonymous.db('admin').command({ hello: 1, saslSupportedMechs: `${authSource()}.${userName()}` });
    expect(hello.saslSupportedMechs).toContain('SCRAM-SHA-256');
    await anonymous.db('admin').command({ ping: 1 });
    const error = await rejectionOf(anonymous.db(target.db.databaseName).collection('things').findOne({}));
    expect(error).toMatchObject({ code: 13, codeName: 'Unauthorized', errmsg: expect.stringContaining('requires authentication') });
    expect(await rejectionOf(anonymous.db(target.db.databaseName).collection('things').insertOne({ n: 2 }))).toMatchObject({ code: 13 });
    expect(await rejectionOf(anonymous.db('admin').command({ listDatabases: 1 }))).toMatchObject({ code: 13 });
  });
});
