/**
 * The tamper test of issue 17 §6: bytes flipped in stored events (at least 200, each in its own
 * stream), an event removed at the storage level and two events swapped, in the embedded event
 * store's file. Every case must be found, with its place named, by `cli audit verify` (the real
 * process, through the official client) and by the projector's background verifier (its full pass).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, NO_STREAM } from '@eventstore/db-client';
import type { TestingModule } from '@nestjs/testing';
import { EventStore, IntegrityAlarm, IntegrityFinding, readIntegritySummary, recordFinding } from '@handoff/eventstore';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { MongoClient } from 'mongodb';
import { BackgroundVerifier } from '../../apps/projector/src/integrity/background-verifier';
import { eventStoreTestingModule } from '../support/event-store-testing-module';
import { createdEntryRange, tamperWithEventLog } from '../support/event-store-tampering';
import { startTestReadStore, TestReadStore } from '../projections/support/read-side.fixture';
import { seededRandom } from '../../bench/seeded-random';

jest.setTimeout(180_000);

const FLIPS = 210;
const EVENTS_PER_STREAM = 4;
/** The flips come from a seeded generator, so a failing one can be replayed (TAMPER_SEED). */
const SEED = Number(process.env.TAMPER_SEED ?? 17);
const CLI = path.join(__dirname, '../../dist/apps/cli/src/main.js');

/** One tampered event: where it was before the attack, by every name a report may use. */
interface Case {
  what: string;
  stream: string;
  revision: number;
  eventId: string;
  position: number;
}

const names = (finding: IntegrityFinding, c: Case): boolean =>
  finding.eventId === c.eventId || (finding.stream === c.stream && finding.revision === String(c.revision)) || finding.position === String(c.position);

const runCli = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('tampering with the event store file is detected, with the place named', () => {
  let dir: string;
  let server: EmbeddedEventStoreHandle;
  let readStore: TestReadStore;
  let mongo: MongoClient;
  let client: EventStoreDBClient;
  let alarm: IntegrityAlarm;
  const cases: Case[] = [];

  const verifier = () => new BackgroundVerifier({ db: mongo.db('handoff'), client, alarm, owner: 'tamper-test', fullPassIntervalMs: 60_000, pageSize: 500 });

  beforeAll(async () => {
    dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'handoff-tamper-')), 'eventstore');
    server = await startEmbeddedEventStore({ dataDir: dir, port: 0 });
    readStore = await startTestReadStore();
    mongo = new MongoClient(readStore.uri);
    alarm = new IntegrityAlarm();
    alarm.listen((finding, source) => recordFinding(mongo.db('handoff'), finding, source));

    // Streams written by the product's chained write path.
    const { module } = await eventStoreTestingModule(server.connectionString);
    const store = module.get(EventStore);
    const context = { correlationId: 'seed', causationId: 'seed', actor: { kind: 'courier', id: 'ana' } };
    for (let s = 0; s < FLIPS + 2; s++) {
      const events = Array.from({ length: EVENTS_PER_STREAM }, (_, i) => ({
        type: i === 0 ? 'ParcelRegistered' : 'ParcelHandoffAccepted',
        data: { parcelId: `p${s}`, holder: { kind: 'courier', id: `courier-${i}` }, geo: { latitude: 44.97 + i / 1000, longitude: -93.26 }, note: 'handed over at the hub door' },
      }));
      await store.append(`parcel-${randomUUID()}`, events, { expectedRevision: NO_STREAM, context });
    }
    await (module as TestingModule).close();
    client = EventStoreDBClient.connectionString(server.connectionString);
  });

  afterAll(async () => {
    await client?.dispose();
    await mongo?.close();
    await server?.stop();
    await readStore?.dispose();
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('finds nothing in an untouched store', async () => {
    const cli = await runCli(['audit', 'verify'], { EVENTSTORE_CONNECTION_STRING: server.connectionString });
    expect(cli).toMatchObject({ code: 0, stdout: expect.stringContaining(`every chain verifies: ${(FLIPS + 2) * EVENTS_PER_STREAM} events`) });
    const background = verifier();
    expect(await background.fullPass()).toEqual([]);
    expect(await background.catchUp()).toEqual([]);
    expect(await readIntegritySummary(mongo.db('handoff'))).toMatchObject({
      state: 'verified',
      findings: 0,
      eventsVerified: (FLIPS + 2) * EVENTS_PER_STREAM,
      lastFullPass: expect.objectContaining({ events: (FLIPS + 2) * EVENTS_PER_STREAM, streams: FLIPS + 2, findings: 0 }),
    });
  });

  it(`finds ${FLIPS} byte flips, a removed event and a swap, by the CLI and the background verifier`, async () => {
    await client.dispose();
    await server.stop();
    const next = seededRandom(SEED);
    await tamperWithEventLog(dir, (log) => {
      const byStream = new Map<string, ReturnType<typeof log.records>>();
      for (const record of log.records()) byStream.set(record.event!.s, [...(byStream.get(record.event!.s) ?? []), record]);
      const streams = [...byStream.values()];
      for (const records of streams.slice(0, FLIPS)) {
        const { position, record, event } = records[Math.floor(next() * records.length)]!;
        const [from, to] = createdEntryRange(record, event!);
        let offset: number;
        do offset = Math.floor(next() * record.length);
        while (offset >= from && offset < to);
        const flipped = Buffer.from(record);
        flipped[offset] ^= 1 + Math.floor(next() * 255);
        log.put(position, flipped);
        cases.push({ what: `byte ${offset} of ${record.length} flipped`, stream: event!.s, revision: event!.r, eventId: event!.i, position });
      }
      const removed = streams[FLIPS]![1]!;
      log.remove(removed.position);
      cases.push({ what: 'removed', stream: removed.event!.s, revision: 1, eventId: removed.event!.i, position: removed.position });
      const [, b, c] = streams[FLIPS + 1]!;
      log.rewrite(b!.position, () => ({ ...c!.event!, r: b!.event!.r }));
      log.rewrite(c!.position, () => ({ ...b!.event!, r: c!.event!.r }));
      cases.push({ what: 'swapped with the next', stream: b!.event!.s, revision: 1, eventId: c!.event!.i, position: b!.position });
    });
    server = await startEmbeddedEventStore({ dataDir: dir, port: server.port });
    client = EventStoreDBClient.connectionString(server.connectionString);

    // The CLI, as an operator runs it: exit 1 and one line per bad stream naming the place.
    const cli = await runCli(['audit', 'verify'], { EVENTSTORE_CONNECTION_STRING: server.connectionString });
    expect(cli.code).toBe(1);
    const lines = cli.stdout.split('\n').filter((line) => line.startsWith('  '));
    const missedByCli = cases.filter((c) => !lines.some((line) => line.includes(`${c.stream}@${c.revision} `) || line.includes(c.eventId) || line.includes(`$all position ${c.position}:`)));
    expect(missedByCli).toEqual([]);

    // The background verifier: the incremental step has verified these positions already; the full pass finds every case.
    const background = verifier();
    const found = await background.fullPass();
    const missedByBackground = cases.filter((c) => !found.some((finding) => names(finding, c)));
    expect(missedByBackground).toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(FLIPS + 2);

    // Loud: /health's summary is failed, naming the first findings.
    const summary = await readIntegritySummary(mongo.db('handoff'));
    expect(summary).toMatchObject({
      state: 'failed',
      findings: expect.any(Number),
      failures: expect.arrayContaining([expect.objectContaining({ problem: expect.any(String), sources: ['full-pass'] })]),
    });
    expect(summary.findings).toBeGreaterThanOrEqual(FLIPS + 2);
  });
});
