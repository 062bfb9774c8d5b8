/**
 * The pay reports over HTTP: ledger, rosters and custody events appended to the embedded event
 * store in the shapes their domains define (the ledger's through its own decider), and a surge
 * window's first refusal driven through rosters' own API, projected by the real runtime into the
 * embedded read store, read through the API with each role's key.
 */
import { UpcasterRegistry } from '@handoff/eventstore';
import type { DomainEvent } from '@handoff/kernel';
import { ProjectionRuntime, ProjectionStore, READ_MODEL_DB } from '@handoff/projections';
import type { Db } from 'mongodb';
import type { HubCycleEvent } from '@handoff/custody';
import type { ShiftWorked } from '@handoff/rosters';
import { FixedClock } from '@handoff/shared';
import { command, recorded } from '@handoff/pay/domain/ledger/ledger.fixtures';
import { line, PRIORITY_SLOT, usd } from '@handoff/pay/domain/pay.fixtures';
import { payProjections } from '@handoff/pay/read-models/pay-projections';
import { ledgerOf, onRoute, REPORT_HUB } from '@handoff/pay/read-models/pay-read-models.fixtures';
import { payReadModelsProjection } from '@handoff/pay/read-models/pay-read-models.projection';
import { CustodyApi, startCustodyApi } from '../custody/support/custody-api.fixture';
import { appendEvents, waitUntil } from '../projections/support/read-side.fixture';
import { activeSnapshot, FAST, waitForCheckpoint } from '../projections/runtime-support';

jest.setTimeout(60_000);

const HUB = REPORT_HUB;

const walker = recorded(
  command.accrue(1, undefined, onRoute('paid-courier')),
  command.accrue(2, undefined, onRoute('paid-courier')),
  command.hold('hold-1', 2),
  command.adjust('adj-1', 15),
  command.clawBack('claw-1', 'delivered-1/delivery', 20),
  command.issue('st-1'),
  command.approve('st-1', 'admin-1'),
  command.settle('st-1', 'ACH-1'),
);
// A gig driver paid $606 for 101 deliveries in 2025: over the US $600 threshold, and over the $500 that needs a second approver.
const gig = recorded(
  ...Array.from({ length: 101 }, (_, n) => ({
    ...command.accrue(1 + (n % 28), [line('delivery', usd(600))], { ...onRoute('gig-courier'), sourceEventId: `gig-delivered-${n}`, parcelId: `gig-parcel-${n}` }),
    ...ledgerOf('gig-1'),
  })),
  { ...command.issue('st-g'), ...ledgerOf('gig-1') },
  { ...command.approve('st-g', 'admin-1'), ...ledgerOf('gig-1') },
  { ...command.approve('st-g', 'admin-2'), ...ledgerOf('gig-1') },
  { ...command.settle('st-g', 'ACH-G'), ...ledgerOf('gig-1') },
);
const volunteer = recorded({ ...command.accrue(12, [line('volunteer-delivery-credit', PRIORITY_SLOT)], onRoute('volunteer')), ...ledgerOf('vol-1') });
const coordinator = recorded(
  { ...command.accrue(3, [line('handling-fee', usd(25)), line('before-noon-bonus', usd(10))], onRoute('coordinator', null)), ...ledgerOf('coord-1') },
  { ...command.accrue(4, [line('handling-fee', usd(25))], onRoute('coordinator', null)), ...ledgerOf('coord-1') },
);
const rosters: ShiftWorked[] = [
  {
    type: 'ShiftWorked',
    data: {
      shiftId: 's-1',
      hubId: HUB,
      participantId: 'vol-1',
      work: { kind: 'volunteer' },
      startedAt: '2025-03-04T08:00:00.000Z',
      endedAt: '2025-03-04T10:00:00.000Z',
      recordedBy: 'coord-1',
      recordedAt: '2025-03-04T10:01:00.000Z',
    },
  },
];
const cycle: HubCycleEvent[] = [
  { type: 'HubCycleOpened', data: { cycleId: 'c-1', hubId: HUB, cap: 1, openedAt: '2025-03-03T07:00:00.000Z' } },
  { type: 'HubCycleParcelReceived', data: { cycleId: 'c-1', hubId: HUB, parcelId: 'p-1', intakeNumber: 1, overCap: false, receivedAt: '2025-03-03T07:10:00.000Z' } },
  { type: 'HubCycleParcelReceived', data: { cycleId: 'c-1', hubId: HUB, parcelId: 'p-2', intakeNumber: 2, overCap: true, receivedAt: '2025-03-03T07:11:00.000Z' } },
  { type: 'HubCycleCapExceeded', data: { cycleId: 'c-1', hubId: HUB, cap: 1, exceededAt: '2025-03-03T07:11:00.000Z' } },
];

describe('pay reports over HTTP (embedded servers)', () => {
  let api: CustodyApi;
  let runtime: ProjectionRuntime;
  const clock = new FixedClock('2025-03-01T09:00:00.000Z');
  const keys: Record<string, string> = {};
  const get = (who: string, path: string) => api.call('GET', path, { key: keys[who] });
  const post = async (who: string, path: string, body: unknown = {}) => {
    const answer = await api.call('POST', path, { key: keys[who], body });
    // The path and the problem's detail in the failure, not just a status.
    expect([path, answer.status >= 200 && answer.status < 300, answer.body.detail ?? null]).toEqual([path, true, null]);
    return answer.body;
  };

  /**
   * A Saturday surge at the city hub through rosters' API: vol-1 sorts b-north and claims one of
   * its two offers; the other lapses and goes to gig drivers; b-east has no sorter, so its parcel
   * goes to gig drivers without an offer.
   */
  async function surgeSaturday(): Promise<void> {
    await post('coordinator', `/hubs/${HUB}/roster/shifts`, {
      shifts: [{ shiftId: 'sat-north', participantId: 'vol-1', role: 'sorter', blockId: 'b-north', startsAt: '2025-03-08T08:00:00Z', endsAt: '2025-03-08T12:00:00Z' }],
    });
    clock.set('2025-03-08T08:30:00.000Z');
    await post('coordinator', `/hubs/${HUB}/surge-windows`, { windowId: 'sat-surge', from: '2025-03-08T08:00:00Z', until: '2025-03-08T12:00:00Z', offerLimitPerBlock: 2, offerLapseMinutes: 10 });
    await post('coordinator', '/surge-windows/sat-surge/offers', { offerId: 'o-p-31', blockId: 'b-north', parcelId: 'p-31' });
    await post('coordinator', '/surge-windows/sat-surge/offers', { offerId: 'o-p-32', blockId: 'b-north', parcelId: 'p-32' });
    expect(await post('volunteer', '/surge-windows/sat-surge/offers/o-p-31/claim')).toMatchObject({ recorded: ['SurgeDeliveryClaimed'] });
    clock.set('2025-03-08T08:45:00.000Z');
    expect(await post('coordinator', '/surge-windows/sat-surge/gig-releases', { blockId: 'b-north', parcelId: 'p-32' })).toMatchObject({
      recorded: ['SurgeOfferLapsed', 'SurgeDeliveryReleasedToGig'],
    });
    expect(await post('coordinator', '/surge-windows/sat-surge/gig-releases', { blockId: 'b-east', parcelId: 'p-33' })).toMatchObject({ recorded: ['SurgeDeliveryReleasedToGig'] });
  }

  beforeAll(async () => {
    api = await startCustodyApi({ clock });
    keys.admin = api.adminKey;
    const address = { lines: ['4 Canal Street'], locality: 'Todmorden', postalCode: 'OL14 5AA', countryCode: 'GB' };
    for (const [path, body] of [
      ['/coordinators', { participantId: 'coord-1', displayName: 'Ruth' }],
      ['/coordinators', { participantId: 'coord-2', displayName: 'Ade' }],
      ['/couriers', { participantId: 'walker-1', displayName: 'Ana', engagement: { kind: 'paid' }, vetting: 'vetted' }],
      ['/couriers', { participantId: 'gig-1', displayName: 'Dana', engagement: { kind: 'gig', platform: 'roadie' }, vetting: 'vetted' }],
      ['/couriers', { participantId: 'vol-1', displayName: 'Vi', engagement: { kind: 'volunteer' }, vetting: 'unvetted' }],
      ['/retailers', { participantId: 'ret-1', displayName: 'Calder Hardware' }],
      ['/hubs', { participantId: HUB, displayName: 'City Hub', address, operatingCoordinatorId: 'coord-1' }],
      ['/hubs', { participantId: 'hub-rural', displayName: 'Rural Hub', address, operatingCoordinatorId: 'coord-2' }],
    ] as const) {
      const registered = await api.call('POST', path, { key: api.adminKey, body });
      expect([path, registered.status, registered.body.detail ?? null]).toEqual([path, 201, null]);
    }
    Object.assign(
      keys,
      await api.issueKeys({
        walker: { role: 'courier', participantId: 'walker-1' },
        gig: { role: 'courier', participantId: 'gig-1' },
        volunteer: { role: 'courier', participantId: 'vol-1' },
        coordinator: { role: 'coordinator', participantId: 'coord-1', hubId: HUB },
        otherCoordinator: { role: 'coordinator', participantId: 'coord-2', hubId: 'hub-rural' },
        retailer: { role: 'retailer', participantId: 'ret-1' },
        auditor: { role: 'auditor', participantId: 'audit-firm-1' },
        insurer: { role: 'insurer', participantId: 'mutual-1' },
      }),
    );
    const db = api.app.get<Db>(READ_MODEL_DB);
    runtime = new ProjectionRuntime({ db, client: api.events, upcasters: new UpcasterRegistry(), projections: payProjections, tuning: FAST });
    runtime.start();
    // Written before the appended events below, so the checkpoint awaited there covers them.
    await surgeSaturday();
    const ledgerStream = (events: DomainEvent[], participantId: string) => events.map((event) => ({ stream: `payledger-${participantId}-2025-03`, type: event.type, data: event.data as never }));
    const ledgers = await appendEvents(api.events, [...ledgerStream(walker, 'walker-1'), ...ledgerStream(gig, 'gig-1'), ...ledgerStream(volunteer, 'vol-1'), ...ledgerStream(coordinator, 'coord-1')]);
    const others = await appendEvents(api.events, [
      ...rosters.map((event, n) => ({ stream: `roster-${n}`, type: event.type, data: event.data as never })),
      ...cycle.map((event) => ({ stream: 'hubcycle-c-1', type: event.type, data: event.data as never })),
    ]);
    await waitForCheckpoint(db, payReadModelsProjection.name, ledgers.commit > others.commit ? ledgers : others, 20_000);
  });

  afterAll(async () => {
    await runtime?.stop();
    await api?.dispose();
  });

  it("a courier reads their own month, line by line, with the statement's state and what is held", async () => {
    const answer = await get('walker', '/participants/walker-1/pay-statement?period=2025-03');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      participantId: 'walker-1',
      period: '2025-03',
      totals: { cash: [usd(235)], credits: [] },
      counts: { accruals: 2, adjustments: 1, clawbacks: 1, heldAccruals: 1 },
      statements: [{ statementId: 'st-1', state: 'settled', cashTotal: usd(115), settlement: { paymentReference: 'ACH-1' } }],
      holds: [{ holdId: 'hold-1', parcelId: 'parcel-2', released: null }],
    });
    expect(answer.body.next).toBeNull();
    expect(answer.body.lines[0]).toEqual({
      revision: 0,
      kind: 'accrual',
      accrualId: 'delivered-1/delivery',
      rule: 'delivery',
      amount: usd(120),
      rateCardId: 'city-card',
      rateCardVersion: 1,
      sourceEventId: 'delivered-1',
      parcelId: 'parcel-1',
      heldUnder: [],
      at: expect.any(String),
      held: false,
      statementId: 'st-1',
    });
    // A page at a time: `next` is the ledger revision to ask after.
    const first = await get('walker', '/participants/walker-1/pay-statement?period=2025-03&limit=1');
    expect(first.body.lines.map((l: { accrualId: string }) => l.accrualId)).toEqual(['delivered-1/delivery']);
    const second = await get('walker', `/participants/walker-1/pay-statement?period=2025-03&limit=1&after=${first.body.next}`);
    expect(second.body.lines.map((l: { accrualId: string }) => l.accrualId)).toEqual(['delivered-2/delivery']);
    expect(second.body.lines[0].held).toBe(true);
    expect(second.body.totals).toEqual(answer.body.totals);
    for (const query of ['limit=0', 'limit=1001', 'after=-1', 'after=x']) {
      expect((await get('walker', `/participants/walker-1/pay-statement?period=2025-03&${query}`)).body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    }
    expect((await get('auditor', '/participants/walker-1/pay-statement?period=2025-03')).status).toBe(200);
    expect((await get('admin', '/participants/walker-1/pay-statement?period=2025-03')).status).toBe(200);
  });

  it("refuses another participant's statement (403), a retailer or insurer (403), a bad period (400) and an empty month (404), as problem details", async () => {
    const other = await get('gig', '/participants/walker-1/pay-statement?period=2025-03');
    expect(other).toMatchObject({ status: 403, body: { code: 'PAY_REPORT.NOT_OWN_LEDGER' } });
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await get('coordinator', '/participants/walker-1/pay-statement?period=2025-03')).body).toMatchObject({ status: 403, code: 'PAY_REPORT.NOT_OWN_LEDGER' });
    expect((await get('retailer', '/participants/walker-1/pay-statement?period=2025-03')).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await get('insurer', '/participants/walker-1/pay-statement?period=2025-03')).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    for (const period of ['2025-13', '2025-3', 'march', '']) {
      const bad = await get('walker', `/participants/walker-1/pay-statement?period=${period}`);
      expect(bad).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID', errors: [expect.objectContaining({ field: 'period' })] } });
    }
    expect((await get('walker', '/participants/walker-1/pay-statement')).status).toBe(400);
    expect((await get('admin', '/participants/bad%20id/pay-statement?period=2025-03')).status).toBe(400);
    expect((await get('walker', '/participants/walker-1/pay-statement?period=2025-04')).body).toMatchObject({ status: 404, code: 'PAY_REPORT.NO_STATEMENT' });
  });

  it("pay equity: the hub's coordinator reads paid, volunteer and gig side by side; another hub's coordinator and couriers may not", async () => {
    const answer = await get('coordinator', `/hubs/${HUB}/pay-equity?period=2025-03`);
    expect(answer.status).toBe(200);
    expect(answer.body.hub.map((row: { capacity: string }) => row.capacity)).toEqual(['paid-courier', 'volunteer', 'gig-courier', 'coordinator']);
    expect(answer.body.hub[0]).toMatchObject({ deliveries: 2, earned: { cash: [usd(240)] }, perDelivery: [{ currency: 'USD', amountMinor: 120, remainder: 0, over: 2 }] });
    expect(answer.body.hub[1]).toMatchObject({ deliveries: 1, hours: { minutes: 120, shifts: 1 }, earned: { cash: [], credits: [PRIORITY_SLOT] } });
    expect(answer.body.hub[2]).toMatchObject({ deliveries: 101, earned: { cash: [usd(60_600)] } });
    const onlyGig = (reason: string) => ({ declined: 0, lapsed: 0, 'limit-reached': 0, 'no-sorter': 0, [reason]: 1 });
    expect(answer.body.surge).toEqual({
      offered: 2,
      claimed: 1,
      declined: 0,
      lapsed: 1,
      releasedToGig: 2,
      releasedByReason: { declined: 0, lapsed: 1, 'limit-reached': 0, 'no-sorter': 1 },
      blocks: [
        { blockId: 'b-east', offered: 0, claimed: 0, declined: 0, lapsed: 0, releasedToGig: 1, releasedByReason: onlyGig('no-sorter') },
        { blockId: 'b-north', offered: 2, claimed: 1, declined: 0, lapsed: 1, releasedToGig: 1, releasedByReason: onlyGig('lapsed') },
      ],
    });
    expect((await get('coordinator', `/hubs/${HUB}/pay-equity?period=2025-04`)).body.surge).toMatchObject({ offered: 0, claimed: 0, blocks: [] });
    expect((await get('otherCoordinator', `/hubs/${HUB}/pay-equity?period=2025-03`)).body).toMatchObject({ status: 403, code: 'PAY_REPORT.OTHER_HUB' });
    expect((await get('walker', `/hubs/${HUB}/pay-equity?period=2025-03`)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await get('auditor', `/hubs/${HUB}/pay-equity?period=2025-03`)).status).toBe(200);
    expect((await get('admin', `/hubs/${HUB}/pay-equity?period=25-03`)).status).toBe(400);
  });

  it('delivery cost by hub and participant kind, per delivery with the remainder', async () => {
    const answer = await get('admin', `/hubs/${HUB}/delivery-cost?period=2025-03`);
    expect(answer.status).toBe(200);
    // 240 + 60,600 + 60 (the coordinator's) cents over 104 deliveries: 585 each, 60 left over.
    expect(answer.body.all).toEqual({
      deliveries: 104,
      cost: { cash: [usd(60_900)], credits: [PRIORITY_SLOT] },
      perDelivery: [
        { currency: 'USD', amountMinor: 585, remainder: 60, over: 104 },
        { creditUnit: 'priority-slot', quantity: 0, remainder: 1, over: 104 },
      ],
    });
    expect((await get('otherCoordinator', `/hubs/${HUB}/delivery-cost?period=2025-03`)).body).toMatchObject({ status: 403, code: 'PAY_REPORT.OTHER_HUB' });
    expect((await get('retailer', `/hubs/${HUB}/delivery-cost?period=2025-03`)).body).toMatchObject({ status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it("coordinator cycles: before-noon share, bonus and the hub's cycles over the cap, for the coordinator themself", async () => {
    const answer = await get('coordinator', '/coordinators/coord-1/pay-cycles?period=2025-03');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ parcelsHandled: 2, beforeNoon: 1, beforeNoonShare: 0.5, bonus: { cash: [usd(10)] }, cycles: [{ hubId: HUB, cycles: 1, cyclesOverCap: 1, parcelsOverCap: 1 }] });
    expect((await get('otherCoordinator', '/coordinators/coord-1/pay-cycles?period=2025-03')).body).toMatchObject({ status: 403, code: 'PAY_REPORT.NOT_OWN_LEDGER' });
  });

  it('annual totals against the reporting threshold: a gig driver paid $606 in 2025 is reportable in the US, a walker is not', async () => {
    const gigYear = await get('gig', '/participants/gig-1/pay-annual-totals?year=2025');
    expect(gigYear.status).toBe(200);
    expect(gigYear.body).toMatchObject({ earned: { cash: [usd(60_600)] }, settled: { cash: [usd(60_600)] }, reporting: { jurisdiction: 'US', threshold: usd(60_000), reportable: true } });
    expect((await get('walker', '/participants/walker-1/pay-annual-totals?year=2025&jurisdiction=US')).body.reporting).toMatchObject({ reportable: false, settledInCurrency: usd(115) });
    const unknown = await get('admin', '/participants/gig-1/pay-annual-totals?year=2025&jurisdiction=FR');
    expect(unknown).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID', errors: [expect.objectContaining({ field: 'jurisdiction' })] } });
    expect((await get('admin', '/participants/gig-1/pay-annual-totals?year=25')).body.errors).toEqual([expect.objectContaining({ field: 'year' })]);
    expect((await get('walker', '/participants/gig-1/pay-annual-totals?year=2025')).body).toMatchObject({ status: 403, code: 'PAY_REPORT.NOT_OWN_LEDGER' });
  });

  it('a rebuild from the start of $all writes the same read models, and the answers do not change', async () => {
    const db = api.app.get<Db>(READ_MODEL_DB);
    const store = new ProjectionStore(db);
    const paths = [
      '/participants/walker-1/pay-statement?period=2025-03',
      `/hubs/${HUB}/pay-equity?period=2025-03`,
      '/coordinators/coord-1/pay-cycles?period=2025-03',
      '/participants/gig-1/pay-annual-totals?year=2025',
    ];
    const answersBefore = await Promise.all(paths.map(async (path) => (await get('admin', path)).body));
    const before = await activeSnapshot(db, payReadModelsProjection.name);
    const pending = await store.requestRebuild(payReadModelsProjection, 'rebuild', 'test-admin');
    await waitUntil('the switch to the rebuilt generation', async () => (await store.findRegistry(payReadModelsProjection.name))!.active.generation === pending.generation);
    expect(await activeSnapshot(db, payReadModelsProjection.name)).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the API's registry cache (1 s) moves to the new collections
    expect(await Promise.all(paths.map(async (path) => (await get('admin', path)).body))).toEqual(answersBefore);
  });

  it('documents every pay GET in the OpenAPI document, with an example answer', async () => {
    const openapi = (await api.call('GET', '/docs-json')).body;
    for (const path of [
      '/participants/{participantId}/pay-statement',
      '/hubs/{hubId}/pay-equity',
      '/hubs/{hubId}/delivery-cost',
      '/coordinators/{participantId}/pay-cycles',
      '/participants/{participantId}/pay-annual-totals',
    ]) {
      expect(Object.keys(openapi.paths[path].get.responses['200'].content['application/json'].examples)).toHaveLength(1);
    }
  });
});
