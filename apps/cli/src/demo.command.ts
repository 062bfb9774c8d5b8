/**
 * `npm run demo` (`cli demo`): fills a running Handoff with a realistic day through the public
 * HTTP API only, waits until the read models have all of it, and prints what to look at.
 *
 * Environment: HANDOFF_ADMIN_KEY (required: the bootstrap admin key `npm start` logs once),
 * HANDOFF_URL (default http://127.0.0.1:3000), DEMO_SCALE (`full`: 470 rural deliveries, or
 * `small`: 40, with every special case either way), DEMO_CONCURRENCY (requests in flight,
 * default 16), DEMO_TIMEOUT_SECONDS (the whole run, default 300).
 */
import { randomBytes } from 'node:crypto';
import { DemoDay, DemoDayResult, DemoScale } from './demo-day';
import { DemoHttp } from './demo-http';
import { DemoPay, DemoPayResult, formatPay, payCurlLines } from './demo-pay';

export interface DemoOptions {
  url: string;
  adminKey: string;
  scale: DemoScale;
  concurrency: number;
  timeoutMs: number;
}

export interface DemoSummary extends DemoDayResult {
  url: string;
  elapsedMs: number;
  requests: number;
  requestsPerSecond: number;
  statuses: Record<string, number>;
  /** How long the read models took, after the last command, to have the whole day. */
  readSideWaitMs: number;
  /** Pay and waivers: recorded, then read back once pay's reactions had posted every accrual. */
  payMs: number;
  cityLoad: { cap: number; received: number; overCap: number };
  curl: Array<{ what: string; command: string }>;
  pay: DemoPayResult;
}

export class DemoConfigError extends Error {}

export function demoOptionsFrom(env: NodeJS.ProcessEnv): DemoOptions {
  const adminKey = env.HANDOFF_ADMIN_KEY?.trim();
  if (!adminKey) {
    throw new DemoConfigError(
      'HANDOFF_ADMIN_KEY is required: the admin API key that `npm start` logs once on its first start ("bootstrap admin API key issued"), e.g. HANDOFF_ADMIN_KEY=hk_... npm run demo',
    );
  }
  const scale = env.DEMO_SCALE ?? 'full';
  if (scale !== 'full' && scale !== 'small') throw new DemoConfigError(`DEMO_SCALE must be "full" or "small", not "${scale}"`);
  const positive = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new DemoConfigError(`${name} must be a positive integer, not "${raw}"`);
    return value;
  };
  const url = (env.HANDOFF_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(url)) throw new DemoConfigError(`HANDOFF_URL must be an http(s) URL, not "${url}"`);
  return { url, adminKey, scale, concurrency: positive('DEMO_CONCURRENCY', 16), timeoutMs: positive('DEMO_TIMEOUT_SECONDS', 300) * 1000 };
}

export async function runDemo(options: DemoOptions, log: (line: string) => void = () => undefined): Promise<DemoSummary> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const http = new DemoHttp({ url: options.url, concurrency: options.concurrency, deadline });
  const runId = `d${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  await checkAdminKey(http, options.adminKey);
  log(`demo ${runId}: a day in the network at ${options.url} (scale ${options.scale}, ${options.concurrency} requests in flight)`);

  const demoDay = new DemoDay(http, options.adminKey, runId, options.scale, log);
  const day = await demoDay.run();
  const commandsDone = Date.now();
  await waitForReadModels(http, options.adminKey, day, deadline);
  const readSideWaitMs = Date.now() - commandsDone;
  const payStarted = Date.now();
  const pay = await new DemoPay(demoDay, http, options.adminKey, options.scale, demoDay.startedAt, log).run();
  const payMs = Date.now() - payStarted;
  const cityLoad = await readCityLoad(http, options.adminKey, day);
  const elapsedMs = Date.now() - started;
  return {
    ...day,
    url: options.url,
    elapsedMs,
    requests: http.requests,
    requestsPerSecond: Math.round((http.requests / elapsedMs) * 1000),
    statuses: Object.fromEntries([...http.statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count])),
    readSideWaitMs,
    payMs,
    cityLoad,
    curl: [...curlLines(options.url, day), ...payCurlLines(curlGet(options.url), pay)],
    pay,
  };
}

async function checkAdminKey(http: DemoHttp, adminKey: string): Promise<void> {
  const answer = await http.call(adminKey, 'GET', '/parcels?limit=1', undefined, { expected: [200, 401, 403] });
  if (answer.status !== 200) throw new DemoConfigError(`HANDOFF_ADMIN_KEY was refused (${answer.status} ${answer.body?.code ?? ''}): it must be an admin key of the server at HANDOFF_URL`);
}

/** Read-your-writes: the last command's position, passed to a query, answers once every projection has it. */
async function waitForReadModels(http: DemoHttp, adminKey: string, day: DemoDayResult, deadline: number): Promise<void> {
  const query = `/parcels/${day.cases.declined.parcelId}?position=${encodeURIComponent(day.lastPosition ?? '')}`;
  for (;;) {
    const answer = await http.call(adminKey, 'GET', query, undefined, { expected: [200, 503] });
    if (answer.status === 200) return;
    if (Date.now() > deadline) throw new Error(`the read models had not caught up with the demo by its deadline: ${JSON.stringify(answer.body)}`);
  }
}

async function readCityLoad(http: DemoHttp, adminKey: string, day: DemoDayResult): Promise<DemoSummary['cityLoad']> {
  const load = await http.call(adminKey, 'GET', `/hubs/${day.ids.cityHub}/load`, undefined, { expected: [200] });
  const cycle = load.body.cycles.find((c: { cycleId: string }) => c.cycleId === day.ids.cityCycle);
  if (!cycle) throw new Error(`the city hub's load has no cycle ${day.ids.cityCycle}: ${JSON.stringify(load.body)}`);
  return { cap: cycle.cap, received: cycle.received, overCap: cycle.overCap };
}

const curlGet = (url: string) => (path: string) => `curl -s '${url}${path}' -H "Authorization: Bearer $HANDOFF_ADMIN_KEY"`;

function curlLines(url: string, day: DemoDayResult): DemoSummary['curl'] {
  const get = curlGet(url);
  const { declined, damaged, neighbour, stillOut } = day.cases;
  return [
    { what: `custody chain of ${declined.parcelId} (declined once, then accepted and delivered)`, command: get(`/parcels/${declined.parcelId}/custody-chain`) },
    { what: 'the same chain as of an earlier instant (the hub still held it)', command: get(`/parcels/${declined.parcelId}/custody-chain?asOf=${declined.asOf}`) },
    { what: "the city hub's load: one cycle over its cap of 55", command: get(`/hubs/${day.ids.cityHub}/load`) },
    { what: `parcels still held by a runner (${stillOut.courierId})`, command: get(`/parcels?holder=courier:${stillOut.courierId}`) },
    { what: 'the parcel left with a neighbour', command: get(`/parcels?holder=neighbour:${neighbour.neighbourSubjectId}`) },
    { what: "flagged parcels: over the city hub's cap", command: get(`/parcels?flag=over-cap&hubId=${day.ids.cityHub}`) },
    { what: `flagged parcels: damaged (the $400 drill, ${damaged.parcelId})`, command: get('/parcels?flag=damaged') },
    { what: "the damaged drill's chain: who held it between intact and damaged", command: get(`/parcels/${damaged.parcelId}/custody-chain`) },
  ];
}

export function formatSummary(summary: DemoSummary): string[] {
  const c = summary.counts;
  const n = (value: number) => value.toLocaleString('en-US');
  return [
    '',
    `demo ${summary.runId} done in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${n(summary.requests)} requests, ${n(summary.requestsPerSecond)} req/s (statuses ${JSON.stringify(summary.statuses)})`,
    `  parcels: ${n(c.parcels)} (rural ${n(c.rural)} in ${c.ruralCycles} cycles of at most 55, city ${c.city} in one cycle)`,
    `  delivered ${n(c.delivered)}, still with runners ${c.stillOut}, left with a neighbour ${c.withNeighbour}, returned to depot ${c.returnedToDepot}`,
    `  declined offers ${c.declinedOffers}, refused by the collective's policy ${c.policyRefusals} (${summary.cases.policyRefused.code}), damaged ${c.damaged}`,
    `  city hub cycle: ${summary.cityLoad.received} received against a cap of ${summary.cityLoad.cap}, ${summary.cityLoad.overCap} flagged over cap`,
    `  read models caught up ${summary.readSideWaitMs} ms after the last command; pay and waivers took ${(summary.payMs / 1000).toFixed(1)} s (including the 2 s before the rate cards take effect)`,
    ...formatPay(summary.pay),
    '',
    'look at it (HANDOFF_ADMIN_KEY set in your shell):',
    ...summary.curl.flatMap((line) => [`  # ${line.what}`, `  ${line.command}`]),
  ];
}

export async function runDemoCommand(
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let options: DemoOptions;
  try {
    options = demoOptionsFrom(env);
  } catch (error) {
    err(`demo: ${(error as Error).message}`);
    return 2;
  }
  try {
    const summary = await runDemo(options, out);
    for (const line of formatSummary(summary)) out(line);
    return 0;
  } catch (error) {
    err(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
