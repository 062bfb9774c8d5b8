/**
 * Hostile clients: garbage, truncated and oversized frames, unknown opcodes and malformed OP_MSG
 * cost at most their own connection; the server keeps serving everyone else through the driver.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { deserialize, serialize } from 'bson';
import { MongoClient } from 'mongodb';
import { READ_STORE_NODE_FLAGS } from '@handoff/shared/process/v8-heap-tuning';
import { EmbeddedReadStoreHandle, startEmbeddedReadStore } from './launch';

jest.setTimeout(30_000);

let server: EmbeddedReadStoreHandle;
let client: MongoClient;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-rs-hostile-'));
  server = await startEmbeddedReadStore({ dataDir, port: 0 });
  client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 3_000 });
  await client.connect();
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sends bytes on a fresh connection; resolves with what came back and whether the server closed it. */
function exchange(bytes: Buffer, waitMs = 400): Promise<{ reply: Buffer; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => (closed = true));
    socket.on('error', () => (closed = true));
    socket.on('connect', () => socket.write(bytes));
    setTimeout(() => {
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), closed });
    }, waitMs);
    socket.on('timeout', () => reject(new Error('timeout')));
  });
}

function opMsg(body: Record<string, unknown>, options: { flags?: number; opCode?: number; extra?: Buffer } = {}): Buffer {
  const doc = Buffer.from(serialize(body));
  const payload = Buffer.concat([Buffer.alloc(4), Buffer.of(0), doc, options.extra ?? Buffer.alloc(0)]);
  payload.writeUInt32LE(options.flags ?? 0, 0);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(42, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(options.opCode ?? 2013, 12);
  return Buffer.concat([header, payload]);
}

const replyBody = (reply: Buffer) => deserialize(reply.subarray(21, reply.readInt32LE(0)));

async function stillServing(): Promise<void> {
  const c = client.db('hostile').collection<any>('alive');
  await c.insertOne({ at: Date.now() });
  expect(await c.countDocuments()).toBeGreaterThan(0);
}

test('a well-formed OP_MSG on a raw socket is answered (the harness itself works)', async () => {
  const { reply, closed } = await exchange(opMsg({ ping: 1, $db: 'admin' }));
  expect(closed).toBe(false);
  expect(reply.readInt32LE(8)).toBe(42); // responseTo
  expect(replyBody(reply)).toEqual({ ok: 1 });
});

test('garbage bytes close only that connection', async () => {
  const { closed } = await exchange(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  expect(closed).toBe(true);
  await stillServing();
});

test('an oversized length prefix closes only that connection', async () => {
  const header = Buffer.alloc(16);
  header.writeInt32LE(0x7fffffff, 0);
  header.writeInt32LE(2013, 12);
  const { closed } = await exchange(header);
  expect(closed).toBe(true);
  await stillServing();
});

test('a truncated message waits for the rest; the client vanishing costs nothing', async () => {
  const full = opMsg({ ping: 1, $db: 'admin' });
  const { reply, closed } = await exchange(full.subarray(0, full.length - 5));
  expect(reply.length).toBe(0);
  expect(closed).toBe(false);
  await stillServing();
});

test('an unknown opcode is answered with an error and the connection stays usable', async () => {
  const unknown = opMsg({ ping: 1, $db: 'admin' }, { opCode: 9999 });
  const { reply, closed } = await exchange(Buffer.concat([unknown, opMsg({ ping: 1, $db: 'admin' })]));
  expect(closed).toBe(false);
  const first = replyBody(reply);
  expect(first.ok).toBe(0);
  expect(first.errmsg).toContain('9999');
  const secondAt = reply.readInt32LE(0);
  expect(replyBody(reply.subarray(secondAt))).toEqual({ ok: 1 });
});

test('malformed OP_MSG (bad section kind, bad BSON size, unknown required flag) gets an error, not a crash', async () => {
  for (const bad of [
    opMsg({ ping: 1, $db: 'admin' }, { extra: Buffer.of(7, 1, 2, 3) }),
    opMsg({ ping: 1, $db: 'admin' }, { flags: 1 << 4 }),
    (() => {
      const message = opMsg({ ping: 1, $db: 'admin' });
      message.writeInt32LE(9999, 21); // the body's BSON length
      return message;
    })(),
  ]) {
    const { reply, closed } = await exchange(bad);
    expect(closed).toBe(false);
    expect(replyBody(reply).ok).toBe(0);
  }
  await stillServing();
});

test('a command without $db, an empty command and w:0 writes behave', async () => {
  const { reply } = await exchange(opMsg({ ping: 1 }));
  expect(replyBody(reply)).toMatchObject({ ok: 0, code: 9 });
  // moreToCome (w:0): no answer; from a connection that has not authenticated, no write either
  const { reply: none } = await exchange(opMsg({ insert: 'unacked', documents: [{ _id: 1 }], $db: 'hostile', writeConcern: { w: 0 } }, { flags: 2 }));
  expect(none.length).toBe(0);
  expect(await client.db('hostile').collection('unacked').countDocuments()).toBe(0);
  // the same from an authenticated one: the write happens
  await client
    .db('hostile')
    .collection('unacked')
    .insertOne({ _id: 2 as never }, { writeConcern: { w: 0 } });
  await waitFor(async () => (await client.db('hostile').collection('unacked').countDocuments()) === 1);
  expect(await client.db('hostile').collection('unacked').findOne({})).toEqual({ _id: 2 });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 50 && !(await condition()); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the launcher', () => {
  test('starts the server with the read store V8 flags (heap sizing is read from the command line only)', () => {
    const commandLine = fs.readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine.slice(1, 1 + READ_STORE_NODE_FLAGS.length)).toEqual([...READ_STORE_NODE_FLAGS]);
  });
});
