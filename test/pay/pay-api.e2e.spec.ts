import { EventStore } from '@handoff/eventstore';
import { FixedClock } from '@handoff/shared';
import { eventually } from '../support/eventually';
import { CustodyApi, startCustodyApi } from '../custody/support/custody-api.fixture';

jest.setTimeout(90_000);

const address = { lines: ['4 Canal Street'], locality: 'Todmorden', postalCode: 'OL14 5AA', countryCode: 'GB' };
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const intact = { condition: 'intact' };
const geo = { latitude: 53.71, longitude: -2.1 };
const hash = (digits: string) => `sha256:${digits.repeat(64 / digits.length)}`;
/** DOMAIN.md's city rates. */
const cityRates = (paid: number) => ({
  currency: 'USD',
  perDelivery: { 'paid-courier': usd(paid), 'gig-courier': usd(600) },
  coordinator: { monthlyRetainer: usd(32_000), handlingFeePerParcel: usd(25), beforeNoonBonusPerParcel: usd(10) },
  surgeWindows: [],
  hourlyRoles: [{ role: 'dispatcher', perHour: usd(1_800) }],
  volunteerCredits: { perShift: [{ creditUnit: 'gas-card-5-usd', quantity: 1 }], perDelivery: [{ creditUnit: 'priority-slot', quantity: 1 }] },
});

describe('pay API over HTTP (embedded servers): rate cards, accruals from deliveries, holds, statements', () => {
  // 15:00 UTC on 4 January 2027 is 09:00 at the Chicago hub: before noon there.
  const clock = new FixedClock('2027-01-04T15:00:00.000Z');
  let api: CustodyApi;
  const keys: Record<string, string> = {};
  const as = (who: string) => ({
    post: (path: string, body: unknown = {}) => api.call('POST', path, { key: keys[who], body }),
    get: (path: string) => api.call('GET', path, { key: keys[who] }),
  });
  /** Waits for `read` to answer something, and answers it. */
  const settled = async <T>(what: string, read: () => Promise<T | undefined>): Promise<T> => {
    let value: T | undefined;
    await eventually(what, async () => (value = await read()) !== undefined, 30_000, 200);
    return value!;
  };
  const ledgerOf = async (who: string, participantId: string) => (await as(who).get(`/participants/${participantId}/pay-ledgers/2027-01`)).body;

  /** A parcel through hub-1, sorted to route-7, carried and delivered by the courier. */
  async function deliver(parcelId: string, courier: string) {
    const steps = [
      await as('retailer').post('/parcels', {
        parcelId,
        externalReference: `order-${parcelId}`,
        collectiveId: 'col-p',
        declaredValue: { amountMinor: 4_500, currency: 'USD' },
        categories: [],
        destinationHubId: 'hub-1',
        recipient: { name: 'Grace Hopper', address, phone: '+44 7700 900456' },
      }),
      await as('coordinator').post(`/parcels/${parcelId}/receive-at-hub`, { condition: intact, cycleId: 'cycle-1' }),
      await as('coordinator').post(`/parcels/${parcelId}/sort`, { toteId: 'tote-1', routeId: 'route-7' }),
    ];
    const offer = await as('coordinator').post(`/parcels/${parcelId}/handoffs`, { to: { kind: 'courier', id: courier } });
    steps.push(offer, await as(courier).post(`/parcels/${parcelId}/handoffs/${offer.body.handoffId}/accept`, { condition: intact, evidence: [hash('a')], geo, deviceTime: clock.nowIso() }));
    steps.push(await as(courier).post(`/parcels/${parcelId}/delivery`, { receivedBy: { kind: 'recipient' }, evidence: [hash('b')], geo }));
    expect(steps.map((step) => step.status)).toEqual([201, 200, 200, 201, 200, 200]);
  }

  beforeAll(async () => {
    api = await startCustodyApi({ clock });
    keys.admin = api.adminKey;
    const admin = as('admin');
    const registered = await Promise.all([
      admin.post('/coordinators', { participantId: 'coord-1', displayName: 'Ruth at Mill Hub' }),
      admin.post('/coordinators', { participantId: 'coord-2', displayName: 'Ali at Canal Hub' }),
      admin.post('/retailers', { participantId: 'ret-1', displayName: 'Calder Hardware' }),
      admin.post('/couriers', { participantId: 'cour-p', displayName: 'Sam', engagement: { kind: 'paid' }, vetting: 'vetted' }),
      admin.post('/couriers', { participantId: 'cour-v', displayName: 'Alex', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }),
    ]);
    expect(registered.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const hubs = [
      await admin.post('/hubs', { participantId: 'hub-1', displayName: 'Mill Hub', address, operatingCoordinatorId: 'coord-1', timeZone: 'America/Chicago' }),
      await admin.post('/hubs', { participantId: 'hub-2', displayName: 'Canal Hub', address, operatingCoordinatorId: 'coord-2' }),
      await admin.post('/hubs', { participantId: 'hub-3', displayName: 'Nowhere Hub', address, operatingCoordinatorId: 'coord-2', timeZone: 'Mars/Olympus' }),
      await admin.post('/collectives', { participantId: 'col-p', displayName: 'Pay Collective', memberRetailerIds: ['ret-1'], policy: { declaredValueThreshold: usd(50_000), waiverRequired: false } }),
    ];
    expect(hubs.map((r) => r.status)).toEqual([201, 201, 400, 201]);
    Object.assign(
      keys,
      await api.issueKeys({
        admin2: { role: 'admin', participantId: 'admin-2' },
        payeeAdmin: { role: 'admin', participantId: 'cour-p' },
        retailer: { role: 'retailer', participantId: 'ret-1' },
        coordinator: { role: 'coordinator', participantId: 'coord-1', hubId: 'hub-1' },
        coordinator2: { role: 'coordinator', participantId: 'coord-2', hubId: 'hub-2' },
        'cour-p': { role: 'courier', participantId: 'cour-p' },
        'cour-v': { role: 'courier', participantId: 'cour-v' },
        auditor: { role: 'auditor', participantId: 'audit-firm-1' },
      }),
    );
    expect((await as('coordinator').post('/hub-cycles', { cycleId: 'cycle-1' })).status).toBe(201);
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it("publishes rate cards: admins any, a hub's coordinator only their own hub's, never retroactively, each version kept", async () => {
    const version1 = { version: 1, effectiveFrom: '2027-01-04T15:00:00Z', rates: cityRates(120) };
    expect((await as('cour-p').post('/collectives/col-p/rate-card/versions', version1)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await as('coordinator2').post('/hubs/hub-1/rate-card/versions', version1)).body).toMatchObject({ status: 403, code: 'PAY.NOT_HUB_COORDINATOR' });
    expect((await as('coordinator').post('/collectives/col-p/rate-card/versions', version1)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    // Volunteers are never paid cash per delivery: not even a field of the request.
    const volunteerCash = await as('admin').post('/collectives/col-p/rate-card/versions', { ...version1, rates: { ...cityRates(120), perDelivery: { volunteer: usd(100) } } });
    expect(volunteerCash.status).toBe(400);
    expect(volunteerCash.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await as('admin').post('/collectives/col-p/rate-card/versions', { ...version1, effectiveFrom: '2027-01-01T00:00:00Z' })).body).toMatchObject({
      status: 422,
      code: 'PAY.RATE_CARD_RETROACTIVE',
    });

    const published = await as('admin').post('/collectives/col-p/rate-card/versions', version1);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ id: 'collective:col-p', rateCardId: 'collective:col-p', version: '1', recorded: ['RateCardVersionPublished'] });
    // The hub's coordinator publishes the hub's own card, which its parcels are then paid by.
    expect((await as('coordinator').post('/hubs/hub-1/rate-card/versions', { ...version1, rates: cityRates(150) })).status).toBe(201);
    const card = await as('cour-v').get('/rate-cards/hub:hub-1');
    expect(card.body).toMatchObject({
      status: 'published',
      owner: { kind: 'hub', id: 'hub-1' },
      versions: [{ version: 1, publishedBy: 'coord-1', rates: { perDelivery: { 'paid-courier': usd(150) } } }],
    });
    expect((await as('admin').get('/rate-cards/hub:hub-2')).body).toMatchObject({ status: 404, code: 'PAY.RATE_CARD_NOT_FOUND' });
  });

  it("accrues a delivery to the courier's ledger and the coordinator's fee and before-noon bonus, each naming its card version, source and work", async () => {
    await deliver('parcel-1', 'cour-p');
    const courier = await settled('the delivery to accrue', async () => {
      const ledger = await ledgerOf('cour-p', 'cour-p');
      return Object.keys(ledger.accruals ?? {}).length > 0 ? ledger : undefined;
    });
    const [delivery] = Object.values(courier.accruals) as any[];
    expect(delivery).toMatchObject({
      rule: 'delivery',
      amount: usd(150),
      rateCardId: 'hub:hub-1',
      rateCardVersion: 1,
      parcelId: 'parcel-1',
      work: { capacity: 'paid-courier', hubId: 'hub-1', routeId: 'route-7' },
      heldUnder: [],
    });
    expect(delivery.accrualId).toBe(`${delivery.sourceEventId}/delivery`);
    const coordinator = await settled('the coordinator to be paid', async () => {
      const ledger = await ledgerOf('admin', 'coord-1');
      return Object.keys(ledger.accruals ?? {}).length === 2 ? ledger : undefined;
    });
    const byRule = Object.fromEntries((Object.values(coordinator.accruals) as any[]).map((a) => [a.rule, a]));
    expect(byRule['handling-fee']).toMatchObject({ amount: usd(25), rateCardId: 'hub:hub-1', work: { capacity: 'coordinator', hubId: 'hub-1' } });
    expect(byRule['before-noon-bonus']).toMatchObject({ amount: usd(10), parcelId: 'parcel-1' });
    // Retainers are whole months: no card was in effect when January began, so none for January.
    expect(byRule['monthly-retainer']).toBeUndefined();
  });

  it("holds a parcel's pay in the ledgers it reached and in those it reaches while held; release makes it payable", async () => {
    expect((await as('coordinator').post('/parcels/parcel-1/pay-holds', { reason: 'dented' })).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await as('admin').post('/parcels/parcel-1/pay-holds', { holdId: 'hold-1' })).status).toBe(400);
    const held = await as('admin').post('/parcels/parcel-1/pay-holds', { holdId: 'hold-1', reason: 'Recipient reports it dented' });
    expect(held.body).toMatchObject({ id: 'parcel-1', holdId: 'hold-1', recorded: ['ParcelPayHoldPlaced'] });
    await eventually('the hold to reach the courier', async () => (await ledgerOf('cour-p', 'cour-p')).holds?.['hold-1']?.active === true, 30_000, 200);
    expect((await ledgerOf('cour-p', 'cour-p')).payable.accrualIds).toEqual([]);
    // The coordinator's fee and bonus for the parcel are its pay too.
    const coordinator = await settled('the hold to reach the coordinator', async () => {
      const ledger = await ledgerOf('admin', 'coord-1');
      return ledger.holds?.['hold-1'] ? ledger : undefined;
    });
    expect(coordinator.payable.accrualIds).toEqual([]);

    // Pay a parcel earns while it is held waits too: hold a parcel before its delivery.
    expect((await as('admin').post('/parcels/parcel-2/pay-holds', { holdId: 'hold-2', reason: 'Held before delivery' })).status).toBe(201);
    await deliver('parcel-2', 'cour-p');
    const waiting = await settled('the held parcel to accrue', async () => {
      const ledger = await ledgerOf('cour-p', 'cour-p');
      return (Object.values(ledger.accruals ?? {}) as any[]).find((a) => a.parcelId === 'parcel-2');
    });
    expect(waiting.heldUnder).toEqual(['hold-2']);

    expect((await as('admin').post('/parcels/parcel-1/pay-holds/hold-9/release')).body).toMatchObject({ status: 404, code: 'PAY.PARCEL_HOLD_NOT_FOUND' });
    expect((await as('admin').post('/parcels/parcel-1/pay-holds/hold-1/release')).status).toBe(200);
    expect((await as('admin').post('/parcels/parcel-2/pay-holds/hold-2/release')).status).toBe(200);
    await eventually('the released pay to be payable', async () => (await ledgerOf('cour-p', 'cour-p')).payable.accrualIds.length === 2, 30_000, 200);
  });

  it('issues, approves and settles a statement: two approvers above the configured amount, never the payee, never twice the same', async () => {
    const ledger = '/participants/cour-p/pay-ledgers/2027-01';
    expect((await as('cour-p').post(`${ledger}/adjustments`, { amount: usd(60_000), reason: 'Bonus' })).body).toMatchObject({ status: 403 });
    const adjusted = await as('admin').post(`${ledger}/adjustments`, { adjustmentId: 'adj-1', amount: usd(60_000), reason: 'Backpay for December, agreed with the collective' });
    expect(adjusted.body).toMatchObject({ adjustmentId: 'adj-1', recorded: ['PayAdjusted'] });
    expect((await as('admin').post(`/participants/cour-p/pay-ledgers/2027-13/adjustments`, { amount: usd(1), reason: 'x' })).status).toBe(400);

    const issued = await as('admin').post(`${ledger}/statements`, { statementId: 'st-1' });
    expect(issued.body).toMatchObject({ statementId: 'st-1', recorded: ['StatementIssued'] });
    expect((await as('admin').post(`${ledger}/statements`, { statementId: 'st-2' })).body).toMatchObject({ status: 409, code: 'PAY.STATEMENT_OPEN' });
    expect((await as('payeeAdmin').post(`${ledger}/statements/st-1/approve`)).body).toMatchObject({ status: 422, code: 'PAY.SELF_APPROVAL' });
    expect((await as('admin').post(`${ledger}/statements/st-1/approve`)).status).toBe(200);
    expect((await as('admin').post(`${ledger}/statements/st-1/approve`)).body).toMatchObject({ status: 409, code: 'PAY.SAME_APPROVER' });
    expect((await as('admin').post(`${ledger}/statements/st-1/settle`, { paymentReference: 'ACH-2027-0001' })).body).toMatchObject({ status: 409, code: 'PAY.STATEMENT_NOT_APPROVED' });
    expect((await as('admin2').post(`${ledger}/statements/st-1/approve`)).status).toBe(200);
    expect((await as('admin').post(`${ledger}/statements/st-1/settle`, { paymentReference: 'ACH-2027-0001' })).body).toMatchObject({ recorded: ['StatementSettled'] });
    const statement = (await ledgerOf('cour-p', 'cour-p')).statements['st-1'];
    // 2 × $1.50 for the deliveries and the $600 adjustment: above the $500 default, so two approvers.
    expect(statement).toMatchObject({ status: 'settled', cashTotal: usd(60_300), approvalsRequired: 2, paymentReference: 'ACH-2027-0001' });
    expect(statement.approvers).toHaveLength(2);
    expect(new Set(statement.approvers).size).toBe(2);
  });

  it("pays a coordinator's retainer once a month, by the card in effect when the month began, and never holds it with a parcel", async () => {
    // 18:00 UTC on 2 February is noon in Chicago: not before it, so no bonus.
    clock.set('2027-02-02T18:00:00.000Z');
    await deliver('parcel-3', 'cour-p');
    await deliver('parcel-4', 'cour-p');
    expect((await as('admin').post('/parcels/parcel-3/pay-holds', { holdId: 'hold-3', reason: 'Wrong doorstep' })).status).toBe(201);
    const february = await settled('February to be paid', async () => {
      const ledger = (await as('admin').get('/participants/coord-1/pay-ledgers/2027-02')).body;
      return Object.keys(ledger.accruals ?? {}).length === 3 && ledger.holds?.['hold-3'] ? ledger : undefined;
    });
    const rules = (Object.values(february.accruals) as any[]).map((a) => a.rule).sort();
    expect(rules).toEqual(['handling-fee', 'handling-fee', 'monthly-retainer']);
    expect(february.accruals['retainer-2027-02/monthly-retainer']).toMatchObject({
      amount: usd(32_000),
      rateCardId: 'hub:hub-1',
      rateCardVersion: 1,
      parcelId: null,
      work: { capacity: 'coordinator', hubId: 'hub-1', routeId: null },
    });
    expect(february.payable.accrualIds).toHaveLength(2);
    expect(february.payable.accrualIds).toContain('retainer-2027-02/monthly-retainer');
  });

  it("prices rosters' shifts on the worker's ledger: by the hour, in credits, and a courier's loop topped up from its deliveries to the dead-mile guarantee", async () => {
    const guaranteed = { ...cityRates(120), deadMileGuarantee: { per: 'loop', minimum: usd(1_200), payClasses: ['paid-courier'] } };
    expect((await as('coordinator2').post('/hubs/hub-2/rate-card/versions', { version: 1, effectiveFrom: clock.nowIso(), rates: guaranteed })).status).toBe(201);
    // Rosters records these; nothing in this branch writes them yet, so they are appended as rosters would.
    const shift = (shiftId: string, participantId: string, work: object, hours: number) => ({
      type: 'ShiftWorked',
      data: {
        shiftId,
        hubId: 'hub-2',
        participantId,
        work,
        startedAt: '2027-02-03T08:00:00.000Z',
        endedAt: new Date(Date.parse('2027-02-03T08:00:00.000Z') + hours * 3_600_000).toISOString(),
        recordedBy: 'coord-2',
        recordedAt: '2027-02-03T20:00:00.000Z',
      },
    });
    // The courier's loop on 3 February (08:00-10:00) carried one delivery of $1.50, at 09:00.
    clock.set('2027-02-03T09:00:00.000Z');
    await deliver('parcel-5', 'cour-p');
    await api.reactionsSettled();
    const context = { correlationId: 'rosters', causationId: 'rosters', actor: { kind: 'coordinator', id: 'coord-2' } };
    const store = api.app.get(EventStore);
    for (const event of [
      shift('sh-1', 'disp-1', { kind: 'hourly', role: 'dispatcher' }, 3),
      shift('sh-2', 'cour-v', { kind: 'volunteer' }, 4),
      shift('sh-3', 'cour-p', { kind: 'courier', run: 'loop', routeId: 'route-9' }, 2),
    ]) {
      await store.append(`rostershift-${event.data.shiftId}`, [event], { expectedRevision: 'no_stream', context });
    }
    await api.reactionsSettled();
    const only = async (participantId: string) => Object.values((await as('admin').get(`/participants/${participantId}/pay-ledgers/2027-02`)).body.accruals) as any[];
    expect(await only('disp-1')).toMatchObject([{ rule: 'hourly', amount: usd(5_400), basis: { minutesWorked: 180 }, work: { capacity: 'hourly', hubId: 'hub-2', routeId: null } }]);
    expect(await only('cour-v')).toMatchObject([{ rule: 'volunteer-shift-credit', amount: { creditUnit: 'gas-card-5-usd', quantity: 1 }, work: { capacity: 'volunteer' } }]);
    const loop = (await only('cour-p')).filter((accrual) => accrual.rule === 'dead-mile-top-up');
    expect(loop).toMatchObject([
      { amount: usd(1_050), rateCardId: 'hub:hub-2', basis: { earned: usd(150), minimum: usd(1_200) }, work: { capacity: 'paid-courier', hubId: 'hub-2', routeId: 'route-9' } },
    ]);
  });

  it('documents its routes in OpenAPI, with examples', async () => {
    const openapi = await api.call('GET', '/docs-json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/hubs/{hubId}/rate-card/versions',
        '/collectives/{collectiveId}/rate-card/versions',
        '/rate-cards/{rateCardId}',
        '/parcels/{parcelId}/pay-holds',
        '/participants/{participantId}/pay-ledgers/{period}/statements/{statementId}/approve',
        '/participants/{participantId}/pay-ledgers/{period}',
      ]),
    );
    const examples = openapi.body.paths['/collectives/{collectiveId}/rate-card/versions'].post.requestBody.content['application/json'].examples;
    expect(JSON.stringify(examples)).toContain('"amountMinor":32000');
  });

  it('lets a participant read only their own ledger', async () => {
    expect((await as('cour-v').get('/participants/cour-p/pay-ledgers/2027-01')).body).toMatchObject({ status: 403, code: 'PAY.NOT_OWN_LEDGER' });
    expect((await as('retailer').get('/participants/cour-p/pay-ledgers/2027-01')).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await as('auditor').get('/participants/cour-p/pay-ledgers/2027-01')).status).toBe(200);
    expect((await as('cour-v').get('/participants/cour-v/pay-ledgers/jan')).status).toBe(400);
  });
});
