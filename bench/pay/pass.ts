/**
 * The pay bench, in its own process (the projector's V8 flags): seeds a month of delivery
 * accruals, reads `$all` raw, rebuilds the pay read models (one projection, every pay collection)
 * over it, then times the statement of a participant with STATEMENT_ACCRUALS accruals in the month
 * (its first page of lines, and the whole month page by page) and the pay-equity report of a
 * hub-month, through the query class the API serves them with. Sends its result over IPC, or prints it when run by hand.
 */
import { UpcasterRegistry } from '@handoff/eventstore';
import { MAX_STATEMENT_PAGE, PayReportQueries } from '@handoff/pay/read-models/pay-report-queries';
import { payProjections } from '@handoff/pay/read-models/pay-projections';
import { defineProjection, ProjectionRuntime, ProjectionStore, ReadModels, RegistryCache, type ProjectionDefinition } from '@handoff/projections';
import type { DomainEvent } from '@handoff/kernel';
import type { Db } from 'mongodb';
import { rawReadRate, withBenchServers } from '../embedded-servers';
import { reportPass } from '../forked-pass';
import { percentile } from '../percentile';
import { memoryStatus } from '../proc';
import { hubOf, HUBS, PERIOD, seedAccruals, STATEMENT_ACCRUALS, STATEMENT_PARTICIPANT } from './seed-accruals';

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

export interface PayBenchResult {
  accruals: number;
  ledgers: number;
  seedSeconds: number;
  rawReadPerSecond: number;
  rebuildPerSecond: number;
  rebuildSeconds: number;
  /** The same rebuild with a projection that writes nothing: what reading, checking and feeding the events allows. */
  pipelinePerSecond: number;
  statement: Latency & { lines: number };
  /** Every line of the month, page after page of MAX_STATEMENT_PAGE. */
  wholeMonth: Latency & { pages: number };
  payEquity: Latency & { documents: number };
  readStorePeakMb: number;
  projectorPeakMb: number;
}

const ADMIN = { role: 'admin' as const, participantId: 'bench-admin' };

/** The runtime's own cost on these events (subscription, decoding, hash checks, checkpoints) with no read model to write. */
const WRITES_NOTHING = defineProjection<DomainEvent>({ name: 'pay-bench-pipeline', version: 1, collections: { nothing: {} }, handlers: { AccrualRecorded: () => [], StatementIssued: () => [] } });

export async function runPayBench(accruals: number): Promise<PayBenchResult> {
  return withBenchServers('pay', async ({ eventStoreConnectionString, readStorePid, client, mongo }) => {
    const started = performance.now();
    const ledgers = await seedAccruals(client, accruals);
    const seedSeconds = (performance.now() - started) / 1000;
    log(`seeded ${accruals.toLocaleString('en-US')} accruals in ${ledgers} ledgers in ${seedSeconds.toFixed(0)} s`);

    const rawReadPerSecond = await rawReadRate(client);

    // Every accrual, and the one statement of the statement participant.
    const rebuild = async (db: Db, projections: ProjectionDefinition<any>[]) => {
      const runtime = new ProjectionRuntime({
        db,
        client,
        upcasters: new UpcasterRegistry(),
        projections,
        tuning: { superviseEveryMs: 50 },
        subscriptionThread: { connectionString: eventStoreConnectionString },
      });
      const started = performance.now();
      runtime.start();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        const tracks = await Promise.all(projections.map((projection) => new ProjectionStore(db).findTrack(projection.name, 1)));
        if (tracks.every((track) => track && track.eventsApplied >= accruals + 1)) break;
      }
      await runtime.stop();
      return (performance.now() - started) / 1000;
    };
    const pipelineSeconds = await rebuild(mongo.db('bench-pipeline'), [WRITES_NOTHING]);
    log(`fed the same events to a projection that writes nothing in ${pipelineSeconds.toFixed(1)} s`);
    const db = mongo.db('bench');
    const store = new ProjectionStore(db);
    const rebuildSeconds = await rebuild(db, payProjections);
    log(`rebuilt the pay read models in ${rebuildSeconds.toFixed(1)} s`);

    // As the API reads them: the registry remembered for 1 s (RegistryCache), the query class the controller calls.
    const queries = new PayReportQueries(new ReadModels(db, new RegistryCache(store, 1_000)), { US: { amountMinor: 60_000, currency: 'USD' } });
    let lines = 0;
    const statement = await latencies(50, 1_000, async () => {
      const month = await queries.statementMonth(ADMIN, STATEMENT_PARTICIPANT, PERIOD);
      lines = month.lines.length;
      if (month.counts.accruals !== STATEMENT_ACCRUALS || month.lines[0]?.statementId !== 'st-bench') throw new Error(`the statement had ${month.counts.accruals} accruals`);
    });
    let pages = 0;
    const wholeMonth = await latencies(3, 50, async () => {
      let seen = 0;
      pages = 0;
      for (let after: number | null = -1; after !== null; pages++) {
        const page = await queries.statementMonth(ADMIN, STATEMENT_PARTICIPANT, PERIOD, { after, limit: MAX_STATEMENT_PAGE });
        seen += page.lines.length;
        after = page.next;
      }
      if (seen !== STATEMENT_ACCRUALS) throw new Error(`walking the month saw ${seen} lines`);
    });
    let documents = 0;
    let hub = 0;
    const payEquity = await latencies(500, 3_000, async () => {
      const view = await queries.payEquity(ADMIN, hubOf(hub++ % HUBS), PERIOD);
      documents = view.routes.reduce((sum, route) => sum + route.capacities.length, 0);
      if (view.hub.reduce((sum, row) => sum + row.deliveries, 0) === 0) throw new Error(`hub ${view.hubId} had no deliveries`);
    });
    return {
      accruals,
      ledgers,
      seedSeconds,
      rawReadPerSecond,
      rebuildPerSecond: accruals / rebuildSeconds,
      rebuildSeconds,
      pipelinePerSecond: accruals / pipelineSeconds,
      statement: { ...statement, lines },
      wholeMonth: { ...wholeMonth, pages },
      payEquity: { ...payEquity, documents },
      readStorePeakMb: memoryStatus(readStorePid).peakMb,
      projectorPeakMb: memoryStatus(process.pid).peakMb,
    };
  });
}

/** Percentiles after `warmUp` untimed queries (a fresh client's first queries run while V8 compiles the driver; see bench/projections/pass.ts). */
async function latencies(warmUp: number, samples: number, query: () => Promise<void>): Promise<Latency> {
  for (let i = 0; i < warmUp; i++) await query();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), samples };
}

const log = (line: string) => process.stdout.write(`  ${line}\n`);

if (require.main === module) reportPass(runPayBench(Number(process.argv[2] ?? 1_000_000)));
