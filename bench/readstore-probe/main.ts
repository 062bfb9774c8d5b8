/**
 * A latency probe for the embedded MongoDB-compatible server (not the official benchmark, which is
 * bench/projections): the driver runs here, the server in its own process started with
 * `startEmbeddedReadStore`, on a collection of N read-model-like documents.
 *
 *   node dist/bench/readstore-probe/main.js [--docs 1000000] [--data-dir DIR] [--samples 20000]
 *        [--node-args "--cpu-prof --cpu-prof-dir=/tmp/x"] [--memory 100000,500000,1000000]
 *        [--uri mongodb://... --pid <server pid> [--phase-signal SIGUSR2]]
 *
 * Prints p50/p90/p99/p99.9/max for an `_id` lookup, a unique secondary-index lookup and a filtered,
 * sorted page of 50, with the machine's load while measuring (other processes skew tails), and the
 * server's RSS / anonymous memory after each load step. A data dir given with --data-dir is reused
 * when it already holds the documents (loading 1M takes a while). With --uri/--pid the probe uses a
 * server started by someone else (e.g. an instrumented one), sending it --phase-signal after each
 * measurement so it can print its own view of that phase.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedReadStore } from '@handoff/readstore/embedded/launch';
import { percentile } from '../percentile';
import { machineBusyMicros, memoryStatus, processCpu } from '../proc';

const HUBS = 200;
const STATUSES = ['registered', 'at_hub', 'in_transit', 'delivered', 'returned'];
const BATCH = 1000;

interface Args {
  docs: number;
  dataDir?: string;
  samples: number;
  nodeArgs: string[];
  memorySteps: number[];
  uri?: string;
  pid?: number;
  phaseSignal?: NodeJS.Signals;
}

function parseArgs(argv: string[]): Args {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) flags.set(argv[i]!.replace(/^--/, ''), argv[i + 1] ?? '');
  const docs = Number(flags.get('docs') ?? 1_000_000);
  return {
    docs,
    dataDir: flags.get('data-dir'),
    samples: Number(flags.get('samples') ?? 20_000),
    nodeArgs: (flags.get('node-args') ?? '').split(' ').filter(Boolean),
    memorySteps: (flags.get('memory') ?? '').split(',').filter(Boolean).map(Number),
    uri: flags.get('uri'),
    pid: flags.has('pid') ? Number(flags.get('pid')) : undefined,
    phaseSignal: flags.get('phase-signal') as NodeJS.Signals | undefined,
  };
}

const trackingCode = (i: number) => `TRK${String(i).padStart(9, '0')}`;
const parcelId = (i: number) => `parcel-${String(i).padStart(9, '0')}`;

function parcel(i: number) {
  return {
    _id: parcelId(i),
    trackingCode: trackingCode(i),
    hubId: `hub-${i % HUBS}`,
    status: STATUSES[Math.floor(i / 7) % STATUSES.length],
    courierId: `courier-${(i * 31) % 5000}`,
    updatedAt: new Date(1_790_000_000_000 + i * 1000),
    attempts: i % 4,
    declaredValue: { amountMinor: (i * 13) % 100_000, currency: 'EUR' },
    lastHandoff: { from: `courier-${i % 977}`, to: `hub-${i % HUBS}`, at: new Date(1_790_000_000_000 + i * 1000 - 60_000) },
  };
}

async function load(client: MongoClient, from: number, to: number): Promise<void> {
  const parcels = client.db('probe').collection<any>('parcels');
  for (let start = from; start < to; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(to, start + BATCH); i++) batch.push(parcel(i));
    await parcels.insertMany(batch, { ordered: false });
  }
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted[sorted.length - 1]! };
}

interface Server {
  uri: string;
  pid: number;
  close(): Promise<void>;
}

async function serverFor(args: Args, dataDir: string): Promise<Server> {
  if (args.uri && args.pid) return { uri: args.uri, pid: args.pid, close: async () => undefined };
  return startEmbeddedReadStore({ dataDir, port: 0, execArgv: args.nodeArgs });
}

async function measure(label: string, samples: number, serverPid: number, op: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(2000, samples / 5); i++) await op(i); // warm up
  const latencies: number[] = [];
  const busyBefore = machineBusyMicros();
  const cpuBefore = processCpu(serverPid);
  const started = process.hrtime.bigint();
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await op(i);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = processCpu(serverPid);
  const serverCpuUs = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / samples;
  const machineCores = (machineBusyMicros() - busyBefore) / 1e6 / wallS;
  const p = percentiles(latencies);
  const ms = (n: number) => n.toFixed(3);
  console.log(
    `${label.padEnd(34)} p50 ${ms(p.p50)}  p90 ${ms(p.p90)}  p99 ${ms(p.p99)}  p99.9 ${ms(p.p999)}  max ${ms(p.max)} ms` +
      `  | server CPU ${serverCpuUs.toFixed(0)} µs/op, machine busy ${machineCores.toFixed(2)} cores, ${(samples / wallS).toFixed(0)} ops/s`,
  );
}

function memoryLine(pid: number, docs: number): string {
  const m = memoryStatus(pid);
  return `server memory at ${docs} docs: RSS ${m.rssMb.toFixed(0)} MB (anon ${m.anonMb.toFixed(0)} MB, file ${m.fileMb.toFixed(0)} MB)`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const ownDir = !args.dataDir;
  const dataDir = args.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-readstore-probe-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await serverFor(args, dataDir).catch((error: unknown) => {
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const phaseDone = () => args.phaseSignal && process.kill(server.pid, args.phaseSignal);
  const client = new MongoClient(server.uri, { maxPoolSize: 1 });
  try {
    await client.connect();
    const parcels = client.db('probe').collection<any>('parcels');
    await parcels.createIndex({ trackingCode: 1 }, { unique: true });
    await parcels.createIndex({ hubId: 1, status: 1, updatedAt: -1 });
    let have = await parcels.estimatedDocumentCount();
    const steps = [...args.memorySteps.filter((n) => n < args.docs), args.docs];
    for (const step of steps) {
      if (have < step) {
        const t0 = Date.now();
        await load(client, have, step);
        console.log(`loaded ${step - have} documents in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        have = step;
      }
      console.log(memoryLine(server.pid, have));
    }
    const n = have;
    const random = (i: number) => (i * 7919 + 17) % n;
    // the floor: what the driver, the kernel and the scheduler cost when the server does nothing
    await measure('ping (floor)', args.samples, server.pid, () => client.db('probe').command({ ping: 1 }));
    phaseDone();
    await measure('_id lookup (findOne)', args.samples, server.pid, (i) => parcels.findOne({ _id: parcelId(random(i)) }));
    phaseDone();
    await measure('trackingCode lookup (unique index)', args.samples, server.pid, (i) => parcels.findOne({ trackingCode: trackingCode(random(i)) }));
    phaseDone();
    await measure('page of 50 (hub+status, updatedAt desc)', Math.max(1000, args.samples / 4), server.pid, (i) =>
      parcels
        .find({ hubId: `hub-${i % HUBS}`, status: 'in_transit' })
        .sort({ updatedAt: -1 })
        .limit(50)
        .toArray(),
    );
    phaseDone();
    console.log(memoryLine(server.pid, n));
  } finally {
    await client.close();
    await server.close();
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
