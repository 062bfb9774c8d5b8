/**
 * The embedded read store's credentials: generated at first start, kept 0600 in its data dir (the
 * server's file holding only SCRAM keys), reused at the next start, and spoken speculatively
 * inside `hello` by the official driver, so a new connection costs no extra round trip.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { deserialize } from 'bson';
import { MongoClient } from 'mongodb';
import { startEmbeddedReadStore } from '../launch';
import { expectOwnerOnly, modeOf } from '../../../../../test/support/file-modes';

jest.setTimeout(30_000);

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-rs-auth-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A TCP relay that records the name of every command the client sends. */
async function commandRecorder(port: number): Promise<{ port: number; commands: string[]; close(): void }> {
  const commands: string[] = [];
  const server = net.createServer((inbound) => {
    const outbound = net.connect(port, '127.0.0.1');
    let pending = Buffer.alloc(0);
    inbound.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const message = pending.subarray(0, pending.readInt32LE(0));
        pending = pending.subarray(message.length);
        if (message.readInt32LE(12) === 2013 && message[20] === 0) commands.push(Object.keys(deserialize(message.subarray(21)))[0]!);
      }
      outbound.write(chunk);
    });
    outbound.pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
    inbound.on('close', () => outbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, commands, close: () => server.close() };
}

it('generates credentials at first start, 0600 in a 0700 data dir, and keeps every data file 0600', async () => {
  const server = await startEmbeddedReadStore({ dataDir, port: 0 });
  try {
    const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'));
    expect(credentials).toEqual({ username: 'handoff', password: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const users = fs.readFileSync(path.join(dataDir, 'users.json'), 'utf8');
    expect(users).not.toContain(credentials.password);
    expect(JSON.parse(users)).toMatchObject({ mechanism: 'SCRAM-SHA-256', iterationCount: 15_000 });
    expect(server.uri).toContain(`handoff:${credentials.password}@`);

    expect(expectOwnerOnly(dataDir)).toEqual(expect.arrayContaining(['credentials.json', 'users.json', 'data.mdb', 'lock.mdb']));
  } finally {
    await server.close();
  }
});

it('reuses the credentials at the next start, and tightens a data dir left readable by others', async () => {
  const first = await startEmbeddedReadStore({ dataDir, port: 0 });
  const firstUri = first.uri;
  await first.close();
  fs.chmodSync(dataDir, 0o755);
  fs.chmodSync(path.join(dataDir, 'data.mdb'), 0o644);

  const second = await startEmbeddedReadStore({ dataDir, port: 0 });
  const client = new MongoClient(firstUri.replace(/:\d+\//, `:${second.port}/`), { serverSelectionTimeoutMS: 3_000 });
  try {
    await client.db('t').collection('c').insertOne({ n: 1 });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'data.mdb'))).toBe(0o600);
  } finally {
    await client.close();
    await second.close();
  }
});

it('authenticates speculatively inside hello: no saslStart on the wire', async () => {
  const server = await startEmbeddedReadStore({ dataDir, port: 0 });
  const recorder = await commandRecorder(server.port);
  const client = new MongoClient(server.uri.replace(`:${server.port}/`, `:${recorder.port}/`), { serverSelectionTimeoutMS: 3_000, maxPoolSize: 1 });
  try {
    await client.db('t').collection('c').findOne({});
    expect(recorder.commands).toContain('saslContinue');
    expect(recorder.commands).not.toContain('saslStart');
    expect(recorder.commands).toContain('find');
  } finally {
    await client.close();
    recorder.close();
    await server.close();
  }
});
