import type { Clock } from '@handoff/shared';
import { CustodyApi, HttpAnswer, startCustodyApi } from './support/custody-api.fixture';

jest.setTimeout(60_000);

/**
 * Issue 17 §3 (seizure, suspension, oracle) and §4 (time that a client states), over HTTP as an
 * attacker or a careless client would send it. Every case here was answered 200/201 or 409-naming-
 * the-holder before the rules; each now gets the refusal docs/api.md's Errors paragraph promises.
 */

/** The server's clock, which the test can move forward (four days later, for a backfill). */
class MovableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  nowIso(): string {
    return this.now().toISOString();
  }
}

const HOUR = 3_600_000;
const address = { lines: ['1 Mill Lane'], locality: 'Hebden Bridge', postalCode: 'HX7 8AA', countryCode: 'GB' };
const hash = (digit: string) => `sha256:${digit.repeat(64)}`;
const geo = { latitude: 53.74, longitude: -2.01 };
const intact = { condition: 'intact' };
const acceptBody = (extra: Record<string, unknown> = {}) => ({ condition: intact, evidence: [hash('a')], geo, deviceTime: new Date().toISOString(), ...extra });

describe('custody rules an insurer relies on (embedded servers)', () => {
  const clock = new MovableClock();
  let api: CustodyApi;
  const keys: Record<string, string> = {};
  const as = (who: string) => ({ post: (path: string, body: unknown = {}) => api.call('POST', path, { key: keys[who], body }) });
  const at = (msFromNow: number) => new Date(clock.now().getTime() + msFromNow).toISOString();

  async function eventsOf(stream: string): Promise<{ type: string; data: any; metadata: any }[]> {
    const out: { type: string; data: any; metadata: any }[] = [];
    try {
      for await (const { event } of api.events.readStream(stream)) out.push({ type: event!.type, data: event!.data, metadata: event!.metadata });
    } catch (error) {
      if ((error as { type?: string }).type !== 'stream-not-found') throw error;
    }
    return out;
  }

  const registering = (parcelId: string, who: string, extra: Record<string, unknown> = {}) =>
    as(who).post('/parcels', {
      parcelId,
      externalReference: `order-${parcelId}`,
      collectiveId: 'col-1',
      declaredValue: { amountMinor: 1_000, currency: 'GBP' },
      categories: [],
      destinationHubId: 'hub-a',
      recipient: { name: 'Mary Seacole', address, phone: '+44 7700 900111' },
      ...extra,
    });
  const register = async (parcelId: string, who = 'ret-1', destinationHubId = 'hub-a') => {
    expect((await registering(parcelId, who, { destinationHubId })).status).toBe(201);
  };

  /** The holder offers to a courier or hub, who accepts: answers the handoff id. */
  const handOver = async (parcelId: string, from: string, to: { kind: 'courier' | 'hub'; id: string }, receiver: string) => {
    const offer = await as(from).post(`/parcels/${parcelId}/handoffs`, { to });
    expect(offer.status).toBe(201);
    expect((await as(receiver).post(`/parcels/${parcelId}/handoffs/${offer.body.handoffId}/accept`, acceptBody())).status).toBe(200);
    return offer.body.handoffId as string;
  };

  beforeAll(async () => {
    api = await startCustodyApi({ clock });
    keys.admin = api.adminKey;
    const admin = as('admin');
    const created = await Promise.all([
      ...['coord-a', 'coord-b'].map((id) => admin.post('/coordinators', { participantId: id, displayName: id })),
      ...['ret-1', 'ret-2', 'ret-susp'].map((id) => admin.post('/retailers', { participantId: id, displayName: id })),
      ...['cour-1', 'cour-2', 'cour-susp'].map((id) => admin.post('/couriers', { participantId: id, displayName: id, engagement: { kind: 'paid' }, vetting: 'vetted' })),
    ]);
    expect(created.every((answer) => answer.status === 201)).toBe(true);
    for (const [hub, coordinator] of [
      ['hub-a', 'coord-a'],
      ['hub-b', 'coord-b'],
    ]) {
      expect((await admin.post('/hubs', { participantId: hub, displayName: hub, address, operatingCoordinatorId: coordinator, perCycleCap: 10 })).status).toBe(201);
    }
    const policy = { declaredValueThreshold: { amountMinor: 50_000, currency: 'GBP' }, waiverRequired: false };
    expect((await admin.post('/collectives', { participantId: 'col-1', displayName: 'Valley', memberRetailerIds: ['ret-1', 'ret-2', 'ret-susp'], policy })).status).toBe(201);
    const grants: [string, Record<string, string>][] = [
      ['coord-a', { role: 'coordinator', participantId: 'coord-a', hubId: 'hub-a' }],
      ['coord-b', { role: 'coordinator', participantId: 'coord-b', hubId: 'hub-b' }],
      ...['ret-1', 'ret-2', 'ret-susp'].map((id): [string, Record<string, string>] => [id, { role: 'retailer', participantId: id }]),
      ...['cour-1', 'cour-2', 'cour-susp'].map((id): [string, Record<string, string>] => [id, { role: 'courier', participantId: id }]),
    ];
    for (const [name, grant] of grants) {
      const issued = await admin.post('/api-keys', grant);
      expect(issued.status).toBe(201);
      keys[name] = issued.body.apiKey;
    }
    for (const [coordinator, cycleId] of [
      ['coord-a', 'cycle-a'],
      ['coord-b', 'cycle-b'],
    ]) {
      expect((await as(coordinator).post('/hub-cycles', { cycleId })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await api?.dispose();
  });

  describe('seizure', () => {
    it("refuses hub B's intake of a parcel a courier carries to hub A, and counts nothing in B's cycle", async () => {
      await register('p-seize');
      expect((await as('coord-a').post('/parcels/p-seize/receive-at-hub', { condition: intact, cycleId: 'cycle-a' })).status).toBe(200);
      await handOver('p-seize', 'coord-a', { kind: 'courier', id: 'cour-1' }, 'cour-1');
      await api.reactionsSettled(); // cycle-a has counted p-seize: nothing more is on its way
      const before = await api.countEvents();
      const seized = await as('coord-b').post('/parcels/p-seize/receive-at-hub', { condition: intact, cycleId: 'cycle-b' });
      expect(seized.body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
      expect((await as('coord-b').post('/parcels/p-seize/return-to-depot', { condition: intact })).body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
      expect(await api.countEvents()).toBe(before);
      expect((await eventsOf('hubcycle-cycle-b')).map((event) => event.type)).toEqual(['HubCycleOpened']);
      expect((await eventsOf('parcel-p-seize')).at(-1)!.type).toBe('ParcelHandoffAccepted');
    });

    it("refuses the destination hub's intake from another hub without that hub's offer (409), counting nothing", async () => {
      await register('p-via-b');
      await handOver('p-via-b', 'ret-1', { kind: 'hub', id: 'hub-b' }, 'coord-b');
      await api.reactionsSettled();
      const intakes = (await eventsOf('hubcycle-cycle-a')).length;
      const refused = await as('coord-a').post('/parcels/p-via-b/receive-at-hub', { condition: intact, cycleId: 'cycle-a' });
      expect(refused.body).toMatchObject({ status: 409, code: 'PARCEL.INTAKE_NOT_ALLOWED' });
      expect(refused.body.detail).toContain('from hub hub-b without a handoff');
      await api.reactionsSettled();
      expect((await eventsOf('hubcycle-cycle-a')).length).toBe(intakes);
    });

    it('never counts an intake for a parcel that does not exist', async () => {
      await api.reactionsSettled();
      const intakes = (await eventsOf('hubcycle-cycle-a')).length;
      expect((await as('coord-a').post('/parcels/p-nowhere/receive-at-hub', { condition: intact, cycleId: 'cycle-a' })).status).toBe(404);
      await api.reactionsSettled();
      expect((await eventsOf('hubcycle-cycle-a')).length).toBe(intakes);
    });
  });

  describe('suspension', () => {
    it('stops a suspended retailer registering', async () => {
      expect((await as('admin').post('/participants/ret-susp/suspend', { reason: 'unpaid fees' })).status).toBe(200);
      const refused = await registering('p-by-suspended', 'ret-susp');
      expect(refused.body).toMatchObject({ status: 409, code: 'PARCEL.ACTOR_SUSPENDED' });
      expect(await eventsOf('parcel-p-by-suspended')).toEqual([]);
    });

    it('stops a suspended courier delivering, but lets them hand the parcel back to a hub', async () => {
      await register('p-susp');
      expect((await as('coord-a').post('/parcels/p-susp/receive-at-hub', { condition: intact })).status).toBe(200);
      await handOver('p-susp', 'coord-a', { kind: 'courier', id: 'cour-susp' }, 'cour-susp');
      expect((await as('admin').post('/participants/cour-susp/suspend', { reason: 'complaint under review' })).status).toBe(200);
      const delivery = await as('cour-susp').post('/parcels/p-susp/delivery', { receivedBy: { kind: 'recipient' }, evidence: [hash('b')], geo });
      expect(delivery.body).toMatchObject({ status: 409, code: 'PARCEL.ACTOR_SUSPENDED' });
      expect((await as('cour-susp').post('/parcels/p-susp/handoffs', { to: { kind: 'courier', id: 'cour-2' } })).body).toMatchObject({ status: 409, code: 'PARCEL.ACTOR_SUSPENDED' });
      await handOver('p-susp', 'cour-susp', { kind: 'hub', id: 'hub-a' }, 'coord-a');
      expect((await eventsOf('parcel-p-susp')).map((event) => event.type).slice(-2)).toEqual(['ParcelHandoffOffered', 'ParcelHandoffAccepted']);
    });

    it("stops a suspended hub's coordinator opening a cycle or taking parcels in", async () => {
      await register('p-hub-susp', 'ret-1', 'hub-b');
      expect((await as('admin').post('/participants/coord-b/suspend', { reason: 'hub audit' })).status).toBe(200);
      expect((await as('coord-b').post('/hub-cycles', { cycleId: 'cycle-b2' })).body).toMatchObject({ status: 409, code: 'HUB_CYCLE.HUB_SUSPENDED' });
      expect((await as('coord-b').post('/parcels/p-hub-susp/receive-at-hub', { condition: intact })).body).toMatchObject({ status: 409, code: 'PARCEL.ACTOR_SUSPENDED' });
      expect((await as('admin').post('/participants/coord-b/reinstate', {})).status).toBe(200);
      expect((await as('coord-b').post('/parcels/p-hub-susp/receive-at-hub', { condition: intact })).status).toBe(200);
    });
  });

  describe('oracle', () => {
    /** The same answer as for an unknown parcel: everything but the instance and the id in the sentence. */
    const comparable = (answer: HttpAnswer, parcelId: string) => ({
      status: answer.status,
      contentType: answer.headers.get('content-type'),
      body: JSON.parse(
        JSON.stringify({ ...answer.body, instance: undefined })
          .split(parcelId)
          .join('<id>'),
      ),
    });

    it("answers every command on a parcel outside the caller's scope exactly as for an unknown parcel (404)", async () => {
      await register('p-hidden');
      expect((await as('coord-a').post('/parcels/p-hidden/receive-at-hub', { condition: intact })).status).toBe(200);
      const handoffId = await handOver('p-hidden', 'coord-a', { kind: 'courier', id: 'cour-1' }, 'cour-1');
      const open = await as('cour-1').post('/parcels/p-hidden/handoffs', { to: { kind: 'hub', id: 'hub-a' } });
      expect(open.status).toBe(201);
      const attempts: [string, string, unknown][] = [
        ['coord-b', 'receive-at-hub', { condition: intact }],
        ['coord-b', 'sort', { toteId: 't', routeId: 'r' }],
        ['coord-b', 'return-to-depot', { condition: intact }],
        ['coord-b', 'return-to-sender', { condition: intact }],
        ['coord-b', 'handoffs', { to: { kind: 'courier', id: 'cour-2' } }],
        ['coord-b', `handoffs/${open.body.handoffId}/accept`, acceptBody()],
        ['coord-b', `handoffs/${open.body.handoffId}/decline`, { reason: 'no room' }],
        ['coord-b', `handoffs/${open.body.handoffId}/withdraw`, { reason: 'mine' }],
        ['coord-b', 'incidents', { incident: 'damaged', discoveredAt: at(0), description: 'dent', evidence: [] }],
        ['cour-2', 'handoffs', { to: { kind: 'hub', id: 'hub-b' } }],
        ['cour-2', `handoffs/${handoffId}/accept`, acceptBody()],
        ['cour-2', `handoffs/${open.body.handoffId}/decline`, { reason: 'no room' }],
        ['cour-2', `handoffs/${open.body.handoffId}/withdraw`, { reason: 'mine' }],
        ['cour-2', 'delivery-attempts', { reason: 'out', geo, card: { option: 'i-accept' } }],
        ['cour-2', 'delivery', { receivedBy: { kind: 'recipient' }, evidence: [hash('c')], geo }],
        ['cour-2', 'incidents', { incident: 'stolen', discoveredAt: at(0), description: 'gone', evidence: [] }],
        ['ret-2', 'handoffs', { to: { kind: 'hub', id: 'hub-a' } }],
        ['ret-2', `handoffs/${open.body.handoffId}/withdraw`, { reason: 'mine' }],
        ['ret-2', 'incidents', { incident: 'lost', discoveredAt: at(0), description: 'gone', evidence: [] }],
      ];
      const before = await api.countEvents();
      for (const [who, path, body] of attempts) {
        const hidden = await as(who).post(`/parcels/p-hidden/${path}`, body);
        const unknown = await as(who).post(`/parcels/p-unknown/${path.replace('p-hidden', 'p-unknown')}`, body);
        expect({ who, path, ...comparable(hidden, 'p-hidden') }).toEqual({ who, path, ...comparable(unknown, 'p-unknown') });
        expect(hidden.body).toMatchObject({ status: 404, code: 'PARCEL.NOT_FOUND' });
        expect(JSON.stringify(hidden.body)).not.toContain('cour-1');
      }
      expect(await api.countEvents()).toBe(before);
    });
  });

  describe('time that a client states', () => {
    it('refuses 9999 and anything more than 5 minutes ahead (422), and 1970 from a courier or a retailer (422)', async () => {
      await register('p-time');
      const sort = (occurredAt: string) => as('coord-a').post('/parcels/p-time/receive-at-hub', { condition: intact, occurredAt });
      expect((await sort('9999-12-31T23:59:59Z')).body).toMatchObject({ status: 422, code: 'PARCEL.TIME_IN_FUTURE' });
      expect((await sort(at(10 * 60_000))).body).toMatchObject({ status: 422, code: 'PARCEL.TIME_IN_FUTURE' });
      const old = await registering('p-1970', 'ret-1', { occurredAt: '1970-01-01T00:00:00Z' });
      expect(old.body).toMatchObject({ status: 422, code: 'PARCEL.BACKFILL_NOT_ALLOWED' });
      expect((await sort(at(2 * 60_000))).status).toBe(200);
    });

    it('refuses an accept dated before its own offer (409), or three days before it (422)', async () => {
      const offer = await as('coord-a').post('/parcels/p-time/handoffs', { to: { kind: 'courier', id: 'cour-2' } });
      expect(offer.status).toBe(201);
      const accept = (occurredAt: string) => as('cour-2').post(`/parcels/p-time/handoffs/${offer.body.handoffId}/accept`, acceptBody({ occurredAt }));
      expect((await accept(at(-72 * HOUR - 60_000))).body).toMatchObject({ status: 422, code: 'PARCEL.BACKFILL_NOT_ALLOWED' });
      expect((await accept(at(-HOUR))).body).toMatchObject({ status: 409, code: 'PARCEL.TIME_OUT_OF_ORDER' });
      expect((await accept(at(3 * 60_000))).status).toBe(200);
    });

    it('refuses a re-sent accept that says something else (409); the identical re-send records nothing (200)', async () => {
      await register('p-resend');
      expect((await as('coord-a').post('/parcels/p-resend/receive-at-hub', { condition: intact })).status).toBe(200);
      const offer = await as('coord-a').post('/parcels/p-resend/handoffs', { to: { kind: 'courier', id: 'cour-2' } });
      const path = `/parcels/p-resend/handoffs/${offer.body.handoffId}/accept`;
      const first = acceptBody();
      expect((await as('cour-2').post(path, first)).body).toMatchObject({ recorded: ['ParcelHandoffAccepted'] });
      expect((await as('cour-2').post(path, first)).body).toMatchObject({ recorded: [] });
      const damaged = await as('cour-2').post(path, { ...first, condition: { condition: 'damaged', notes: 'crushed' } });
      expect(damaged.body).toMatchObject({ status: 409, code: 'PARCEL.HANDOFF_ALREADY_SETTLED' });
      expect((await as('cour-2').post(path, { ...first, condition: { condition: 'intact', notes: 'fine really' } })).body).toMatchObject({ status: 409 });
    });

    it("lets a hub backfill an old parcel's scan, flagged backdated, with the server's recordedAt beside it", async () => {
      await register('p-backfill');
      const scannedAt = at(10 * 60_000 - 4 * 60_000); // six minutes after registration
      clock.offsetMs += 96 * HOUR; // the hub's scanner syncs four days later
      try {
        expect((await as('cour-1').post('/parcels/p-backfill/handoffs', { to: { kind: 'hub', id: 'hub-a' }, occurredAt: scannedAt })).status).toBe(404);
        const received = await as('coord-a').post('/parcels/p-backfill/receive-at-hub', { condition: intact, occurredAt: scannedAt });
        expect(received).toMatchObject({ status: 200, body: { recorded: ['ParcelReceivedAtHub'] } });
        const [, intake] = await eventsOf('parcel-p-backfill');
        expect(intake.data).toMatchObject({ receivedAt: scannedAt, backdated: true });
        expect(Date.parse(intake.metadata.recordedAt) - Date.parse(scannedAt)).toBeGreaterThan(95 * HOUR);
      } finally {
        clock.offsetMs -= 96 * HOUR;
      }
    });
  });
});
