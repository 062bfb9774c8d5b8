import { HashableEvent, verifyHashChain } from '@handoff/shared';
import { CustodyApi, startCustodyApi } from './support/custody-api.fixture';

jest.setTimeout(60_000);

const address = { lines: ['4 Canal Street'], locality: 'Todmorden', postalCode: 'OL14 5AA', countryCode: 'GB' };
const person = (name: string) => ({ name, address, phone: '+44 7700 900456' });
const hash = (digit: string) => `sha256:${digit.repeat(64)}`;
const geo = { latitude: 53.71, longitude: -2.1 };
const intact = { condition: 'intact' };

describe('custody API over HTTP (embedded servers)', () => {
  let api: CustodyApi;
  const keys: Record<string, string> = {};

  async function rawEvents(stream: string): Promise<HashableEvent[]> {
    const out: HashableEvent[] = [];
    for await (const { event } of api.events.readStream(stream)) {
      const metadata = event!.metadata as Record<string, unknown>;
      out.push({ streamName: event!.streamId, eventId: event!.id, type: event!.type, schemaVersion: Number(metadata.schemaVersion), data: event!.data, metadata });
    }
    return out;
  }

  const as = (who: string) => ({
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) => api.call('POST', path, { key: keys[who], body, headers }),
    put: (path: string, body: unknown) => api.call('PUT', path, { key: keys[who], body }),
    del: (path: string) => api.call('DELETE', path, { key: keys[who] }),
  });

  const registerParcel = (parcelId: string, extra: Record<string, unknown> = {}) =>
    as('retailer').post('/parcels', {
      parcelId,
      externalReference: `order-${parcelId}`,
      collectiveId: 'col-1',
      declaredValue: { amountMinor: 4_500, currency: 'GBP' },
      categories: [],
      destinationHubId: 'hub-1',
      recipient: person('Grace Hopper'),
      ...extra,
    });

  /** Registered, received at hub-1 in cycle-1: the hub holds it. */
  async function parcelAtHub(parcelId: string, extra: Record<string, unknown> = {}, cycle: { cycleId?: string } = { cycleId: 'cycle-1' }) {
    expect((await registerParcel(parcelId, extra)).status).toBe(201);
    expect((await as('coordinator').post(`/parcels/${parcelId}/receive-at-hub`, { condition: intact, ...cycle })).status).toBe(200);
  }

  async function withCourier(parcelId: string, courier: string) {
    const offer = await as('coordinator').post(`/parcels/${parcelId}/handoffs`, { to: { kind: 'courier', id: courier } });
    expect(offer.status).toBe(201);
    const accept = await as(courier).post(`/parcels/${parcelId}/handoffs/${offer.body.handoffId}/accept`, { condition: intact, evidence: [hash('a')], geo, deviceTime: '2025-05-01T10:00:00Z' });
    expect(accept.status).toBe(200);
  }

  beforeAll(async () => {
    api = await startCustodyApi();
    keys.admin = api.adminKey;
    const admin = as('admin');
    const registered = await Promise.all([
      admin.post('/coordinators', { participantId: 'coord-1', displayName: 'Ruth at Mill Hub' }),
      admin.post('/retailers', { participantId: 'ret-1', displayName: 'Calder Hardware' }),
      admin.post('/retailers', { participantId: 'ret-2', displayName: 'Valley Pharmacy' }),
      admin.post('/couriers', { participantId: 'cour-paid', displayName: 'Sam', engagement: { kind: 'paid' }, vetting: 'vetted' }),
      admin.post('/couriers', { participantId: 'cour-vol', displayName: 'Alex', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }),
    ]);
    expect(registered.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect((await admin.post('/hubs', { participantId: 'hub-1', displayName: 'Mill Hub', address, operatingCoordinatorId: 'coord-1', perCycleCap: 2 })).status).toBe(201);
    const collective = await admin.post('/collectives', {
      participantId: 'col-1',
      displayName: 'Calder Valley Collective',
      memberRetailerIds: ['ret-1'],
      policy: { declaredValueThreshold: { amountMinor: 20_000, currency: 'GBP' }, waiverRequired: false },
    });
    expect(collective.status).toBe(201);
    const issue = async (name: string, grant: Record<string, string>) => {
      const issued = await admin.post('/api-keys', grant);
      expect(issued.status).toBe(201);
      keys[name] = issued.body.apiKey;
    };
    await issue('retailer', { role: 'retailer', participantId: 'ret-1' });
    await issue('retailer2', { role: 'retailer', participantId: 'ret-2' });
    await issue('coordinator', { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-1' });
    await issue('cour-paid', { role: 'courier', participantId: 'cour-paid' });
    await issue('cour-vol', { role: 'courier', participantId: 'cour-vol' });
    await issue('auditor', { role: 'auditor', participantId: 'audit-firm-1' });
    expect((await as('coordinator').post('/hub-cycles', { cycleId: 'cycle-1' })).status).toBe(201);
  });

  afterAll(async () => {
    await api?.dispose();
  });

  describe('identity', () => {
    it('refuses requests without a key or with an unknown one (401), and the wrong role (403), as problem details', async () => {
      const none = await api.call('POST', '/parcels', { body: {} });
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(none.body).toMatchObject({ status: 401, code: 'AUTH.API_KEY_REQUIRED' });
      expect((await api.call('POST', '/parcels', { key: 'hk_not-a-real-key', body: {} })).body).toMatchObject({ status: 401, code: 'AUTH.API_KEY_UNKNOWN' });
      expect((await as('cour-paid').post('/parcels', {})).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
      expect((await as('auditor').post('/retailers', { displayName: 'x' })).status).toBe(403);
      expect((await as('retailer').post('/api-keys', { role: 'admin', participantId: 'me' })).status).toBe(403);
    });

    it('accepts the key as X-Api-Key too, and keeps /docs public', async () => {
      const viaHeader = await api.call('POST', '/retailers', { headers: { 'x-api-key': keys.admin }, body: { participantId: 'ret-3', displayName: 'Corner Shop' } });
      expect(viaHeader.status).toBe(201);
      expect((await api.call('GET', '/docs')).status).toBe(200);
      const openapi = await api.call('GET', '/docs-json');
      expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/parcels', '/parcels/{parcelId}/handoffs/{handoffId}/accept', '/recipients/{subjectId}/personal-data']));
      // Request schemas come from the DTOs' validation rules.
      const schemas = openapi.body.components.schemas;
      expect(schemas.RegisterParcelRequestDto.required).toEqual(expect.arrayContaining(['externalReference', 'collectiveId', 'declaredValue', 'recipient']));
      expect(schemas.RegisterParcelRequestDto.properties.categories).toMatchObject({ type: 'array', items: { enum: ['pharmaceutical', 'fragile', 'perishable', 'oversized'] } });
      expect(schemas.MoneyDto.properties.amountMinor).toMatchObject({ type: 'integer', minimum: 0 });
    });

    it('will not issue a coordinator key for a hub the coordinator does not run', async () => {
      expect((await as('admin').post('/api-keys', { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-9' })).body).toMatchObject({ status: 404, code: 'PARTICIPANT.NOT_FOUND' });
      expect((await as('admin').post('/api-keys', { role: 'courier', participantId: 'ret-1' })).body).toMatchObject({ status: 422, code: 'PARTICIPANT.WRONG_KIND' });
    });
  });

  describe('a parcel from registration to delivery', () => {
    it('registers with the recipient sealed, answering id, revision and the $all position', async () => {
      const registered = await registerParcel('p-1', { categories: ['fragile'] }).then((r) => r);
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({ id: 'p-1', revision: 0, recorded: ['ParcelRegistered'], recipientSubjectId: expect.stringMatching(/^recipient-/) });
      expect(registered.headers.get('x-handoff-position')).toMatch(/^\d+(:\d+)?$/);
      expect(registered.body.position).toBe(registered.headers.get('x-handoff-position'));
      const [event] = await rawEvents('parcel-p-1');
      expect(JSON.stringify(event.data)).not.toMatch(/Grace Hopper|4 Canal Street|7700 900456/); // spaces: never in base64 by chance
      expect((event.data as any).recipient).toMatchObject({ algorithm: 'AES-256-GCM', subjectId: registered.body.recipientSubjectId });
    });

    it('records the actor, correlation and causation ids in every event', async () => {
      const received = await api.call('POST', '/parcels/p-1/receive-at-hub', {
        key: keys.coordinator,
        body: { condition: intact, cycleId: 'cycle-1' },
        headers: { 'x-correlation-id': 'scan-batch-77' },
      });
      expect(received.status).toBe(200);
      const events = await rawEvents('parcel-p-1');
      expect(events[1].type).toBe('ParcelReceivedAtHub');
      expect(events[1].metadata).toMatchObject({ actor: { kind: 'coordinator', id: 'coord-1' }, $correlationId: 'scan-batch-77', $causationId: expect.stringMatching(/^http-/) });
      expect((events[1].data as any).cycle).toEqual({ cycleId: 'cycle-1' });
      // The cycle counts it from the parcel's event (the hub-cycle-intake reaction, ADR 0020): the
      // reaction is the actor, the parcel's event the cause, and its key is in the metadata.
      await api.reactionsSettled();
      const cycle = await rawEvents('hubcycle-cycle-1');
      expect(cycle.map((e) => e.type)).toEqual(['HubCycleOpened', 'HubCycleParcelReceived']);
      expect(cycle[1].data).toMatchObject({ parcelId: 'p-1', intakeNumber: 1, overCap: false });
      expect(cycle[1].metadata).toMatchObject({
        actor: { kind: 'system', id: 'reaction:hub-cycle-intake' },
        $correlationId: 'scan-batch-77',
        $causationId: events[1].eventId,
        idempotencyKey: `hub-cycle-intake@v1:${events[1].eventId}:0`,
      });
    });

    it('offers, declines and accepts handoffs, refusing whoever is not the holder or the named receiver', async () => {
      expect((await as('coordinator').post('/parcels/p-1/sort', { toteId: 'tote-3', routeId: 'loop-a' })).status).toBe(200);
      const first = await as('coordinator').post('/parcels/p-1/handoffs', { to: { kind: 'courier', id: 'cour-paid' } });
      expect(first).toMatchObject({ status: 201, body: { recorded: ['ParcelHandoffOffered'] } });
      expect((await as('coordinator').post('/parcels/p-1/handoffs', { to: { kind: 'courier', id: 'cour-vol' } })).body).toMatchObject({ status: 409, code: 'PARCEL.OFFER_ALREADY_OPEN' });
      const wrongReceiver = await as('cour-vol').post(`/parcels/p-1/handoffs/${first.body.handoffId}/accept`, { condition: intact, evidence: [hash('b')], geo, deviceTime: '2025-05-01T10:00:00Z' });
      // A courier who is not offered the parcel cannot see it: told it does not exist, not who holds it.
      expect(wrongReceiver.body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
      expect((await as('cour-paid').post(`/parcels/p-1/handoffs/${first.body.handoffId}/decline`, { reason: 'bike full' })).status).toBe(200);
      expect((await as('cour-vol').post('/parcels/p-1/handoffs', { to: { kind: 'courier', id: 'cour-paid' } })).body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
      expect((await as('retailer').post('/parcels/p-1/handoffs', { to: { kind: 'courier', id: 'cour-paid' } })).body).toMatchObject({ status: 409, code: 'PARCEL.NOT_HOLDER' });

      const second = await as('coordinator').post('/parcels/p-1/handoffs', { to: { kind: 'courier', id: 'cour-paid' } });
      const accepted = await as('cour-paid').post(`/parcels/p-1/handoffs/${second.body.handoffId}/accept`, { condition: intact, evidence: [hash('c')], geo, deviceTime: '2025-05-01T10:05:00Z' });
      expect(accepted).toMatchObject({ status: 200, body: { recorded: ['ParcelHandoffAccepted'] } });
    });

    it('leaves a parcel with a neighbour on a failed attempt: the neighbour holds it, their details sealed', async () => {
      const attempt = await as('cour-paid').post('/parcels/p-1/delivery-attempts', {
        reason: 'nobody home',
        geo,
        card: { option: 'leave-with-neighbour', neighbour: person('Ada Lovelace'), condition: intact, evidence: [hash('d')], deviceTime: '2025-05-01T11:00:00Z' },
      });
      expect(attempt.status).toBe(201);
      expect(attempt.body.neighbourSubjectId).toMatch(/^neighbour-/);
      const events = await rawEvents('parcel-p-1');
      expect(JSON.stringify(events.at(-1)!.data)).not.toContain('Ada Lovelace');
      // The courier no longer holds it, and so no longer sees it.
      expect((await as('cour-paid').post('/parcels/p-1/delivery', { receivedBy: { kind: 'recipient' }, evidence: [hash('e')], geo })).body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
      expect(verifyHashChain(events)).toMatchObject({ valid: true, eventCount: events.length });
    });

    it('delivers with proof; a repeat records nothing; nothing moves afterwards', async () => {
      await parcelAtHub('p-2');
      await withCourier('p-2', 'cour-vol');
      const delivered = await as('cour-vol').post('/parcels/p-2/delivery', { receivedBy: { kind: 'recipient' }, evidence: [hash('f')], geo });
      expect(delivered).toMatchObject({ status: 200, body: { recorded: ['ParcelDelivered'] } });
      const again = await as('cour-vol').post('/parcels/p-2/delivery', { receivedBy: { kind: 'recipient' }, evidence: [hash('f')], geo });
      expect(again).toMatchObject({ status: 200, body: { recorded: [], revision: delivered.body.revision } });
      expect((await as('cour-vol').post('/parcels/p-2/handoffs', { to: { kind: 'courier', id: 'cour-paid' } })).body).toMatchObject({ status: 409, code: 'PARCEL.CLOSED' });
    });

    it('returns to depot and to sender, and takes incident reports', async () => {
      await parcelAtHub('p-3');
      await withCourier('p-3', 'cour-paid');
      expect((await as('cour-paid').post('/parcels/p-3/delivery-attempts', { reason: 'closed', geo, card: { option: 'return-to-depot', returnOn: '2025-05-02' } })).status).toBe(201);
      expect((await as('coordinator').post('/parcels/p-3/return-to-depot', { condition: { condition: 'damaged', notes: 'box crushed' } })).status).toBe(200);
      const report = await as('coordinator').post('/parcels/p-3/incidents', { incident: 'damaged', discoveredAt: new Date().toISOString(), description: 'corner crushed', evidence: [hash('9')] });
      expect(report).toMatchObject({ status: 201, body: { recorded: ['ParcelReportedDamaged'] } });
      expect((await as('coordinator').post('/parcels/p-3/return-to-sender', { condition: { condition: 'damaged' } })).body).toMatchObject({ recorded: ['ParcelReturnedToSender'] });
    });

    it('counts intake over the cycle cap as flagged, never refused, and closes the cycle', async () => {
      // cycle-1 has cap 2 and already took p-1 and p-2; p-3 was the third.
      await api.reactionsSettled();
      const cycle = await rawEvents('hubcycle-cycle-1');
      expect(cycle.map((e) => e.type)).toEqual(['HubCycleOpened', 'HubCycleParcelReceived', 'HubCycleParcelReceived', 'HubCycleParcelReceived', 'HubCycleCapExceeded']);
      expect(cycle[3].data).toMatchObject({ parcelId: 'p-3', intakeNumber: 3, overCap: true });
      const p3 = await rawEvents('parcel-p-3');
      expect((p3[1].data as any).cycle).toEqual({ cycleId: 'cycle-1' });
      expect((await as('coordinator').post('/hub-cycles/cycle-1/close', {})).body).toMatchObject({ recorded: ['HubCycleClosed'] });
    });
  });

  describe('refusals', () => {
    it('answers each refusal with its status and code', async () => {
      expect((await as('coordinator').post('/parcels/nope/sort', { toteId: 't', routeId: 'r' })).body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
      expect((await registerParcel('p-x', { collectiveId: 'col-none' })).body).toMatchObject({ status: 422, code: 'PARCEL.RETAILER_NOT_IN_COLLECTIVE' });
      expect(
        (
          await as('retailer2').post('/parcels', {
            externalReference: 'r',
            collectiveId: 'col-1',
            declaredValue: { amountMinor: 1, currency: 'GBP' },
            categories: [],
            destinationHubId: 'hub-1',
            recipient: person('B'),
          })
        ).body,
      ).toMatchObject({ status: 422, code: 'PARCEL.RETAILER_NOT_IN_COLLECTIVE' });
      expect((await registerParcel('p-late', {})).status).toBe(201);
      expect((await as('coordinator').post('/parcels/p-late/receive-at-hub', { condition: intact, cycleId: 'cycle-1' })).body).toMatchObject({ status: 409, code: 'HUB_CYCLE.CLOSED' });
      await parcelAtHub('p-pharma', { categories: ['pharmaceutical'] }, {});
      const offer = await as('coordinator').post('/parcels/p-pharma/handoffs', { to: { kind: 'courier', id: 'cour-vol' } });
      expect(offer.body).toMatchObject({ status: 422, code: 'PARCEL.RECEIVER_NOT_ELIGIBLE', title: 'Unprocessable Entity', type: expect.stringContaining('parcel-receiver-not-eligible') });
      expect((await as('coordinator').post('/parcels/p-pharma/handoffs', { to: { kind: 'courier', id: 'ghost' } })).body).toMatchObject({ status: 404, code: 'PARTICIPANT.NOT_FOUND' });
      expect((await registerParcel('p-1')).body).toMatchObject({ status: 409, code: 'PARCEL.ALREADY_REGISTERED' });
    });

    it('refuses invalid input with 400, naming each field, unknown fields included', async () => {
      const invalid = await as('retailer').post('/parcels', {
        externalReference: '',
        collectiveId: 'col 1',
        declaredValue: { amountMinor: 1.5, currency: 'gbp' },
        categories: ['gold'],
        destinationHubId: 'hub-1',
        recipient: person('C'),
        isAdmin: true,
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.code).toBe('REQUEST.INVALID');
      const fields = invalid.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['externalReference', 'collectiveId', 'declaredValue.amountMinor', 'declaredValue.currency', 'categories', 'isAdmin']));
      expect((await as('cour-paid').post('/parcels/p-1/delivery-attempts', { reason: 'x', geo, card: { option: 'return-to-depot' } })).body).toMatchObject({
        status: 400,
        errors: [{ field: 'card.returnOn' }],
      });
    });
  });

  describe('idempotency', () => {
    const order = {
      parcelId: 'p-idem',
      externalReference: 'o-1',
      collectiveId: 'col-1',
      declaredValue: { amountMinor: 100, currency: 'GBP' },
      categories: [],
      destinationHubId: 'hub-1',
      recipient: person('D'),
    };

    it('answers a repeat with the first result and appends nothing; another body with the same key is 422', async () => {
      const body = order;
      const first = await as('retailer').post('/parcels', body, { 'idempotency-key': 'order-o-1' });
      expect(first.status).toBe(201);
      const before = await api.countEvents();
      const repeat = await as('retailer').post('/parcels', body, { 'idempotency-key': 'order-o-1' });
      expect(repeat.status).toBe(201);
      expect(repeat.body).toEqual(first.body);
      expect(repeat.headers.get('x-handoff-position')).toBe(first.headers.get('x-handoff-position'));
      expect(await api.countEvents()).toBe(before);
      const other = await as('retailer').post('/parcels', { ...body, externalReference: 'o-2' }, { 'idempotency-key': 'order-o-1' });
      expect(other.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
      // Another caller's identical key is another request: it runs (and is refused on its own merits).
      expect((await as('retailer2').post('/parcels', body, { 'idempotency-key': 'order-o-1' })).body).toMatchObject({ status: 409, code: 'PARCEL.ALREADY_REGISTERED' });
      expect(await api.countEvents()).toBe(before);
    });

    it('holds on a command issued through the dispatcher (a generated cycle id): the repeat replays the id, the position, and appends nothing', async () => {
      const first = await as('coordinator').post('/hub-cycles', {}, { 'idempotency-key': 'open-cycle-x' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ id: first.body.cycleId, revision: 0, recorded: ['HubCycleOpened'], position: first.headers.get('x-handoff-position') });
      const before = await api.countEvents();
      const repeat = await as('coordinator').post('/hub-cycles', {}, { 'idempotency-key': 'open-cycle-x' });
      expect({ status: repeat.status, body: repeat.body, position: repeat.headers.get('x-handoff-position') }).toEqual({
        status: 201,
        body: first.body,
        position: first.headers.get('x-handoff-position'),
      });
      expect(await api.countEvents()).toBe(before);
      expect((await as('coordinator').post(`/hub-cycles/${first.body.cycleId}/close`, {})).body).toMatchObject({ id: first.body.cycleId, recorded: ['HubCycleClosed'] });
    });

    it('seals personal data once: a keyed repeat of a registration without a parcel id answers the same parcel and recipient subject, and creates no subject key', async () => {
      const subjectKeys = () => api.mongo.db('handoff').collection('subject_keys').countDocuments();
      const { parcelId: _generated, ...body } = { ...order, externalReference: 'o-sealed-once' };
      const first = await as('retailer').post('/parcels', body, { 'idempotency-key': 'order-sealed-once' });
      expect(first.body).toMatchObject({ recorded: ['ParcelRegistered'], recipientSubjectId: expect.stringMatching(/^recipient-/) });
      const [keys, events] = [await subjectKeys(), await api.countEvents()];
      const repeat = await as('retailer').post('/parcels', body, { 'idempotency-key': 'order-sealed-once' });
      expect(repeat.body).toEqual(first.body);
      expect([await subjectKeys(), await api.countEvents()]).toEqual([keys, events]);
    });

    it('covers every command endpoint: a repeated accept replays its answer, status and position, and records nothing', async () => {
      await parcelAtHub('p-idem-accept', {}, {});
      const offer = await as('coordinator').post('/parcels/p-idem-accept/handoffs', { to: { kind: 'courier', id: 'cour-paid' } });
      const accept = { condition: intact, evidence: [hash('b')], geo, deviceTime: '2025-05-01T10:00:00Z' };
      const path = `/parcels/p-idem-accept/handoffs/${offer.body.handoffId}/accept`;
      const first = await as('cour-paid').post(path, accept, { 'idempotency-key': 'accept-1' });
      expect(first).toMatchObject({ status: 200, body: { recorded: ['ParcelHandoffAccepted'] } });
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const before = await api.countEvents();
      const repeat = await as('cour-paid').post(path, accept, { 'idempotency-key': 'accept-1' });
      expect(repeat).toMatchObject({ status: 200, body: first.body });
      expect(repeat.headers.get('idempotent-replayed')).toBe('true');
      expect(repeat.headers.get('x-handoff-position')).toBe(first.body.position);
      expect(await api.countEvents()).toBe(before);
      expect((await as('cour-paid').post(path, accept, { 'idempotency-key': 'a b' })).body).toMatchObject({ status: 400, code: 'IDEMPOTENCY.INVALID_KEY' });
    });
  });

  describe('erasure', () => {
    it('destroys the key, records the erasure once, and keeps the custody chain whole', async () => {
      const registered = await registerParcel('p-erase');
      const subjectId = registered.body.recipientSubjectId;
      expect((await as('retailer').del(`/recipients/${subjectId}/personal-data`)).status).toBe(403);
      const erased = await as('admin').del(`/recipients/${subjectId}/personal-data`);
      expect(erased).toMatchObject({ status: 200, body: { id: subjectId, recorded: ['PersonalDataErased'], shreddedAt: expect.any(String) } });
      const again = await as('admin').del(`/recipients/${subjectId}/personal-data`);
      expect(again).toMatchObject({ status: 200, body: { recorded: [], shreddedAt: erased.body.shreddedAt } });
      expect((await rawEvents(`datasubject-${subjectId}`)).map((e) => e.type)).toEqual(['PersonalDataErased']);
      const key = await api.mongo.db('handoff').collection('subject_keys').findOne({ _id: subjectId });
      expect(key).toEqual({ _id: subjectId, shredded: true, shreddedAt: erased.body.shreddedAt, rotationPending: true });
      expect(verifyHashChain(await rawEvents('parcel-p-erase'))).toMatchObject({ valid: true });
      expect((await as('admin').del('/recipients/recipient-unknown/personal-data')).body).toMatchObject({ status: 404, code: 'PERSONAL_DATA.SUBJECT_NOT_FOUND' });
    });
  });
});
