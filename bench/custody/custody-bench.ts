/**
 * `BENCH_ONLY=custody npm run bench`: the custody API end to end on the all-in-one (API,
 * projector, embedded event store and read store on this machine), beside the raw append rate
 * of the same embedded event store measured in the same run through the official client.
 *
 * - handoff commands/s: 64 concurrent clients, each moving its own parcels back and forth between
 *   two couriers (offer by the holder, accept by the receiver: two commands per handoff);
 * - raw appends: single events and batches of 10 by 64 writers, exact expected revision, as the
 *   event store bench does;
 * - custody-chain query p50/p99 for a parcel with 50 events, read models caught up.
 *
 * Knobs: BENCH_SCALE=small (shorter phases), CUSTODY_BENCH_SECONDS (handoff phase, default 15).
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { embeddedEventStoreConnectionString } from '@handoff/eventstore/embedded/launch';
import { embeddedReadStoreUri } from '@handoff/readstore/embedded/launch';
import { MongoClient } from 'mongodb';
import { runNode } from '../../test/support/run-node';
import { percentile } from '../percentile';
import { processCpu } from '../proc';
import { runAppends } from '../workloads';

const CLIENTS = 64;
/**
 * Each client moves its parcels round-robin. Parcels carry 5-50 events in the field (the chain
 * query below uses a 50-event one); 12 parcels per client keeps them there at 2,000 commands/s
 * for 15 s (about 40 events each), where 4 per client grew them to 230 events each, and every
 * custody-chain write then rewrote a 230-step document.
 */
const PARCELS_PER_CLIENT = 12;
const CHAIN_EVENTS = 50;
const TARGET_COMMANDS_PER_SECOND = 2_000;
const TARGET_CHAIN_P99_MS = 10;

export interface Server {
  child: ChildProcess;
  url: string;
  adminKey: string;
  eventStorePort: number;
  eventStorePid: number;
  readStorePort: number;
  readStorePid: number;
  stop(): Promise<void>;
}

/** Starts `dist/src/main.js` on a temp data dir and free ports (as the e2e tests do); resolves once it listens, with its admin key. */
export async function startAllInOne(dataDir: string): Promise<Server> {
  // 64 clients on one admin key from one address: limits far above the bench's rate, still counted (their cost is measured).
  const unlimited = { RATE_LIMIT_PER_API_KEY: '1000000000', RATE_LIMIT_PER_ADDRESS: '1000000000' };
  const main = runNode(path.join(__dirname, '..', '..', 'src', 'main.js'), {
    MONGODB_URI: '',
    HANDOFF_DATA_DIR: dataDir,
    PORT: '0',
    EMBEDDED_EVENTSTORE_PORT: '0',
    EMBEDDED_MONGODB_PORT: '0',
    ...unlimited,
  });
  const stop = async () => {
    main.child.kill('SIGTERM');
    await Promise.race([main.exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    main.child.kill('SIGKILL');
  };
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the all-in-one did not start within 60 s')), 60_000).unref());
    const [eventStore, readStore, listening, bootstrap] = await Promise.race([
      Promise.all([main.waitFor('embedded event store started'), main.waitFor('embedded read store started'), main.waitFor('handoff listening'), main.waitFor(BOOTSTRAP)]),
      timeout,
    ]);
    return {
      child: main.child,
      url: listening.url,
      adminKey: bootstrap.apiKey,
      eventStorePort: eventStore.port,
      eventStorePid: eventStore.pid,
      readStorePort: readStore.port,
      readStorePid: readStore.pid,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
const BOOTSTRAP = 'bootstrap admin API key issued: shown once, store it now';

/** Keep-alive HTTP/1.1 with one socket per client: less client CPU per request than fetch. */
export class Api {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 4 });
  private readonly host: string;
  private readonly port: number;

  constructor(url: string) {
    const parsed = new URL(url);
    this.host = parsed.hostname;
    this.port = Number(parsed.port);
  }

  request(key: string, method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: any; position?: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path: pathAndQuery,
          agent: this.agent,
          headers: { authorization: `Bearer ${key}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, position: res.headers['x-handoff-position'] as string | undefined });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async ok(key: string, method: string, pathAndQuery: string, body?: unknown) {
    const answer = await this.request(key, method, pathAndQuery, body);
    if (answer.status >= 300) throw new Error(`${method} ${pathAndQuery} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  }

  close() {
    this.agent.destroy();
  }
}

const intact = { condition: 'intact' };
const geo = { latitude: 44.2776, longitude: -72.4262 };
const hash = `sha256:${'ab'.repeat(32)}`;
const person = { name: 'Bench Recipient', address: { lines: ['1 Main Street'], locality: 'Plainfield', postalCode: '05667', countryCode: 'US' }, phone: '+1 802 555 0100' };

interface Cast {
  retailerKey: string;
  courierKeys: Map<string, string>;
  collectiveId: string;
  hubId: string;
}

async function cast(api: Api, adminKey: string): Promise<Cast> {
  const admin = (p: string, body: unknown) => api.ok(adminKey, 'POST', p, body);
  const couriers = Array.from({ length: CLIENTS * 2 }, (_, i) => `bench-runner-${i}`);
  await Promise.all([
    admin('/retailers', { participantId: 'bench-retailer', displayName: 'Champlain Hardware' }),
    admin('/coordinators', { participantId: 'bench-coordinator', displayName: 'Maggie Ellis' }),
    ...couriers.map((id) => admin('/couriers', { participantId: id, displayName: id, engagement: { kind: 'paid' }, vetting: 'vetted' })),
  ]);
  await admin('/hubs', { participantId: 'bench-hub', displayName: 'Bench Hub', address: person.address, operatingCoordinatorId: 'bench-coordinator' });
  await admin('/collectives', {
    participantId: 'bench-collective',
    displayName: 'Bench Collective',
    memberRetailerIds: ['bench-retailer'],
    policy: { declaredValueThreshold: { amountMinor: 15_000, currency: 'USD' }, waiverRequired: false },
  });
  const retailerKey = (await admin('/api-keys', { role: 'retailer', participantId: 'bench-retailer' })).body.apiKey;
  const courierKeys = new Map<string, string>();
  await Promise.all(couriers.map(async (id) => courierKeys.set(id, (await admin('/api-keys', { role: 'courier', participantId: id })).body.apiKey)));
  return { retailerKey, courierKeys, collectiveId: 'bench-collective', hubId: 'bench-hub' };
}

/** Registered by the retailer and handed to `courier`: ready to move between couriers. */
async function parcelWithCourier(api: Api, c: Cast, parcelId: string, courier: string): Promise<void> {
  await api.ok(c.retailerKey, 'POST', '/parcels', {
    parcelId,
    externalReference: parcelId,
    collectiveId: c.collectiveId,
    declaredValue: { amountMinor: 2_500, currency: 'USD' },
    categories: [],
    destinationHubId: c.hubId,
    recipient: person,
  });
  await handoff(api, c, parcelId, c.retailerKey, courier, `${parcelId}-h0`);
}

async function handoff(api: Api, c: Cast, parcelId: string, fromKey: string, to: string, handoffId: string): Promise<string | undefined> {
  await api.ok(fromKey, 'POST', `/parcels/${parcelId}/handoffs`, { handoffId, to: { kind: 'courier', id: to } });
  const accepted = await api.ok(c.courierKeys.get(to)!, 'POST', `/parcels/${parcelId}/handoffs/${handoffId}/accept`, {
    condition: intact,
    evidence: [hash],
    geo,
    deviceTime: new Date().toISOString(),
  });
  return accepted.position;
}

/** CPU time (µs) each process of the all-in-one and the bench client spent between two readings. */
export function cpuMeter(server: Server) {
  const pids = { api: server.child.pid!, eventStore: server.eventStorePid, readStore: server.readStorePid };
  const read = () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpu(pid)])) as Record<keyof typeof pids, { user: number; system: number }>;
  const before = read();
  const client = process.cpuUsage();
  return () => {
    const after = read();
    const used: Record<string, number> = {};
    for (const name of Object.keys(pids) as (keyof typeof pids)[]) used[name] = after[name].user + after[name].system - before[name].user - before[name].system;
    const own = process.cpuUsage(client);
    used.benchClient = own.user + own.system;
    return used;
  };
}

/** 64 clients, each with its own parcels moving between its two couriers, for `seconds`. */
async function handoffPhase(api: Api, c: Cast, seconds: number, server: Server, deliverEvery?: number) {
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, client) =>
      Promise.all(Array.from({ length: PARCELS_PER_CLIENT }, (_, n) => parcelWithCourier(api, c, `bench-p-${client}-${n}`, `bench-runner-${client * 2}`))),
    ),
  );
  let commands = 0;
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const cpu = cpuMeter(server);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const pair = [`bench-runner-${client * 2}`, `bench-runner-${client * 2 + 1}`];
      const holder = Array.from({ length: PARCELS_PER_CLIENT }, () => 0);
      const slots = Array.from({ length: PARCELS_PER_CLIENT }, (_, n) => `bench-p-${client}-${n}`);
      for (let round = 1; Date.now() < deadline; round += 1) {
        const n = round % PARCELS_PER_CLIENT;
        const parcelId = slots[n]!;
        const [from, to] = [pair[holder[n]], pair[1 - holder[n]]];
        holder[n] = 1 - holder[n];
        const t = process.hrtime.bigint();
        await handoff(api, c, parcelId, c.courierKeys.get(from)!, to, `${parcelId}-r${round}`);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6 / 2);
        commands += 2;
        if (deliverEvery && round % deliverEvery === 0) {
          // The receiver delivers it (a fact the accrual reaction prices); a new parcel takes its slot, with the same courier.
          await api.ok(c.courierKeys.get(to)!, 'POST', `/parcels/${parcelId}/delivery`, { receivedBy: { kind: 'recipient' }, evidence: [hash], geo });
          await parcelWithCourier(api, c, `${parcelId}-${round}`, to);
          slots[n] = `${parcelId}-${round}`;
          commands += 4;
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuUsPerCommand = Object.fromEntries(Object.entries(cpu()).map(([name, us]) => [name, Math.round(us / commands)]));
  latencies.sort((a, b) => a - b);
  return { commands, seconds: elapsed, commandsPerSecond: commands / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), cpuUsPerCommand };
}

/**
 * "Read models caught up" means all of them: after the raw append phases the projections that
 * the chain query does not read still scan those events, which would time the query against
 * that catch-up. Settled: every projection caught up, its checkpoint still for 200 ms.
 */
async function projectionsSettled(api: Api, adminKey: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let previous = '';
  for (;;) {
    const { body } = await api.ok(adminKey, 'GET', '/projections');
    const projections = body.projections as { active: { caughtUp: boolean; checkpoint: string | null } | null }[];
    const now = JSON.stringify(projections.map((p) => p.active?.checkpoint ?? null));
    if (projections.every((p) => p.active?.caughtUp) && now === previous) return;
    if (Date.now() > deadline) throw new Error(`projections did not settle within 30 s: ${JSON.stringify(body)}`);
    previous = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A parcel with exactly 50 events, then its chain read `reads` times, one at a time. */
async function chainPhase(api: Api, c: Cast, adminKey: string, reads: number) {
  const parcelId = 'bench-chain-parcel';
  await parcelWithCourier(api, c, parcelId, 'bench-runner-0'); // 3 events
  for (let i = 1; i <= (CHAIN_EVENTS - 3) / 2; i += 1) {
    const [fromKey, to] = i % 2 === 1 ? [c.courierKeys.get('bench-runner-0')!, 'bench-runner-1'] : [c.courierKeys.get('bench-runner-1')!, 'bench-runner-0'];
    await handoff(api, c, parcelId, fromKey, to, `${parcelId}-h${i}`);
  }
  // 3 + 2 × 23 = 49: one last offer makes 50.
  // Its position is the one the first read waits for: every step is projected before timing starts.
  const position: string | undefined = (
    await api.ok(c.courierKeys.get('bench-runner-1')!, 'POST', `/parcels/${parcelId}/handoffs`, { handoffId: `${parcelId}-last`, to: { kind: 'courier', id: 'bench-runner-0' } })
  ).position;
  const path = `/parcels/${parcelId}/custody-chain`;
  const first = await api.ok(adminKey, 'GET', `${path}?position=${encodeURIComponent(position ?? '')}`);
  await projectionsSettled(api, adminKey);
  for (let i = 0; i < 50; i += 1) await api.ok(adminKey, 'GET', path);
  const latencies: number[] = [];
  for (let i = 0; i < reads; i += 1) {
    const t = process.hrtime.bigint();
    const answer = await api.request(adminKey, 'GET', path);
    latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (answer.status !== 200) throw new Error(`chain query answered ${answer.status}`);
  }
  latencies.sort((a, b) => a - b);
  return { steps: first.body.steps as number, segments: first.body.segments.length as number, reads, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export async function runCustodyBench(): Promise<number> {
  const small = process.env.BENCH_SCALE === 'small';
  const seconds = Number(process.env.CUSTODY_BENCH_SECONDS ?? (small ? 5 : 15));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-custody-'));
  console.log(`custody bench: all-in-one on ${dataDir}; ${CLIENTS} HTTP clients x ${PARCELS_PER_CLIENT} parcels, ${seconds} s of handoffs; ${os.cpus().length} CPUs`);
  const server = await startAllInOne(dataDir);
  const api = new Api(server.url);
  const client = EventStoreDBClient.connectionString(embeddedEventStoreConnectionString(path.join(dataDir, 'eventstore'), server.eventStorePort));
  try {
    const c = await cast(api, server.adminKey);
    const handoffs = await handoffPhase(api, c, seconds, server);
    const rawOptions = { writers: CLIENTS, maxMs: seconds * 1000, expected: 'exact' as const, recordLatency: false };
    const single = await runAppends(client, server.eventStorePid, { ...rawOptions, name: 'bench-raw-single', appends: small ? 20_000 : 60_000, eventsPerAppend: 1 });
    const batches = await runAppends(client, server.eventStorePid, { ...rawOptions, name: 'bench-raw-batch', appends: small ? 4_000 : 12_000, eventsPerAppend: 10 });
    const chain = await chainPhase(api, c, server.adminKey, small ? 300 : 1_000);

    const n = (v: number) => Math.round(v).toLocaleString('en-US');
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const commandsOk = handoffs.commandsPerSecond >= TARGET_COMMANDS_PER_SECOND;
    const chainOk = chain.p99Ms <= TARGET_CHAIN_P99_MS;
    console.log('');
    console.log(
      `handoff commands/s through HTTP, ${CLIENTS} clients:        ${n(handoffs.commandsPerSecond)} (${n(handoffs.commands)} commands in ${handoffs.seconds.toFixed(1)} s; p50/p99 ${handoffs.p50Ms.toFixed(1)}/${handoffs.p99Ms.toFixed(1)} ms)  target >= ${n(TARGET_COMMANDS_PER_SECOND)}  ${verdict(commandsOk)}`,
    );
    console.log(
      `  CPU per command (µs): ${Object.entries(handoffs.cpuUsPerCommand)
        .map(([name, us]) => `${name} ${n(us)}`)
        .join(', ')}`,
    );
    console.log(
      `raw appends/s, ${CLIENTS} writers, single events (same server): ${n(single.operationsPerSecond)}   ratio commands/appends ${(handoffs.commandsPerSecond / single.operationsPerSecond).toFixed(2)}`,
    );
    console.log(
      `raw events/s, ${CLIENTS} writers, batches of 10 (same server):  ${n(batches.eventsPerSecond)}   ratio commands/events ${(handoffs.commandsPerSecond / batches.eventsPerSecond).toFixed(2)}`,
    );
    console.log(
      `custody-chain query, parcel with ${CHAIN_EVENTS} events (${chain.steps} chain steps, ${chain.segments} segments), ${chain.reads} reads: p50 ${chain.p50Ms.toFixed(2)} ms, p99 ${chain.p99Ms.toFixed(2)} ms  target p99 <= ${TARGET_CHAIN_P99_MS} ms  ${verdict(chainOk)}`,
    );
    const results = { when: new Date().toISOString(), clients: CLIENTS, handoffs, rawSingle: single, rawBatches: batches, chain, pass: { commands: commandsOk, chain: chainOk } };
    fs.writeFileSync(path.join(__dirname, '..', '..', 'bench-custody-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    return commandsOk && chainOk ? 0 : 1;
  } finally {
    api.close();
    await client.dispose().catch(() => undefined);
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pay's reactions (issue 19 §4): the custody bench's ratio with them running and without, side by side. */
const PAY_REACTIONS = ['pay-accruals@v1', 'pay-ledger-postings@v1'];
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
/** The hub's card, so each delivery accrues to the courier and the coordinator (both posted to ledgers). */
const BENCH_RATES = {
  currency: 'USD',
  perDelivery: { 'paid-courier': usd(180) },
  coordinator: { monthlyRetainer: usd(32_000), handlingFeePerParcel: usd(25), beforeNoonBonusPerParcel: usd(10) },
  surgeWindows: [],
  hourlyRoles: [],
  volunteerCredits: { perShift: [], perDelivery: [] },
};
/** Every 8th handoff round a parcel is delivered and replaced: ~1 delivery per 20 custody commands, all priced by pay. */
const DELIVER_EVERY = 8;

/**
 * Without: the bench takes the pay reactions' leases in the read store (as another reactor would),
 * so the all-in-one's runners lose them at their next renewal and stop consuming. Nothing in the
 * server is switched off or changed between the two runs.
 */
async function holdPayLeases(server: Server, dataDir: string): Promise<() => Promise<void>> {
  const mongo = await MongoClient.connect(embeddedReadStoreUri(path.join(dataDir, 'readstore'), server.readStorePort));
  const leases = mongo.db('handoff').collection<{ _id: string; owner: string; expiresAt: Date; renewedAt: Date }>('projection_leases');
  const now = new Date();
  for (const id of PAY_REACTIONS) await leases.updateOne({ _id: id }, { $set: { owner: 'custody-bench', expiresAt: new Date(now.getTime() + 3_600_000), renewedAt: now } }, { upsert: true });
  return () => mongo.close();
}

async function payReactionStatus(api: Api, adminKey: string) {
  const { body } = await api.ok(adminKey, 'GET', '/projections');
  return (body.reactions as { name: string; version: number; commands: number; lag: { events: number }; lease: { owner: string } | null }[]).filter((r) =>
    PAY_REACTIONS.includes(`${r.name}@v${r.version}`),
  );
}

async function oneComparisonRun(withPay: boolean, seconds: number, small: boolean) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-custody-pay-'));
  const server = await startAllInOne(dataDir);
  const api = new Api(server.url);
  const client = EventStoreDBClient.connectionString(embeddedEventStoreConnectionString(path.join(dataDir, 'eventstore'), server.eventStorePort));
  let release = async (): Promise<void> => undefined;
  try {
    if (!withPay) {
      release = await holdPayLeases(server, dataDir);
      // A runner notices the lost lease at its next renewal, a third of the 10 s lease.
      const deadline = Date.now() + 20_000;
      while ((await payReactionStatus(api, server.adminKey)).some((r) => r.lease?.owner !== 'custody-bench')) {
        if (Date.now() > deadline) throw new Error('the pay reactions kept their leases');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await new Promise((resolve) => setTimeout(resolve, 4_000));
    }
    const c = await cast(api, server.adminKey);
    const effectiveFrom = new Date(Date.now() + 1_000).toISOString();
    await api.ok(server.adminKey, 'POST', '/hubs/bench-hub/rate-card/versions', { version: 1, effectiveFrom, rates: BENCH_RATES });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(effectiveFrom) - Date.now())));
    const handoffs = await handoffPhase(api, c, seconds, server, DELIVER_EVERY);
    const atEnd = await payReactionStatus(api, server.adminKey);
    // With pay: its work is done before the raw appends are timed, and how long it trailed is reported.
    let catchUpSeconds = 0;
    if (withPay) {
      const started = Date.now();
      while ((await payReactionStatus(api, server.adminKey)).some((r) => r.lag.events > 0)) {
        if (Date.now() - started > 300_000) throw new Error('the pay reactions did not catch up within 300 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      catchUpSeconds = (Date.now() - started) / 1000;
    }
    const priced = (await payReactionStatus(api, server.adminKey)).map((r) => `${r.name} ${r.commands}`).join(', ');
    const single = await runAppends(client, server.eventStorePid, {
      writers: CLIENTS,
      maxMs: seconds * 1000,
      expected: 'exact',
      recordLatency: false,
      name: 'bench-raw-single',
      appends: small ? 20_000 : 60_000,
      eventsPerAppend: 1,
    });
    const ratio = handoffs.commandsPerSecond / single.operationsPerSecond;
    return { withPay, handoffs, rawSinglePerSecond: single.operationsPerSecond, ratio, lagAtEnd: atEnd.map((r) => r.lag.events), catchUpSeconds, priced };
  } finally {
    await release();
    api.close();
    await client.dispose().catch(() => undefined);
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Issue 19 §4: the custody bench (with deliveries, which pay prices) with pay's reactions running
 * within 10% of its ratio without them. Fresh all-in-one per run, alternated without/with/with/without
 * so drift on the shared machine falls on both; the figure is the mean ratio with ÷ the mean without.
 */
export async function runCustodyPayComparison(): Promise<{ ratioOfRatios: number; ok: boolean }> {
  const small = process.env.BENCH_SCALE === 'small';
  const seconds = Number(process.env.CUSTODY_BENCH_SECONDS ?? (small ? 5 : 15));
  console.log(`\ncustody bench with pay's reactions vs without (a delivery every ${DELIVER_EVERY} handoff rounds; runs without, with, with, without)`);
  const runs = [];
  for (const withPay of [false, true, true, false]) {
    const run = await oneComparisonRun(withPay, seconds, small);
    runs.push(run);
    console.log(
      `  ${withPay ? 'with   ' : 'without'} pay: ${Math.round(run.handoffs.commandsPerSecond)} commands/s, raw ${Math.round(run.rawSinglePerSecond)} appends/s, ratio ${run.ratio.toFixed(3)}; CPU µs/command ${Object.entries(
        run.handoffs.cpuUsPerCommand,
      )
        .map(([name, us]) => `${name} ${us}`)
        .join(', ')}; pay lag at end ${run.lagAtEnd.join('/')} events, caught up ${run.catchUpSeconds.toFixed(1)} s later; pay commands ${run.priced}`,
    );
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const ratioOfRatios = mean(runs.filter((r) => r.withPay).map((r) => r.ratio)) / mean(runs.filter((r) => !r.withPay).map((r) => r.ratio));
  const ok = ratioOfRatios >= 0.9;
  console.log(`custody ratio with pay's reactions / without: ${ratioOfRatios.toFixed(3)}  target >= 0.90  ${ok ? 'PASS' : 'FAIL'}`);
  fs.writeFileSync(path.join(__dirname, '..', '..', 'bench-custody-pay-results.json'), `${JSON.stringify({ when: new Date().toISOString(), runs, ratioOfRatios, ok }, null, 2)}\n`);
  return { ratioOfRatios, ok };
}
