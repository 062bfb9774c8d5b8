/**
 * Authentication as EventStoreDB enforces it in secure mode: the official client's username and
 * password (Basic, over TLS) are required for reading and writing streams; none, or wrong ones, end
 * in AccessDeniedError. Skipped against a real server in insecure mode (no credentials to check).
 */
import { AccessDeniedError, EventStoreDBClient, FORWARDS, jsonEvent, START } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { ContractTarget, createTarget } from './support/target';

jest.setTimeout(30_000);

const USERINFO = /^(esdb(?:\+discover)?:\/\/)([^@/]*)@/;
const external = process.env.EVENTSTORE_CONNECTION_STRING;
const targetHasCredentials = !external || (USERINFO.test(external) && !/[?&]tls=false/i.test(external));
const describeWithAuth = targetHasCredentials ? describe : describe.skip;

const event = () => jsonEvent({ type: 'ContractAuthProbed', data: { at: randomUUID() } });

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function readAll(client: EventStoreDBClient, stream: string): Promise<number> {
  let count = 0;
  for await (const _ of client.readStream(stream, { fromRevision: START, direction: FORWARDS })) count += 1;
  return count;
}

describeWithAuth('authentication (username and password over TLS)', () => {
  let target: ContractTarget;
  const others: EventStoreDBClient[] = [];
  const clientFor = (connectionString: string) => {
    const client = EventStoreDBClient.connectionString(connectionString);
    others.push(client);
    return client;
  };
  const credentials = () => {
    const [username, password] = USERINFO.exec(target.connectionString)![2]!.split(':').map(decodeURIComponent);
    return { username: username!, password: password! };
  };
  const withUserInfo = (userInfo: string) => target.connectionString.replace(USERINFO, userInfo ? `$1${userInfo}@` : '$1');

  beforeAll(async () => {
    target = await createTarget();
  });
  afterAll(async () => {
    await Promise.all(others.map((c) => c.dispose().catch(() => undefined)));
    await target?.close();
  });

  it('reads and writes for a client with the right credentials', async () => {
    const stream = `contract-auth-${randomUUID()}`;
    await target.client.appendToStream(stream, [event(), event()]);
    expect(await readAll(target.client, stream)).toBe(2);
  });

  it('refuses a client without credentials: AccessDeniedError on append, read and delete', async () => {
    const anonymous = clientFor(withUserInfo(''));
    const stream = `contract-auth-${randomUUID()}`;
    await target.client.appendToStream(stream, event());
    expect(await rejectionOf(anonymous.appendToStream(stream, event()))).toBeInstanceOf(AccessDeniedError);
    expect(await rejectionOf(readAll(anonymous, stream))).toBeInstanceOf(AccessDeniedError);
    expect(await rejectionOf(anonymous.deleteStream(stream))).toBeInstanceOf(AccessDeniedError);
    expect(await readAll(target.client, stream)).toBe(1);
  });

  it('refuses a wrong password, also after the right one was accepted', async () => {
    const { username } = credentials();
    const stream = `contract-auth-${randomUUID()}`;
    await target.client.appendToStream(stream, event());
    const wrong = clientFor(withUserInfo(`${encodeURIComponent(username)}:not-the-password`));
    expect(await rejectionOf(wrong.appendToStream(stream, event()))).toBeInstanceOf(AccessDeniedError);
    expect(await rejectionOf(readAll(wrong, stream))).toBeInstanceOf(AccessDeniedError);
    // per-call credentials on the good client's connection
    const perCall = target.client.appendToStream(stream, event(), { credentials: { username, password: 'not-the-password' } });
    expect(await rejectionOf(perCall)).toBeInstanceOf(AccessDeniedError);
    expect(await readAll(target.client, stream)).toBe(1);
  });

  it('refuses a right password under another user name', async () => {
    const { password } = credentials();
    const other = clientFor(withUserInfo(`someone-else:${encodeURIComponent(password)}`));
    expect(await rejectionOf(other.appendToStream(`contract-auth-${randomUUID()}`, event()))).toBeInstanceOf(AccessDeniedError);
  });
});
