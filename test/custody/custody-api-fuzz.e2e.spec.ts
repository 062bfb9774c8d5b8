import { CustodyApi, startCustodyApi } from './support/custody-api.fixture';

jest.setTimeout(90_000);

/**
 * Hostile and malformed input at every command endpoint, with keys of the right role: the answer
 * is always a Problem Details 4xx (never a 5xx), and nothing is appended.
 */
const address = { lines: ['1 High St'], locality: 'Hebden', postalCode: 'HX7', countryCode: 'GB' };
const person = { name: 'N', address, phone: '+44 1' };
const geo = { latitude: 1, longitude: 2 };
const condition = { condition: 'intact' };
const evidence = [`sha256:${'a'.repeat(64)}`];

interface Endpoint {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  role: string;
  /** A body that would pass validation (the fuzzer breaks it). */
  body?: Record<string, unknown>;
  /** Optional fields of `body`: null there means "not given", as class-validator's @IsOptional reads it. */
  optional?: string[];
}

const endpoints: Endpoint[] = [
  { method: 'POST', path: '/retailers', role: 'admin', body: { displayName: 'R' } },
  { method: 'POST', path: '/coordinators', role: 'admin', body: { displayName: 'C' } },
  { method: 'POST', path: '/couriers', role: 'admin', body: { displayName: 'K', engagement: { kind: 'paid' }, vetting: 'vetted' } },
  { method: 'POST', path: '/hubs', role: 'admin', body: { displayName: 'H', address, operatingCoordinatorId: 'c-1' } },
  {
    method: 'POST',
    path: '/collectives',
    role: 'admin',
    body: { displayName: 'L', memberRetailerIds: ['r-1'], policy: { declaredValueThreshold: { amountMinor: 1, currency: 'GBP' }, waiverRequired: true } },
  },
  { method: 'POST', path: '/participants/x-1/rename', role: 'admin', body: { displayName: 'New' } },
  { method: 'POST', path: '/participants/x-1/suspend', role: 'admin', body: { reason: 'r' } },
  { method: 'PUT', path: '/hubs/x-1/address', role: 'admin', body: { address } },
  { method: 'PUT', path: '/hubs/x-1/coordinator', role: 'admin', body: { coordinatorId: 'c-2' } },
  { method: 'PUT', path: '/hubs/x-1/cycle-cap', role: 'admin', body: { perCycleCap: 5 } },
  { method: 'PUT', path: '/couriers/x-1/engagement', role: 'admin', body: { engagement: { kind: 'volunteer' } } },
  { method: 'PUT', path: '/couriers/x-1/vetting', role: 'admin', body: { vetting: 'vetted' } },
  { method: 'PUT', path: '/collectives/x-1/policy', role: 'admin', body: { policy: { declaredValueThreshold: { amountMinor: 1, currency: 'GBP' }, waiverRequired: false } } },
  { method: 'POST', path: '/collectives/x-1/members', role: 'admin', body: { retailerId: 'r-2' } },
  { method: 'POST', path: '/api-keys', role: 'admin', body: { role: 'auditor', participantId: 'a-1' } },
  { method: 'POST', path: '/api-keys/x-1/revoke', role: 'admin', body: { reason: 'r' }, optional: ['reason'] },
  { method: 'POST', path: '/api-keys/x-1/rotate', role: 'admin', body: { graceSeconds: 60, ttlSeconds: 60 }, optional: ['graceSeconds', 'ttlSeconds'] },
  {
    method: 'POST',
    path: '/parcels',
    role: 'retailer',
    body: { externalReference: 'e', collectiveId: 'l-1', declaredValue: { amountMinor: 1, currency: 'GBP' }, categories: [], destinationHubId: 'h-1', recipient: person },
  },
  { method: 'POST', path: '/parcels/p-1/receive-at-hub', role: 'coordinator', body: { condition } },
  { method: 'POST', path: '/parcels/p-1/sort', role: 'coordinator', body: { toteId: 't', routeId: 'r' } },
  { method: 'POST', path: '/parcels/p-1/handoffs', role: 'coordinator', body: { to: { kind: 'courier', id: 'k-1' } } },
  { method: 'POST', path: '/parcels/p-1/handoffs/h-1/accept', role: 'courier', body: { condition, evidence, geo, deviceTime: '2025-01-01T00:00:00Z' } },
  { method: 'POST', path: '/parcels/p-1/handoffs/h-1/decline', role: 'courier', body: { reason: 'r' } },
  { method: 'POST', path: '/parcels/p-1/handoffs/h-1/withdraw', role: 'courier', body: { reason: 'r' } },
  { method: 'POST', path: '/parcels/p-1/delivery-attempts', role: 'courier', body: { reason: 'r', geo, card: { option: 'i-accept' } } },
  { method: 'POST', path: '/parcels/p-1/delivery', role: 'courier', body: { receivedBy: { kind: 'recipient' }, evidence, geo } },
  { method: 'POST', path: '/parcels/p-1/return-to-depot', role: 'coordinator', body: { condition } },
  { method: 'POST', path: '/parcels/p-1/return-to-sender', role: 'coordinator', body: { condition } },
  { method: 'POST', path: '/parcels/p-1/incidents', role: 'courier', body: { incident: 'lost', discoveredAt: '2025-01-01T00:00:00Z', description: 'd', evidence } },
  { method: 'POST', path: '/hub-cycles', role: 'coordinator', body: {} },
  { method: 'POST', path: '/hub-cycles/y-1/close', role: 'coordinator', body: {} },
];

const LONE = '\ud800';
const junkValues: unknown[] = [null, -42, -1.5, true, [], {}, 'x'.repeat(300_000), [[[[[]]]]], { $gt: '' }, 1e308, '', LONE, 'a' + LONE + 'b'];
const deep = (levels: number): unknown => (levels === 0 ? 'bottom' : { nested: deep(levels - 1) });
const deepArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** Raw payloads (bodies and content types) that are wrong whatever the endpoint. */
const rawPayloads: { raw: string; contentType: string }[] = [
  { raw: '{"displayName":', contentType: 'application/json' },
  { raw: '{displayName: "x"}', contentType: 'application/json' },
  { raw: '', contentType: 'application/json' },
  { raw: 'null', contentType: 'application/json' },
  { raw: '[]', contentType: 'application/json' },
  { raw: '"just a string"', contentType: 'application/json' },
  { raw: '12', contentType: 'application/json' },
  { raw: '{"__proto__":{"role":"admin"}}', contentType: 'application/json' },
  { raw: '{"constructor":{"prototype":{"role":"admin"}}}', contentType: 'application/json' },
  { raw: 'displayName=x', contentType: 'application/x-www-form-urlencoded' },
  { raw: '<xml/>', contentType: 'text/xml' },
  { raw: '{"displayName":"x"}', contentType: 'text/plain' },
  { raw: '{"displayName":"\\ud800"}', contentType: 'application/json' },
  { raw: '{"displayName":"x","displayName":"y","extra":1}', contentType: 'application/json' },
  { raw: '\u0000\u0001\u0002', contentType: 'application/json' },
  { raw: JSON.stringify(deep(2_000)), contentType: 'application/json' },
  // 2.6 KB nested 1,300 levels once overflowed the stack in validation: a 500 on every endpoint.
  { raw: deepArrays(1_300), contentType: 'application/json' },
  { raw: `{"displayName":${deepArrays(1_300)}}`, contentType: 'application/json' },
  { raw: `{"a":${deepArrays(20_000)}}`, contentType: 'application/json' },
  { raw: `${'{"nested":'.repeat(10_000)}1${'}'.repeat(10_000)}`, contentType: 'application/json' },
];

/** Breaks a valid body one way: a field gets a junk value, disappears, or an unknown field appears. */
function* mutations(body: Record<string, unknown>, optional: string[] = []): Generator<Record<string, unknown>> {
  const fields = Object.keys(body);
  for (const field of fields) {
    for (const junk of junkValues) if (!isAcceptable(field, junk) && !(junk === null && optional.includes(field))) yield { ...body, [field]: junk };
  }
  yield { ...body, unexpected: 'field' };
  yield { ...body, ['__proto__']: { polluted: true } } as Record<string, unknown>;
  yield { ...body, nested: deep(200) };
  yield { ...body, [fields[0] ?? 'first']: JSON.parse(deepArrays(1_300)) };
  yield { ...body, [LONE]: 'key with a lone surrogate' };
}

/** Values a field legitimately accepts (so the mutation would not be invalid input). */
const isAcceptable = (field: string, value: unknown) => (field === 'categories' && Array.isArray(value) && value.length === 0) || (field === 'evidence' && Array.isArray(value) && value.length === 0);

describe('fuzzing every command endpoint', () => {
  let api: CustodyApi;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    api = await startCustodyApi();
    keys.admin = api.adminKey;
    const issue = async (role: string, participantId: string, body: Record<string, unknown>, path: string) => {
      expect((await api.call('POST', path, { key: keys.admin, body: { participantId, ...body } })).status).toBe(201);
    };
    await issue('coordinator', 'c-1', { displayName: 'C' }, '/coordinators');
    await issue('retailer', 'r-1', { displayName: 'R' }, '/retailers');
    await issue('courier', 'k-1', { displayName: 'K', engagement: { kind: 'paid' }, vetting: 'vetted' }, '/couriers');
    await issue('hub', 'h-1', { displayName: 'H', address, operatingCoordinatorId: 'c-1' }, '/hubs');
    const grant = async (name: string, body: Record<string, string>) => (keys[name] = (await api.call('POST', '/api-keys', { key: keys.admin, body })).body.apiKey);
    await grant('retailer', { role: 'retailer', participantId: 'r-1' });
    await grant('courier', { role: 'courier', participantId: 'k-1' });
    await grant('coordinator', { role: 'coordinator', participantId: 'c-1', hubId: 'h-1' });
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it('never answers 5xx, always answers Problem Details, and appends nothing', async () => {
    const before = await api.countEvents();
    const answers: { endpoint: string; status: number; contentType: string | null; case: string }[] = [];
    const send = async (endpoint: Endpoint, what: string, options: { body?: unknown; raw?: string; contentType?: string; path?: string; headers?: Record<string, string> }) => {
      const answer = await api.call(endpoint.method, options.path ?? endpoint.path, { key: keys[endpoint.role], ...options });
      answers.push({ endpoint: `${endpoint.method} ${endpoint.path}`, status: answer.status, contentType: answer.headers.get('content-type'), case: what });
    };
    const started = Date.now();
    for (const endpoint of endpoints) {
      for (const mutated of mutations(endpoint.body ?? {}, endpoint.optional)) await send(endpoint, `body ${JSON.stringify(mutated).slice(0, 80)}`, { body: mutated });
      for (const payload of rawPayloads) await send(endpoint, `raw ${payload.contentType} ${payload.raw.slice(0, 40)}`, payload);
      if (/\/(p|x|h|y)-1/.test(endpoint.path)) {
        await send(endpoint, 'bad id in path', { body: endpoint.body, path: endpoint.path.replace(/\/(p|x|h|y)-1/, '/bad%20id%00') });
        await send(endpoint, 'lone surrogate in path', { body: endpoint.body, path: endpoint.path.replace(/\/(p|x|h|y)-1/, '/%ED%A0%80') });
        await send(endpoint, 'escaped lone surrogate in path', { body: endpoint.body, path: endpoint.path.replace(/\/(p|x|h|y)-1/, '/a%5Cud800') });
      }
      await send(endpoint, 'junk idempotency key', { body: { ...endpoint.body, unexpected: 1 }, headers: { 'idempotency-key': 'x'.repeat(300) } });
    }
    const elapsed = Date.now() - started;

    expect(answers.length).toBeGreaterThan(300);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => !/^application\/problem\+json/.test(a.contentType ?? ''))).toEqual([]);
    // Everything sent was invalid input: refused as such (400), or too large to read (413).
    expect(answers.filter((a) => a.status !== 400 && a.status !== 413)).toEqual([]);
    expect(await api.countEvents()).toBe(before);
    expect(elapsed).toBeLessThan(30_000);
  });
});
