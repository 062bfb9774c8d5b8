/**
 * The admin commands beside a running all-in-one: no connection strings, only the data directory
 * and the embedded servers' ports, as an operator runs `npm run cli -- ...` next to `npm start`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { EmbeddedReadStoreHandle, startEmbeddedReadStore } from '@handoff/readstore/embedded/launch';
import { repoRoot } from '@handoff/shared/compiled-path';

jest.setTimeout(60_000);

const CLI = path.join(repoRoot(), 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

let dataDir: string;
let eventStore: EmbeddedEventStoreHandle;
let readStore: EmbeddedReadStoreHandle;
let env: NodeJS.ProcessEnv;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-cli-stores-'));
  eventStore = await startEmbeddedEventStore({ dataDir: path.join(dataDir, 'eventstore'), port: 0 });
  readStore = await startEmbeddedReadStore({ dataDir: path.join(dataDir, 'readstore'), port: 0 });
  const client = EventStoreDBClient.connectionString(eventStore.connectionString);
  await client.appendToStream('cli-test-1', [jsonEvent({ type: 'Noted', data: { n: 1 } }), jsonEvent({ type: 'Noted', data: { n: 2 } })]);
  await client.dispose();
  const { EVENTSTORE_CONNECTION_STRING: _es, MONGODB_URI: _mongo, ...rest } = process.env;
  env = { ...rest, HANDOFF_DATA_DIR: dataDir, EMBEDDED_EVENTSTORE_PORT: String(eventStore.port), EMBEDDED_MONGODB_PORT: String(readStore.port) };
}, 60_000);

afterAll(async () => {
  await eventStore?.stop();
  await readStore?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('audit verify reaches the embedded event store through its TLS identity and credentials', async () => {
  const result = await cli(['audit', 'verify']);
  // It read $all: the events appended above bypassed the product's hash chain, so they are named.
  expect(result).toMatchObject({ code: 1, stderr: '' });
  expect(result.stdout).toContain('TAMPERED: 1 stream(s) fail verification (2 events read)');
  expect(result.stdout).toMatch(/^  cli-test-1@0 event .+: missing-hash/m);
});
