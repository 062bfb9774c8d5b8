import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { AllInOne, startAllInOne } from '../src/all-in-one';
import { ONE_HUB_NETWORK } from './support/one-hub-network';

jest.setTimeout(60_000);

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789abcdef';
const RECIPIENT = { name: 'Ann Lister', address: { lines: ['13 Shibden Fold'], locality: 'Halifax', postalCode: 'HX3 6XG', countryCode: 'GB' }, phone: '+44 7700 900123' };

/** One sample of the exposition text: `name{labels} value`, labels in the order given. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  const rendered = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    return rendered.every((label) => l.includes(label));
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

/**
 * What an operator sees of the all-in-one: `/metrics` for Prometheus (commands, refusals,
 * projections, process) behind the metrics token or an admin key, and log lines that carry
 * request and correlation ids and never the recipient's personal data.
 */
describe('operating the all-in-one: /metrics and logs', () => {
  let dataDir: string;
  let running: AllInOne;
  const logs: string[] = [];
  let adminKey: string;
  let retailerKey: string;

  const call = async (method: string, route: string, key: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(running.url + route, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-observe-'));
    running = await startAllInOne(
      { HANDOFF_DATA_DIR: dataDir, PORT: '0', EMBEDDED_EVENTSTORE_PORT: '0', EMBEDDED_MONGODB_PORT: '0', LOG_LEVEL: 'verbose', METRICS_TOKEN },
      { logSink: (line) => logs.push(line) },
    );
    adminKey = logs.map((line) => JSON.parse(line)).find((entry) => entry.apiKey)!.apiKey as string;
    for (const [route, body] of ONE_HUB_NETWORK) expect((await call('POST', route, adminKey, body)).status).toBe(201);
    retailerKey = (await call('POST', '/api-keys', adminKey, { role: 'retailer', participantId: 'r-1' })).body.apiKey as string;
  });

  afterAll(async () => {
    await running?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const registerParcel = (externalReference = 'ord-1') =>
    call(
      'POST',
      '/parcels',
      retailerKey,
      { parcelId: 'p-1', externalReference, collectiveId: 'col-1', declaredValue: { amountMinor: 1_000, currency: 'GBP' }, categories: [], destinationHubId: 'hub-1', recipient: RECIPIENT },
    );

  const scrape = async (key = METRICS_TOKEN) => {
    const answer = await call('GET', '/metrics', key);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return answer.text;
  };

  it('counts a command and a refusal by type, outcome and code, with their latency', async () => {
    const before = await scrape();
    expect((await registerParcel()).status).toBe(201);
    const again = await registerParcel('ord-2');
    expect(again.status).toBe(409);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(moved('handoff_commands_total', { type: 'RegisterParcel', outcome: 'ok' })).toBe(1);
    expect(moved('handoff_commands_total', { type: 'RegisterParcel', outcome: 'refused' })).toBe(1);
    expect(moved('handoff_command_duration_seconds_count', { type: 'RegisterParcel' })).toBe(2);
    expect(moved('handoff_command_duration_seconds_bucket', { type: 'RegisterParcel', le: '+Inf' })).toBe(2);
    expect(moved('handoff_refusals_total', { code: again.body.code })).toBe(1);
  });

  it('shows every projection, its checkpoint and lag, the process, and the series fed by the rate limiter and the verifier', async () => {
    const text = await scrape();
    for (const projection of ['parcel-board', 'custody-chain', 'hub-load']) {
      expect(sample(text, 'handoff_projection_lag_events', { projection })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'handoff_projection_lag_seconds', { projection })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'handoff_projection_checkpoint', { projection })).toBeGreaterThanOrEqual(-1);
      expect(sample(text, 'handoff_projection_running', { projection })).toBe(1);
    }
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE handoff_rate_limit_hits_total counter');
    expect(sample(text, 'handoff_verification_position')).toBeDefined();
    expect(sample(text, 'handoff_verification_failed_streams')).toBeDefined();
  });

  it('lets the metrics token and admins scrape, and no one else', async () => {
    await scrape(adminKey);
    const anonymous = await fetch(`${running.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await call('GET', '/metrics', retailerKey)).status).toBe(403);
    expect((await call('GET', '/metrics', `${METRICS_TOKEN}x`)).status).toBe(401);
  });

  it("logs each request with its request id and the caller's correlation id, and no personal data", async () => {
    const answer = await call('GET', '/parcels/p-1', retailerKey, undefined, { 'x-correlation-id': 'order-42' });
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^http-[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-correlation-id')).toBe('order-42');
    const records = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({ level: 'debug', context: 'HTTP', msg: 'request answered', method: 'GET', route: '/parcels/:parcelId', status: 200, requestId, correlationId: 'order-42' }),
    );
    // The registration above was logged at every level (LOG_LEVEL=verbose), by the API and the projector thread alike.
    expect(records.filter((r) => r.msg === 'request answered' && r.route === '/parcels' && r.method === 'POST')).toHaveLength(2);
    const everything = logs.join('');
    for (const personal of ['Ann Lister', 'Shibden', 'HX3 6XG', '7700 900123', '900123']) expect(everything).not.toContain(personal);
  });
});
