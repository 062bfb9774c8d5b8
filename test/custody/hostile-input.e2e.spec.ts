import { CustodyApi, startCustodyApi } from './support/custody-api.fixture';

jest.setTimeout(60_000);

/**
 * Input that is well-formed JSON yet hostile: dates that do not exist, text that hides or
 * reorders what a person reads, bodies nested or sized to exhaust the server. Each is refused
 * with a 400 (413 for size) Problem Details naming the field or the limit, and nothing is appended.
 */
const address = { lines: ['4 Canal Street'], locality: 'Todmorden', postalCode: 'OL14 5AA', countryCode: 'GB' };
const person = (name: string) => ({ name, address, phone: '+44 7700 900456' });
const evidence = [`sha256:${'a'.repeat(64)}`];
const geo = { latitude: 53.71, longitude: -2.1 };
const intact = { condition: 'intact' };

/** Instants that look right and are not: no such day, hour, minute or second. */
const IMPOSSIBLE_INSTANTS = [
  '2026-02-30T00:00:00Z',
  '2026-01-01T25:00:00Z',
  '2025-02-29T12:00:00Z',
  '2026-04-31T08:00:00Z',
  '2026-01-01T23:60:00Z',
  '2026-01-01T23:59:60Z',
  '2026-13-01T00:00:00Z',
  '2026-00-10T00:00:00Z',
];

describe('hostile input at the custody API', () => {
  let api: CustodyApi;
  const keys: Record<string, string> = {};
  const post = (who: string, path: string, body: unknown) => api.call('POST', path, { key: keys[who], body });
  const fieldsOf = (answer: { body: { errors?: { field: string }[] } }) => (answer.body.errors ?? []).map((error) => error.field);

  beforeAll(async () => {
    api = await startCustodyApi();
    keys.admin = api.adminKey;
    for (const [path, body] of [
      ['/coordinators', { participantId: 'coord-1', displayName: 'Ruth' }],
      ['/retailers', { participantId: 'ret-1', displayName: 'Calder Hardware' }],
      ['/couriers', { participantId: 'cour-1', displayName: 'Sam', engagement: { kind: 'paid' }, vetting: 'vetted' }],
      ['/hubs', { participantId: 'hub-1', displayName: 'Mill Hub', address, operatingCoordinatorId: 'coord-1' }],
      [
        '/collectives',
        { participantId: 'col-1', displayName: 'Calder', memberRetailerIds: ['ret-1'], policy: { declaredValueThreshold: { amountMinor: 20_000, currency: 'GBP' }, waiverRequired: false } },
      ],
    ] as const) {
      expect((await post('admin', path, body)).status).toBe(201);
    }
    for (const [name, grant] of [
      ['retailer', { role: 'retailer', participantId: 'ret-1' }],
      ['coordinator', { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-1' }],
      ['courier', { role: 'courier', participantId: 'cour-1' }],
    ] as const) {
      keys[name] = (await post('admin', '/api-keys', grant)).body.apiKey;
    }
    const parcel = {
      parcelId: 'p-1',
      externalReference: 'o-1',
      collectiveId: 'col-1',
      declaredValue: { amountMinor: 100, currency: 'GBP' },
      categories: [],
      destinationHubId: 'hub-1',
      recipient: person('Grace Hopper'),
    };
    expect((await post('retailer', '/parcels', parcel)).status).toBe(201);
    expect((await post('coordinator', '/parcels/p-1/receive-at-hub', { condition: intact })).status).toBe(200);
    const offer = await post('coordinator', '/parcels/p-1/handoffs', { handoffId: 'h-1', to: { kind: 'courier', id: 'cour-1' } });
    expect(offer.status).toBe(201);
  });

  afterAll(async () => {
    await api?.dispose();
  });

  describe('dates: one strict RFC 3339 parser for every instant and day', () => {
    it.each(IMPOSSIBLE_INSTANTS)('refuses ?asOf=%s on the custody chain, naming asOf', async (instant) => {
      const answer = await api.call('GET', `/parcels/p-1/custody-chain?asOf=${instant}`, { key: keys.admin });
      expect(answer).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID' } });
      expect(fieldsOf(answer)).toEqual(['asOf']);
    });

    it('lets a real instant through, a leap day included', async () => {
      // This fixture runs no projector, so a valid query gets as far as the missing read model (503).
      const answer = await api.call('GET', '/parcels/p-1/custody-chain?asOf=2024-02-29T23:59:59.5Z', { key: keys.admin });
      expect(answer.body).toMatchObject({ status: 503, code: 'PROJECTIONS.UNKNOWN_READ_MODEL' });
    });

    it.each(IMPOSSIBLE_INSTANTS)('refuses %s in every command field that carries an instant', async (instant) => {
      const before = await api.countEvents();
      const refusals = await Promise.all([
        post('courier', '/parcels/p-1/handoffs/h-1/accept', { condition: intact, evidence, geo, deviceTime: instant }),
        post('courier', '/parcels/p-1/incidents', { incident: 'lost', discoveredAt: instant, description: 'gone', evidence }),
        post('courier', '/parcels/p-1/delivery-attempts', { reason: 'out', geo, card: { option: 'leave-with-neighbour', deviceTime: instant } }),
        post('coordinator', '/hub-cycles', { occurredAt: instant }),
      ]);
      expect(refusals.map((answer) => [answer.status, fieldsOf(answer)])).toEqual([
        [400, ['deviceTime']],
        [400, ['discoveredAt']],
        [400, ['card.deviceTime']],
        [400, ['occurredAt']],
      ]);
      expect(await api.countEvents()).toBe(before);
    });

    it.each(['2026-02-30', '2025-02-29', '2026-06-31', '2026-13-01'])('refuses the day %s as returnOn', async (day) => {
      const answer = await post('courier', '/parcels/p-1/delivery-attempts', { reason: 'out', geo, card: { option: 'return-to-depot', returnOn: day } });
      expect([answer.status, fieldsOf(answer)]).toEqual([400, ['card.returnOn']]);
    });
  });

  describe('text: control characters, bidirectional overrides and byte order marks are refused', () => {
    it.each([
      ['NUL', 'Calder\u0000Hardware'],
      ['a bell', 'Calder\u0007'],
      ['escape', '\u001b[31mred'],
      ['DEL', 'x\u007f'],
      ['a C1 control', 'x\u0085y'],
      ['right-to-left override', 'invoice\u202Etxt.exe'],
      ['left-to-right embedding', '\u202Ahub'],
      ['pop directional formatting', 'hub\u202C'],
      ['first strong isolate', 'a\u2068b'],
      ['pop directional isolate', 'a\u2069'],
      ['byte order mark', '\uFEFFCalder'],
    ])('in a name (%s): 400 naming the field, nothing recorded', async (_what, text) => {
      const before = await api.countEvents();
      const answer = await post('admin', '/retailers', { displayName: text });
      expect(answer).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID' } });
      expect(fieldsOf(answer)).toEqual(['displayName']);
      expect(await api.countEvents()).toBe(before);
    });

    it('in nested free text and personal data too, naming each field', async () => {
      const answer = await post('courier', '/parcels/p-1/delivery-attempts', {
        reason: 'nobody\u0000home',
        geo,
        card: { option: 'leave-with-neighbour', neighbour: person('Mar\u202Egaret'), condition: { condition: 'intact', notes: '\uFEFFok' }, deviceTime: '2026-01-01T10:00:00Z' },
      });
      expect(answer.status).toBe(400);
      expect(fieldsOf(answer).sort()).toEqual(['card.condition.notes', 'card.neighbour.name', 'reason']);
    });

    it('keeps what people legitimately write: line breaks and tabs in notes, right-to-left scripts, marks, emoji', async () => {
      expect((await post('admin', '/retailers', { participantId: 'ret-rtl', displayName: 'מאפיית השכונה \u200F(Bakery) 🍞' })).status).toBe(201);
      const declined = await post('courier', '/parcels/p-1/handoffs/h-1/decline', { reason: 'Bag full.\nBack at 5pm.\tSorry' });
      expect(declined.status).toBe(200);
    });
  });

  describe('nesting and size are bounded at the parser', () => {
    const nestedArrays = (levels: number) => `{"displayName":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    const nestedObjects = (levels: number) => `{"displayName":"x","extra":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`;

    it.each([
      ['1,300 nested arrays (2.6 KB)', nestedArrays(1_300)],
      ['5,000 nested arrays', nestedArrays(5_000)],
      ['5,000 nested objects', nestedObjects(5_000)],
      ['one level past the limit', nestedObjects(32)],
    ])('refuses %s with 400 REQUEST.TOO_DEEP naming the limit', async (_what, raw) => {
      for (const path of ['/retailers', '/parcels/p-1/handoffs/h-1/accept']) {
        const answer = await api.call('POST', path, { key: path === '/retailers' ? keys.admin : keys.courier, raw });
        expect(answer).toMatchObject({ status: 400, body: { code: 'REQUEST.TOO_DEEP', detail: expect.stringContaining('32') } });
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    });

    it('lets nesting up to the limit through to validation, and ignores brackets inside strings', async () => {
      expect((await api.call('POST', '/retailers', { key: keys.admin, raw: nestedObjects(31) })).body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      const brackets = '['.repeat(100);
      expect((await api.call('POST', '/retailers', { key: keys.admin, body: { participantId: 'ret-brackets', displayName: brackets } })).status).toBe(201);
    });

    it('refuses a body over 64 KiB with 413 REQUEST.TOO_LARGE naming the limit', async () => {
      const answer = await post('admin', '/retailers', { displayName: 'x'.repeat(70_000) });
      expect(answer).toMatchObject({ status: 413, body: { code: 'REQUEST.TOO_LARGE', detail: expect.stringContaining('65536') } });
    });
  });
});
