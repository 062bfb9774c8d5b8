/**
 * One benchmark pass, run by bench/run.ts in a fresh process so every pass starts with a fresh
 * client (one per process, as the application uses it), a fresh server and a fresh data dir:
 *
 *   node dist/bench/pass.js figures embedded|ceiling
 *   node dist/bench/pass.js memory  embedded|ceiling
 *
 * Sends its result to the parent over IPC (or prints it as JSON when run by hand).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { startCeilingEventStore } from './ceiling/launch';
import { BenchConfig, loadConfig } from './config';
import { clientCpuMicros, directoryBytes, machineBusyMicros, MemoryStatus, memoryStatus, processCpu } from './proc';
import { fill, Measured, runAppends, runReadAll, runSubscription } from './workloads';

export type ServerKind = 'embedded' | 'ceiling';

export interface FiguresResult {
  mode: 'figures';
  kind: ServerKind;
  single: Measured;
  concurrent: Measured;
  batch: Measured;
  fill: Measured;
  read: Measured;
  subscription: Measured;
  storeEvents: number;
  serverPeakMb: number;
  clientPeakMb: number;
  /** 1-minute load average before and after the pass: other work on the machine skews figures. */
  loadBefore: number;
  loadAfter: number;
  /** CPU cores other processes kept busy on average during the pass (the rest of the machine). */
  otherCores: number;
}

export interface MemoryResult {
  mode: 'memory';
  kind: ServerKind;
  points: Array<{ events: number; fillSeconds: number; eventsPerSecond: number; server: MemoryStatus; dataDirMb: number; truncated: boolean }>;
  totalSeconds: number;
}

interface Server {
  pid: number;
  connectionString: string;
  stop(): Promise<void>;
}

async function startServer(kind: ServerKind, dataDir: string): Promise<Server> {
  if (kind === 'ceiling') return startCeilingEventStore({ port: 0, dataDir });
  return startEmbeddedEventStore({ dataDir, port: 0 });
}

async function withServer<T>(kind: ServerKind, body: (client: EventStoreDBClient, server: Server, dataDir: string) => Promise<T>): Promise<T> {
  // Under the run's own temporary directory when run by bench/run.ts, which removes it even if
  // this pass is killed at its time limit.
  const dataDir = fs.mkdtempSync(path.join(process.env.BENCH_TMP_DIR ?? os.tmpdir(), `handoff-bench-${kind}-`));
  let server: Server | undefined;
  try {
    server = await startServer(kind, dataDir);
    // One client for this server in this process; disposed only once nothing is in flight.
    const client = EventStoreDBClient.connectionString(server.connectionString);
    try {
      return await body(client, server, dataDir);
    } finally {
      await client.dispose().catch(() => undefined);
    }
  } finally {
    if (server) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

function describe(name: string, m: Measured): void {
  const latency = m.p50Ms !== undefined ? `, p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms!.toFixed(2)} ms` : '';
  log(
    `${name}: ${m.events} events / ${m.operations} ops in ${m.seconds.toFixed(2)} s = ${Math.round(m.eventsPerSecond)} events/s${latency}` +
      `; cpu server ${m.serverCpuMicrosPerEvent.toFixed(1)} µs/event (sys ${m.serverSystemCpuMicrosPerEvent.toFixed(1)}), client ${m.clientCpuMicrosPerEvent.toFixed(1)} µs/event${m.truncated ? ' (time bound hit)' : ''}`,
  );
}

async function figures(kind: ServerKind, config: BenchConfig): Promise<FiguresResult> {
  const loadBefore = os.loadavg()[0]!;
  const machineBefore = machineBusyMicros();
  const clientBefore = clientCpuMicros();
  const wallBefore = Date.now();
  return withServer(kind, async (client, server) => {
    let appended = 0;
    const step = async (name: string, run: () => Promise<Measured>) => {
      const measured = await run();
      describe(name, measured);
      return measured;
    };
    // Warm-up (connection, server features, JIT on both sides); not measured.
    const warm = await fill(client, server.pid, { events: config.warmupAppends, batch: 1, writers: 16, maxMs: config.maxWorkloadMs, name: 'warmup' });
    appended += warm.events;
    await runReadAll(client, server.pid, appended, config.maxWorkloadMs);

    const single = await step('1 writer, single events', () =>
      runAppends(client, server.pid, {
        name: 'single',
        writers: 1,
        appends: config.singleWriterAppends,
        eventsPerAppend: 1,
        maxMs: config.maxWorkloadMs,
        expected: 'exact',
        recordLatency: true,
      }),
    );
    appended += single.events;
    const concurrent = await step(`${config.concurrentWriters} writers, single events`, () =>
      runAppends(client, server.pid, {
        name: 'concurrent',
        writers: config.concurrentWriters,
        appends: config.concurrentAppends,
        eventsPerAppend: 1,
        maxMs: config.maxWorkloadMs,
        expected: 'exact',
        recordLatency: true,
      }),
    );
    appended += concurrent.events;
    const batch = await step(`${config.batchWriters} writers, batches of ${config.batchSize}`, () =>
      runAppends(client, server.pid, {
        name: 'batch',
        writers: config.batchWriters,
        appends: config.batchAppends,
        eventsPerAppend: config.batchSize,
        maxMs: config.maxWorkloadMs,
        expected: 'exact',
        recordLatency: true,
      }),
    );
    appended += batch.events;
    const filled = await step('fill, 8 writers, batches of 100', () =>
      fill(client, server.pid, { events: Math.max(0, config.readEvents - appended), batch: 100, writers: 8, maxMs: config.maxWorkloadMs, name: 'fill' }),
    );
    appended += filled.events;
    const read = await step('$all read', () => runReadAll(client, server.pid, appended, config.maxWorkloadMs));
    const subscription = await step('$all catch-up subscription', () => runSubscription(client, server.pid, appended, config.maxWorkloadMs));
    // The server is fresh, so its whole CPU time is this pass's.
    const otherCores = () => {
      const serverCpu = processCpu(server.pid);
      const ours = clientCpuMicros() - clientBefore + serverCpu.user + serverCpu.system;
      return Math.max(0, machineBusyMicros() - machineBefore - ours) / ((Date.now() - wallBefore) * 1000);
    };
    return {
      mode: 'figures' as const,
      kind,
      single,
      concurrent,
      batch,
      fill: filled,
      read,
      subscription,
      storeEvents: appended,
      serverPeakMb: memoryStatus(server.pid).peakMb,
      clientPeakMb: memoryStatus('self').peakMb,
      loadBefore,
      loadAfter: os.loadavg()[0]!,
      otherCores: otherCores(),
    };
  });
}

async function memory(kind: ServerKind, config: BenchConfig): Promise<MemoryResult> {
  return withServer(kind, async (client, server, dataDir) => {
    const started = Date.now();
    const deadline = started + config.memory.maxMs;
    const points: MemoryResult['points'] = [];
    let stored = 0;
    for (const target of [config.memory.small, config.memory.large]) {
      const maxMs = Math.max(0, deadline - Date.now());
      const measured = await fill(client, server.pid, {
        events: Math.max(0, target - stored),
        batch: config.memory.batch,
        writers: config.memory.writers,
        maxMs,
        name: `memory-${target}`,
      });
      stored += measured.events;
      // Let the server settle (flushes, GC opportunities) before sampling its memory.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const point = {
        events: stored,
        fillSeconds: (Date.now() - started) / 1000,
        eventsPerSecond: measured.eventsPerSecond,
        server: memoryStatus(server.pid),
        dataDirMb: directoryBytes(dataDir) / (1024 * 1024),
        truncated: measured.truncated,
      };
      log(
        `memory: ${stored} events after ${point.fillSeconds.toFixed(1)} s (${Math.round(point.eventsPerSecond)} events/s): ` +
          `server RSS ${point.server.rssMb.toFixed(1)} MB (anon ${point.server.anonMb.toFixed(1)}, file ${point.server.fileMb.toFixed(1)}), peak ${point.server.peakMb.toFixed(1)} MB; data dir ${point.dataDirMb.toFixed(1)} MB` +
          `${measured.truncated ? ' (time bound hit)' : ''}`,
      );
      points.push(point);
      if (measured.truncated) break;
    }
    return { mode: 'memory' as const, kind, points, totalSeconds: (Date.now() - started) / 1000 };
  });
}

async function main(): Promise<void> {
  const [mode, kind] = process.argv.slice(2);
  if ((mode !== 'figures' && mode !== 'memory') || (kind !== 'embedded' && kind !== 'ceiling')) {
    throw new Error('usage: pass.js figures|memory embedded|ceiling');
  }
  const config = loadConfig();
  const result = mode === 'figures' ? await figures(kind, config) : await memory(kind, config);
  if (process.send) await new Promise<void>((resolve) => process.send!(result, () => resolve()));
  else process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench pass failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
