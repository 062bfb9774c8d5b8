/**
 * `BENCH_ONLY=parcel-list npm run bench`: `GET /parcels` over HTTP against the all-in-one (a real
 * API process with its projector and embedded servers), on a parcel board seeded directly through
 * the driver with 1,000,000 documents in the projection's shape (board-documents.ts: 300 hubs,
 * 3,000 couriers, 40 retailers, ~9% flagged, ~1 in 12 live parcels held over 24 hours).
 *
 * For each query kind (a role with a filter, or held-over-24h), 16 clients ask for pages of 50 for
 * a few seconds, following `next` for up to 3 pages, then starting over with other filter values:
 * p50/p99 per kind and requests/s. Target (issue 17): p99 ≤ 20 ms and ≥ 1,000 requests/s.
 *
 * Knobs: BENCH_SCALE=small (50,000 parcels, 1.5 s per kind), PARCEL_LIST_PARCELS,
 * PARCEL_LIST_SECONDS (per kind).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MongoClient } from 'mongodb';
import { embeddedReadStoreUri } from '@handoff/readstore/embedded/launch';
import { Api, cpuMeter, Server, startAllInOne } from '../custody/custody-bench';
import { percentile } from '../percentile';
import { processCpu } from '../proc';
import { boardDocument, courierId, hubId, NetworkShape, retailerId } from './board-documents';

const CLIENTS = 16;
const PAGE = 50;
const PAGES_PER_WALK = 3;
const TARGET_P99_MS = 20;
const TARGET_PER_SECOND = 1_000;
const SEED_BATCH = 1_000;
const SEEDS_IN_FLIGHT = 4;

interface Keys {
  admin: string;
  retailer: string;
  coordinator: string;
  courier: string;
}

/** The participants whose keys the bench uses (the board's documents are seeded without events). */
const ME = { retailer: retailerId(3), hub: hubId(7), coordinator: 'bench-coordinator', courier: courierId(11) };

async function issueKeys(api: Api, adminKey: string): Promise<Keys> {
  const admin = (p: string, body: unknown) => api.ok(adminKey, 'POST', p, body);
  const address = { lines: ['1 Main Street'], locality: 'Plainfield', postalCode: '05667', countryCode: 'US' };
  await Promise.all([
    admin('/retailers', { participantId: ME.retailer, displayName: 'Bench Retailer' }),
    admin('/coordinators', { participantId: ME.coordinator, displayName: 'Bench Coordinator' }),
    admin('/couriers', { participantId: ME.courier, displayName: 'Bench Courier', engagement: { kind: 'paid' }, vetting: 'vetted' }),
  ]);
  await admin('/hubs', { participantId: ME.hub, displayName: 'Bench Hub', address, operatingCoordinatorId: ME.coordinator });
  const key = async (grant: object) => (await admin('/api-keys', grant)).body.apiKey as string;
  return {
    admin: adminKey,
    retailer: await key({ role: 'retailer', participantId: ME.retailer }),
    coordinator: await key({ role: 'coordinator', participantId: ME.coordinator, hubId: ME.hub }),
    courier: await key({ role: 'courier', participantId: ME.courier }),
  };
}

/** The board's physical collection, once the projector has registered its generation. */
async function boardCollection(api: Api, adminKey: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await api.ok(adminKey, 'GET', '/projections');
    const board = (body.projections as { name: string; active: { collections: Record<string, string> } | null }[]).find((p) => p.name === 'parcel-board');
    if (board?.active) return board.active.collections.parcels!;
    if (Date.now() > deadline) throw new Error('the parcel board was not registered within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function seed(uri: string, collection: string, shape: NetworkShape): Promise<number> {
  const client = new MongoClient(uri);
  const started = Date.now();
  try {
    const parcels = client.db('handoff').collection(collection);
    let next = 0;
    let lastReport = Date.now();
    const work = async () => {
      for (;;) {
        const from = next;
        next += SEED_BATCH;
        if (from >= shape.parcels) return;
        const batch = [];
        for (let n = from; n < Math.min(shape.parcels, from + SEED_BATCH); n++) batch.push(boardDocument(n, shape));
        await parcels.insertMany(batch as never[], { ordered: false });
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          console.log(`  seeded ${Math.min(next, shape.parcels).toLocaleString('en-US')} parcel-board documents`);
        }
      }
    };
    await Promise.all(Array.from({ length: SEEDS_IN_FLIGHT }, work));
    return (Date.now() - started) / 1000;
  } finally {
    await client.close();
  }
}

interface QueryKind {
  name: string;
  key: keyof Keys;
  /** A first page's path, with filter values drawn at random. */
  path(random: () => number): string;
}

function queryKinds(shape: NetworkShape): QueryKind[] {
  const pick = (count: number, random: () => number) => Math.floor(random() * count);
  const list = (query: string) => `/parcels?limit=${PAGE}${query}`;
  const held = `/parcels/held-over-24h?limit=${PAGE}`;
  const filters: { name: string; query: (random: () => number) => string }[] = [
    { name: 'no filter', query: () => '' },
    { name: 'hubId', query: (r) => `&hubId=${hubId(pick(shape.hubs, r))}` },
    { name: 'holder', query: (r) => `&holder=courier:${courierId(pick(shape.couriers, r))}` },
    { name: 'status', query: (r) => `&status=${['at-hub', 'with-courier', 'delivered', 'registered'][pick(4, r)]}` },
    { name: 'retailerId', query: (r) => `&retailerId=${retailerId(pick(shape.retailers, r))}` },
    { name: 'flag', query: (r) => `&flag=${['over-cap', 'declined-offer', 'damaged', 'failed-attempt'][pick(4, r)]}` },
  ];
  const kinds: QueryKind[] = [];
  for (const role of ['admin', 'retailer'] as const) {
    for (const filter of filters) kinds.push({ name: `${role}, ${filter.name}`, key: role, path: (r) => list(filter.query(r)) });
    kinds.push({ name: `${role}, held-over-24h`, key: role, path: () => held });
  }
  kinds.push({ name: 'coordinator, no filter', key: 'coordinator', path: () => list('') });
  kinds.push({ name: 'coordinator, status', key: 'coordinator', path: (r) => list(`&status=${['at-hub', 'delivered'][pick(2, r)]}`) });
  kinds.push({ name: 'coordinator, held-over-24h', key: 'coordinator', path: () => held });
  kinds.push({ name: 'courier, no filter', key: 'courier', path: () => list('') });
  kinds.push({ name: 'courier, status', key: 'courier', path: () => list('&status=delivered') });
  return kinds;
}

interface KindResult {
  kind: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanItems: number;
  /** CPU (µs) per request of the API process (all its threads), the read store and the bench client; `…Kernel`: the system part. */
  cpuUsPerRequest: { api: number; apiKernel: number; readStore: number; readStoreKernel: number; benchClient: number };
}

/** 16 clients walking pages of one kind for `seconds`. */
async function measure(api: Api, server: Server, keys: Keys, kind: QueryKind, seconds: number): Promise<KindResult> {
  const latencies: number[] = [];
  let items = 0;
  const deadline = Date.now() + seconds * 1000;
  const cpu = cpuMeter(server);
  const kernel = () => [processCpu(server.child.pid!).system, processCpu(server.readStorePid).system] as const;
  const kernelBefore = kernel();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      let seed = client + 1;
      const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
      while (Date.now() < deadline) {
        let next: string | undefined;
        const first = kind.path(random);
        for (let page = 0; page < PAGES_PER_WALK && Date.now() < deadline; page++) {
          const t = process.hrtime.bigint();
          const answer = await api.request(keys[kind.key], 'GET', next ? `${first}&after=${next}` : first);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          if (answer.status !== 200) throw new Error(`${kind.name}: GET ${first} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          items += answer.body.items.length;
          next = answer.body.next;
          if (!next) break;
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const used = cpu();
  const [apiKernel, readStoreKernel] = kernel().map((us, i) => us - kernelBefore[i]!);
  const perRequest = (us: number | undefined) => Math.round((us ?? 0) / latencies.length);
  const cpuUsPerRequest = {
    api: perRequest(used.api),
    apiKernel: perRequest(apiKernel),
    readStore: perRequest(used.readStore),
    readStoreKernel: perRequest(readStoreKernel),
    benchClient: perRequest(used.benchClient),
  };
  latencies.sort((a, b) => a - b);
  return {
    kind: kind.name,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    meanItems: items / latencies.length,
    cpuUsPerRequest,
  };
}

const cpuLine = (cpu: KindResult['cpuUsPerRequest']) => `${cpu.api} (${cpu.apiKernel}) / ${cpu.readStore} (${cpu.readStoreKernel}) / ${cpu.benchClient}`;

export async function runParcelListBench(): Promise<number> {
  const small = process.env.BENCH_SCALE === 'small';
  const parcels = Number(process.env.PARCEL_LIST_PARCELS ?? (small ? 50_000 : 1_000_000));
  const seconds = Number(process.env.PARCEL_LIST_SECONDS ?? (small ? 1.5 : 4));
  const shape: NetworkShape = { parcels, hubs: 300, couriers: 3_000, retailers: 40, now: new Date() };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-list-'));
  console.log(
    `parcel-list bench: all-in-one on ${dataDir}; ${parcels.toLocaleString('en-US')} parcel-board documents; ${CLIENTS} HTTP clients, pages of ${PAGE}, ${seconds} s per kind; ${os.cpus().length} CPUs`,
  );
  const server = await startAllInOne(dataDir);
  const api = new Api(server.url);
  try {
    const keys = await issueKeys(api, server.adminKey);
    const collection = await boardCollection(api, server.adminKey);
    // The all-in-one's embedded read store generated its credentials under <dataDir>/readstore.
    const seeded = await seed(embeddedReadStoreUri(path.join(dataDir, 'readstore'), server.readStorePort), collection, shape);
    console.log(`  seeded in ${seeded.toFixed(0)} s (${Math.round(parcels / seeded).toLocaleString('en-US')} documents/s)`);
    const kinds = queryKinds(shape);
    for (const kind of kinds) await measure(api, server, keys, kind, Math.min(1, seconds)); // warm: the client's and the API's code paths compiled
    const results: KindResult[] = [];
    for (const kind of kinds) results.push(await measure(api, server, keys, kind, seconds));
    const ok = (r: KindResult) => r.p99Ms <= TARGET_P99_MS && r.perSecond >= TARGET_PER_SECOND;
    console.log('');
    console.log(`GET /parcels, pages of ${PAGE}, ${CLIENTS} clients (target p99 <= ${TARGET_P99_MS} ms and >= ${TARGET_PER_SECOND.toLocaleString('en-US')} requests/s)`);
    console.log(`${'query'.padEnd(30)} ${'requests/s'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'items'.padStart(6)}  CPU µs/request: API (kernel), read store (kernel), client`);
    for (const r of results) {
      console.log(
        `${r.kind.padEnd(30)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(10)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${r.meanItems.toFixed(1).padStart(6)}  ${ok(r) ? 'PASS' : 'FAIL'}  ${cpuLine(r.cpuUsPerRequest)}`,
      );
    }
    fs.writeFileSync(
      path.join(__dirname, '..', '..', 'bench-parcel-list-results.json'),
      `${JSON.stringify({ when: new Date().toISOString(), parcels, clients: CLIENTS, page: PAGE, seededSeconds: seeded, results }, null, 2)}\n`,
    );
    return results.every(ok) ? 0 : 1;
  } finally {
    api.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
