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
import { databaseName } from '@handoff/projections';
import { ReactionStore } from '@handoff/reactions';
import { MongoClient } from 'mongodb';

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
  expect(result.stdout).toMatch(/^ {2}cli-test-1@0 event .+: missing-hash/m);
});

it('projections rebuild requests a generation in the embedded read store; status shows it; without a projector the wait runs out', async () => {
  const requested = await cli(['projections', 'rebuild', 'hub-load']);
  expect(requested).toMatchObject({ code: 0, stderr: '' });
  expect(requested.stdout).toMatch(/^rebuild of hub-load requested: generation 2 \(v\d+\) builds into .+ while the current one serves\n$/);

  const status = await cli(['projections', 'status']);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/^hub-load rebuilding v\d+ generation 2: checkpoint start, 0 events, 0\/s$/m);

  // CI's stderr is no terminal: no bar, only the summary on stdout.
  const waited = await cli(['projections', 'rebuild', 'hub-load', '--wait', '1']);
  expect(waited).toMatchObject({ code: 1, stderr: '' });
  expect(waited.stdout).toContain('still rebuilding after 1 s: generation 2 at checkpoint start, 0 events');
});

it('on a terminal, projections rebuild --wait draws its bar against the head of $all', async () => {
  // `script` gives the command a pseudo-terminal, as a person's shell would.
  const command = [process.execPath, CLI, 'projections', 'rebuild', 'hub-load', '--wait', '1'].map((word) => `'${word}'`).join(' ');
  const result = await run('script', ['-qec', command, '/dev/null'], { env, timeout: 30_000 }).catch((error) => error);
  const head = await headCommit();
  expect(result.stdout).toContain(`rebuilding hub-load`);
  expect(result.stdout).toContain(`| position 0/${head} | 0 events`);
  expect(result.stdout).toContain('still rebuilding after 1 s');
});

it('projections skip refuses an event the projection is not stopped on', async () => {
  const result = await cli(['projections', 'skip', 'hub-load', 'no-such-event', '--by', 'ops']);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('refused: hub-load is not stopped on event no-such-event');
});

it('projections status lists the reactions; skip works for a reaction stopped on that event, and refuses any other', async () => {
  expect((await cli(['projections', 'status'])).stdout).toMatch(/^reaction hub-cycle-intake v1: not started yet$/m);
  const refused = await cli(['projections', 'skip', 'hub-cycle-intake', 'no-such-event', '--by', 'ops']);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toContain('refused: reaction hub-cycle-intake is not stopped on event no-such-event');

  // As a reactor records it when a command it issues keeps failing on one event (ReactionRunner).
  const mongo = await new MongoClient(readStore.uri).connect();
  try {
    const stopped = new ReactionStore(mongo.db(databaseName({ mongodbUri: readStore.uri })));
    await stopped.ensure('hub-cycle-intake@v1', 'hub-cycle-intake', 1);
    const since = new Date();
    await stopped.recordError('hub-cycle-intake@v1', { kind: 'command', message: 'store unreachable', eventId: 'evt-7', eventType: 'ParcelReceivedAtHub', position: '42', attempts: 3, since });
    expect((await cli(['projections', 'status'])).stdout).toMatch(
      /^reaction hub-cycle-intake v1: checkpoint start, 0 events, 0 commands \(0 refused, 0 found done\), 0\/s {2}STOPPED on ParcelReceivedAtHub evt-7 at 42: store unreachable$/m,
    );
    const skipped = await cli(['projections', 'skip', 'hub-cycle-intake', 'evt-7', '--by', 'ops']);
    expect(skipped).toMatchObject({ code: 0, stderr: '' });
    expect(skipped.stdout).toContain('skip of evt-7 requested for reaction hub-cycle-intake v1');
    expect(await stopped.records.findOne({ _id: 'hub-cycle-intake@v1' })).toMatchObject({ skipRequest: { eventId: 'evt-7', by: 'ops' } });
  } finally {
    await mongo.close();
  }
});

async function headCommit(): Promise<string> {
  const client = EventStoreDBClient.connectionString(eventStore.connectionString);
  try {
    for await (const resolved of client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) return String(resolved.event!.position!.commit);
    throw new Error('empty $all');
  } finally {
    await client.dispose();
  }
}
