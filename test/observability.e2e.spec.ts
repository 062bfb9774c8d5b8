import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { AllInOne, startAllInOne } from '../src/all-in-one';
import { httpCaller } from './support/http-caller';
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

  const call = httpCaller(() => running.url);

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

  const registerParcel = (parcelId: string, externalReference = parcelId, headers: Record<string, string> = {}) =>
    call(
      'POST',
      '/parcels',
      retailerKey,
      { parcelId, externalReference, collectiveId: 'col-1', declaredValue: { amountMinor: 1_000, currency: 'GBP' }, categories: [], destinationHubId: 'hub-1', recipient: RECIPIENT },
      headers,
    );

  const scrape = async (key = METRICS_TOKEN) => {
    const answer = await call('GET', '/metrics', key);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return answer.text;
  };

  it('counts a command, a refusal and an idempotent replay by type, outcome and code, with their latency', async () => {
    const before = await scrape();
    expect((await registerParcel('p-1')).status).toBe(201);
    const again = await registerParcel('p-1', 'another-order');
    expect(again.status).toBe(409);
    for (let i = 0; i < 2; i += 1) expect((await registerParcel('p-2', 'p-2', { 'idempotency-key': 'checkout-7' })).status).toBe(201);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(moved('handoff_commands_total', { type: 'RegisterParcel', outcome: 'ok' })).toBe(2);
    expect(moved('handoff_commands_total', { type: 'RegisterParcel', outcome: 'refused' })).toBe(1);
    expect(moved('handoff_commands_total', { type: 'RegisterParcel', outcome: 'replayed' })).toBe(1);
    expect(moved('handoff_commands_total', { type: 'RegisterParcel', outcome: 'failed' })).toBe(0);
    expect(moved('handoff_command_duration_seconds_count', { type: 'RegisterParcel' })).toBe(4);
    expect(moved('handoff_command_duration_seconds_bucket', { type: 'RegisterParcel', le: '+Inf' })).toBe(4);
    expect(moved('handoff_refusals_total', { code: again.body.code })).toBe(1);
  });

  it('shows every projection that the thread runs, its checkpoint and lag, the process, and the series fed by the rate limiter and the verifier', async () => {
    // The projector thread has applied the parcels registered above: its checkpoint, read from MongoDB, moves past the start (-1).
    let text = await scrape();
    for (const deadline = Date.now() + 10_000; !(sample(text, 'handoff_projection_checkpoint', { projection: 'parcel-board' })! > 0) && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      text = await scrape();
    }
    expect(sample(text, 'handoff_projection_checkpoint', { projection: 'parcel-board' })).toBeGreaterThan(0);
    for (const projection of ['parcel-board', 'custody-chain', 'hub-load', 'pay-reports']) {
      expect(sample(text, 'handoff_projection_lag_events', { projection })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'handoff_projection_lag_seconds', { projection })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'handoff_projection_running', { projection })).toBe(1);
    }
    // Reactions beside them: running, caught up, and their recorded totals as counters.
    for (const deadline = Date.now() + 10_000; sample(text, 'handoff_reaction_running', { reaction: 'hub-cycle-intake' }) !== 1 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      text = await scrape();
    }
    expect(sample(text, 'handoff_reaction_running', { reaction: 'hub-cycle-intake' })).toBe(1);
    expect(sample(text, 'handoff_reaction_lag_events', { reaction: 'hub-cycle-intake' })).toBe(0);
    expect(sample(text, 'handoff_reaction_lag_seconds', { reaction: 'hub-cycle-intake' })).toBe(0);
    for (const total of ['events', 'commands', 'refused', 'repeated']) {
      expect(text).toContain(`# TYPE handoff_reaction_${total}_total counter`);
      expect(sample(text, `handoff_reaction_${total}_total`, { reaction: 'hub-cycle-intake' })).toBe(0);
    }
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE handoff_rate_limit_hits_total counter');
    // The projector's background verifier has verified those events: its position, read from MongoDB, moves past the start.
    for (const deadline = Date.now() + 10_000; !(sample(text, 'handoff_verification_position')! > 0) && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      text = await scrape();
    }
    expect(sample(text, 'handoff_verification_position')).toBeGreaterThan(0);
    expect(sample(text, 'handoff_verification_failed_streams')).toBe(0);
  });

  it('lets the metrics token and admins scrape, and no one else', async () => {
    await scrape(adminKey);
    const anonymous = await fetch(`${running.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await call('GET', '/metrics', retailerKey)).status).toBe(403);
    expect((await call('GET', '/metrics', `${METRICS_TOKEN}x`)).status).toBe(401);
  });

  it("logs each request with its request id and the caller's correlation id, the ids its events carry, and no personal data", async () => {
    const answer = await registerParcel('p-3', 'p-3', { 'x-correlation-id': 'order-42' });
    expect(answer.status).toBe(201);
    const requestId = answer.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^http-[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-correlation-id')).toBe('order-42');
    const events = EventStoreDBClient.connectionString(running.embeddedEventStore!.connectionString);
    try {
      const metadata: unknown[] = [];
      for await (const { event } of events.readStream('parcel-p-3')) metadata.push(event?.metadata);
      expect(metadata).toEqual([expect.objectContaining({ $correlationId: 'order-42', $causationId: requestId })]);
    } finally {
      await events.dispose();
    }
    const records = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({ level: 'debug', context: 'HTTP', msg: 'request answered', method: 'POST', route: '/parcels', status: 201, requestId, correlationId: 'order-42' }),
    );
    // Every registration in this file was logged at every level (LOG_LEVEL=verbose), by the API and the projector thread alike.
    expect(records.filter((r) => r.msg === 'request answered' && r.route === '/parcels' && r.method === 'POST')).toHaveLength(5);
    const everything = logs.join('');
    for (const personal of ['Ann Lister', 'Shibden', 'HX3 6XG', '900123']) expect(everything).not.toContain(personal);
  });
});
