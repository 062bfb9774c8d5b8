/**
 * The embedded event store's credentials and TLS identity: generated at first start, 0600 in a
 * 0700 data dir (with the event log's own files), the password never on the server's output nor in
 * the file the server checks against, and the same ones at the next start.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { startEmbeddedEventStore } from './launch';
import { expectOwnerOnly, modeOf } from '../../../../test/support/file-modes';

jest.setTimeout(30_000);

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-es-auth-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('generates credentials and a certificate at first start, all 0600 in a 0700 data dir, and never prints the password', async () => {
  const server = await startEmbeddedEventStore({ dataDir, port: 0, stderr: 'pipe' });
  let output = '';
  server.process.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.process.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'));
    expect(credentials).toEqual({ username: 'admin', password: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(fs.readFileSync(path.join(dataDir, 'users.json'), 'utf8')).not.toContain(credentials.password);
    expect(server.connectionString).toContain(`admin:${credentials.password}@`);
    expect(server.connectionString).toContain(`tlsCAFile=${encodeURIComponent(path.join(dataDir, 'tls-cert.pem'))}`);

    const client = EventStoreDBClient.connectionString(server.connectionString);
    await client.appendToStream('probe-1', jsonEvent({ type: 'Probed', data: {} }));
    await client.dispose();

    expect(expectOwnerOnly(dataDir)).toEqual(expect.arrayContaining(['credentials.json', 'users.json', 'tls-cert.pem', 'tls-key.pem', 'data.mdb', 'lock.mdb']));
  } finally {
    await server.stop();
  }
  expect(output).not.toContain(JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')).password);
});

it('keeps its credentials and certificate at the next start, and tightens a data dir left readable by others', async () => {
  const first = await startEmbeddedEventStore({ dataDir, port: 0 });
  const firstConnection = first.connectionString;
  const certificate = fs.readFileSync(path.join(dataDir, 'tls-cert.pem'), 'utf8');
  await first.stop();
  fs.chmodSync(dataDir, 0o755);
  fs.chmodSync(path.join(dataDir, 'data.mdb'), 0o644);

  const second = await startEmbeddedEventStore({ dataDir, port: 0 });
  const client = EventStoreDBClient.connectionString(firstConnection.replace(/:\d+\?/, `:${second.port}?`));
  try {
    await client.appendToStream('probe-2', jsonEvent({ type: 'Probed', data: {} }));
    expect(fs.readFileSync(path.join(dataDir, 'tls-cert.pem'), 'utf8')).toBe(certificate);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'data.mdb'))).toBe(0o600);
  } finally {
    await client.dispose();
    await second.stop();
  }
});
