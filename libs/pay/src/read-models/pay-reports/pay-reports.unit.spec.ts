import type { DomainEvent } from '@handoff/kernel';
import type { ShiftWorked, SurgeEvent } from '@handoff/rosters';
import type { HubCycleEvent } from '@handoff/custody';
import { command, recorded } from '../../domain/ledger/ledger.fixtures';
import { GAS_CARD, line, PRIORITY_SLOT, usd } from '../../domain/pay.fixtures';
import { foldProjection, ledgerOf, onRoute, recordedAt, REPORT_HUB, type FoldedCollections } from '../pay-read-models.fixtures';
import { payReadModelsProjection } from '../pay-read-models.projection';
import { ANNUAL_TOTALS, COORDINATOR_MONTHS, COURIER_SHIFTS, HUB_CYCLE_MONTHS, PAY_EQUITY, SURGE_FIRST_REFUSAL } from './pay-reports.projection';
import { annualTotalsView, coordinatorCyclesView, deliveryCostView, payEquityView, perDelivery } from './pay-reports.views';

const HUB = REPORT_HUB;

/** March at the city hub: a walker, a volunteer and a gig driver on route 7, the coordinator, a dispatcher's shift. */
const walker = recorded(
  command.accrue(1, undefined, onRoute('paid-courier')),
  command.accrue(2, undefined, onRoute('paid-courier')),
  command.accrue(3, [line('delivery', usd(120)), line('surge-premium', usd(30))], onRoute('paid-courier')),
  command.adjust('adj-1', 15),
  command.clawBack('claw-1', 'delivered-1/delivery', 20),
  command.issue('st-1'),
  command.approve('st-1', 'admin-1'),
  command.settle('st-1'),
);
const volunteer = recorded(
  { ...command.accrue(11, [line('volunteer-delivery-credit', PRIORITY_SLOT), line('volunteer-delivery-credit', GAS_CARD)], onRoute('volunteer')), ...ledgerOf('vol-1') },
  { ...command.accrue(12, [line('volunteer-delivery-credit', PRIORITY_SLOT)], onRoute('volunteer')), ...ledgerOf('vol-1') },
);
const gig = recorded({ ...command.accrue(21, [line('delivery', usd(600))], onRoute('gig-courier')), ...ledgerOf('gig-1') });
const coordinator = recorded(
  { ...command.accrue(24, [line('handling-fee', usd(25)), line('before-noon-bonus', usd(10))], onRoute('coordinator', null)), ...ledgerOf('coord-1') },
  { ...command.accrue(25, [line('handling-fee', usd(25))], onRoute('coordinator', null)), ...ledgerOf('coord-1') },
  { ...command.accrue(26, [line('handling-fee', usd(25)), line('before-noon-bonus', usd(10))], onRoute('coordinator', null)), ...ledgerOf('coord-1') },
  { ...command.accrue(27, [line('monthly-retainer', usd(32_000))], onRoute('coordinator', null)), ...ledgerOf('coord-1') },
);
const shifts: ShiftWorked[] = [
  {
    type: 'ShiftWorked',
    data: {
      shiftId: 's-1',
      hubId: HUB,
      participantId: 'disp-1',
      work: { kind: 'hourly', role: 'dispatcher' },
      startedAt: '2025-03-03T08:00:00.000Z',
      endedAt: '2025-03-03T12:00:00.000Z',
      recordedBy: 'coord-1',
      recordedAt: '2025-03-03T12:01:00.000Z',
    },
  },
  {
    type: 'ShiftWorked',
    data: {
      shiftId: 's-2',
      hubId: HUB,
      participantId: 'vol-1',
      work: { kind: 'volunteer' },
      startedAt: '2025-03-04T08:00:00.000Z',
      endedAt: '2025-03-04T10:30:00.000Z',
      recordedBy: 'coord-1',
      recordedAt: '2025-03-04T10:31:00.000Z',
    },
  },
  {
    type: 'ShiftWorked',
    data: {
      shiftId: 's-3',
      hubId: HUB,
      participantId: 'walker-1',
      work: { kind: 'courier', run: 'loop', routeId: 'route-7' },
      startedAt: '2025-03-05T08:00:00.000Z',
      endedAt: '2025-03-05T09:00:00.000Z',
      recordedBy: 'coord-1',
      recordedAt: '2025-03-05T09:01:00.000Z',
    },
  },
];
/**
 * A surge window at the city hub: block b-1's volunteer claims one delivery and lets another lapse
 * (it goes to gig drivers), b-2's declines one (gig), b-3 has no sorter (gig, never offered), and
 * an offer made on the last evening of March lapses in April.
 */
const window = { windowId: 'w-1', hubId: HUB };
const offer = (offerId: string, blockId: string, parcelId: string, offerNumber: number, offeredAt: string, lapsesAt: string): SurgeEvent => ({
  type: 'SurgeDeliveryOffered',
  data: { ...window, offerId, blockId, parcelId, participantId: 'vol-1', sorterShiftId: 'shift-sort', offerNumber, offeredBy: 'coord-1', offeredAt, lapsesAt },
});
const surge: SurgeEvent[] = [
  offer('o-1', 'b-1', 'p-9', 1, '2025-03-06T14:50:00.000Z', '2025-03-06T15:05:00.000Z'),
  { type: 'SurgeDeliveryClaimed', data: { ...window, offerId: 'o-1', blockId: 'b-1', parcelId: 'p-9', participantId: 'vol-1', claimedAt: '2025-03-06T15:00:00.000Z' } },
  offer('o-2', 'b-1', 'p-10', 2, '2025-03-06T15:00:00.000Z', '2025-03-06T15:15:00.000Z'),
  {
    type: 'SurgeOfferLapsed',
    data: { ...window, offerId: 'o-2', blockId: 'b-1', parcelId: 'p-10', participantId: 'vol-1', lapsedAt: '2025-03-06T15:15:00.000Z', recordedAt: '2025-03-06T15:20:00.000Z' },
  },
  { type: 'SurgeDeliveryReleasedToGig', data: { ...window, blockId: 'b-1', parcelId: 'p-10', offerId: 'o-2', reason: 'lapsed', releasedBy: 'coord-1', releasedAt: '2025-03-06T15:20:00.000Z' } },
  offer('o-3', 'b-2', 'p-11', 1, '2025-03-06T15:01:00.000Z', '2025-03-06T15:16:00.000Z'),
  { type: 'SurgeOfferDeclined', data: { ...window, offerId: 'o-3', blockId: 'b-2', parcelId: 'p-11', participantId: 'vol-2', declinedAt: '2025-03-06T15:02:00.000Z' } },
  { type: 'SurgeDeliveryReleasedToGig', data: { ...window, blockId: 'b-2', parcelId: 'p-11', offerId: 'o-3', reason: 'declined', releasedBy: 'coord-1', releasedAt: '2025-03-06T15:03:00.000Z' } },
  { type: 'SurgeDeliveryReleasedToGig', data: { ...window, blockId: 'b-3', parcelId: 'p-12', offerId: null, reason: 'no-sorter', releasedBy: 'coord-1', releasedAt: '2025-03-06T15:04:00.000Z' } },
  offer('o-4', 'b-1', 'p-13', 3, '2025-03-31T23:55:00.000Z', '2025-04-01T00:10:00.000Z'),
  {
    type: 'SurgeOfferLapsed',
    data: { ...window, offerId: 'o-4', blockId: 'b-1', parcelId: 'p-13', participantId: 'vol-1', lapsedAt: '2025-04-01T00:10:00.000Z', recordedAt: '2025-04-01T09:00:00.000Z' },
  },
];
const cycle = { cycleId: 'c-1', hubId: HUB };
const cycles: HubCycleEvent[] = [
  { type: 'HubCycleOpened', data: { ...cycle, cap: 1, openedAt: '2025-03-03T07:00:00.000Z' } },
  { type: 'HubCycleParcelReceived', data: { ...cycle, parcelId: 'p-1', intakeNumber: 1, overCap: false, receivedAt: '2025-03-03T07:10:00.000Z' } },
  { type: 'HubCycleParcelReceived', data: { ...cycle, parcelId: 'p-2', intakeNumber: 2, overCap: true, receivedAt: '2025-03-03T07:11:00.000Z' } },
  { type: 'HubCycleCapExceeded', data: { ...cycle, cap: 1, exceededAt: '2025-03-03T07:11:00.000Z' } },
  { type: 'HubCycleOpened', data: { cycleId: 'c-2', hubId: HUB, cap: 55, openedAt: '2025-03-04T07:00:00.000Z' } },
];
const all: DomainEvent[] = [...walker, ...volunteer, ...gig, ...coordinator, ...shifts, ...surge, ...cycles];

const fold = (events: DomainEvent[] = all, rounds = 1): FoldedCollections => {
  const envelopes = recordedAt(events);
  let folded: FoldedCollections = {};
  for (let round = 0; round < rounds; round++) folded = foldProjection(payReadModelsProjection, envelopes, folded);
  return folded;
};
const documents = (folded: FoldedCollections, collection: string) => [...(folded[collection]?.values() ?? [])];
const surgeOf = (folded: FoldedCollections, period: string) => documents(folded, SURGE_FIRST_REFUSAL).filter((document) => document.hubId === HUB && document.period === period);

describe('pay reports read models', () => {
  it('pay equity: deliveries, hours, cash and credits per capacity, paid beside volunteer beside gig, per route and for the hub', () => {
    const folded = fold();
    const view = payEquityView(HUB, '2025-03', documents(folded, PAY_EQUITY), surgeOf(folded, '2025-03'));
    expect(view.hub.map((row) => row.capacity)).toEqual(['paid-courier', 'volunteer', 'gig-courier', 'coordinator', 'hourly', COURIER_SHIFTS]);
    const [paid, vol, gigRow, coord, hourly, courierShifts] = view.hub;
    expect(paid).toEqual({
      capacity: 'paid-courier',
      deliveries: 3,
      surgeDeliveries: 1,
      hours: { minutes: 0, shifts: 0 },
      earned: { cash: [usd(390)], credits: [] },
      perDelivery: [{ currency: 'USD', amountMinor: 130, remainder: 0, over: 3 }],
    });
    // Two deliveries (one earned two credit units), never two plus one.
    expect(vol).toMatchObject({ deliveries: 2, hours: { minutes: 150, shifts: 1 }, earned: { cash: [], credits: [GAS_CARD, { creditUnit: 'priority-slot', quantity: 2 }] } });
    expect(gigRow).toMatchObject({ deliveries: 1, earned: { cash: [usd(600)] } });
    expect(coord).toMatchObject({ deliveries: 0, perDelivery: [], earned: { cash: [usd(32_095)] } });
    expect(hourly).toMatchObject({ hours: { minutes: 240, shifts: 1 }, deliveries: 0 });
    expect(courierShifts).toMatchObject({ hours: { minutes: 60, shifts: 1 } });
    expect(view.routes.map((route) => route.routeId)).toEqual(['route-7', null]);
    expect(view.routes[0]!.capacities.map((row) => row.capacity)).toEqual(['paid-courier', 'volunteer', 'gig-courier', COURIER_SHIFTS]);
    expect(view.surge).toMatchObject({ offered: 4, claimed: 1, declined: 1, lapsed: 1, releasedToGig: 3 });
  });

  it('surge first refusal: offers, claims, declines, lapses and releases to gig per hub-month and per block, each in the month it happened', () => {
    const folded = fold();
    const none = { declined: 0, lapsed: 0, 'limit-reached': 0, 'no-sorter': 0 };
    expect(payEquityView(HUB, '2025-03', [], surgeOf(folded, '2025-03')).surge).toEqual({
      offered: 4,
      claimed: 1,
      declined: 1,
      lapsed: 1,
      releasedToGig: 3,
      releasedByReason: { declined: 1, lapsed: 1, 'limit-reached': 0, 'no-sorter': 1 },
      blocks: [
        { blockId: 'b-1', offered: 3, claimed: 1, declined: 0, lapsed: 1, releasedToGig: 1, releasedByReason: { ...none, lapsed: 1 } },
        { blockId: 'b-2', offered: 1, claimed: 0, declined: 1, lapsed: 0, releasedToGig: 1, releasedByReason: { ...none, declined: 1 } },
        { blockId: 'b-3', offered: 0, claimed: 0, declined: 0, lapsed: 0, releasedToGig: 1, releasedByReason: { ...none, 'no-sorter': 1 } },
      ],
    });
    // The offer of March 31st lapsed on April 1st: April counts its lapse, not an offer.
    expect(payEquityView(HUB, '2025-04', [], surgeOf(folded, '2025-04')).surge).toEqual({
      offered: 0,
      claimed: 0,
      declined: 0,
      lapsed: 1,
      releasedToGig: 0,
      releasedByReason: none,
      blocks: [{ blockId: 'b-1', offered: 0, claimed: 0, declined: 0, lapsed: 1, releasedToGig: 0, releasedByReason: none }],
    });
    expect(payEquityView(HUB, '2025-05', [], []).surge).toEqual({ offered: 0, claimed: 0, declined: 0, lapsed: 0, releasedToGig: 0, releasedByReason: none, blocks: [] });
  });

  it.each(surge.map((event) => [event.type, event] as const))('surge: %s applied twice changes nothing', (_type, event) => {
    const once = fold([event]);
    expect(documents(once, SURGE_FIRST_REFUSAL)).toHaveLength(1);
    expect(fold([event], 2)).toEqual(once);
  });

  it('per-delivery figures lose no cent: the quotient per delivery and the remainder add up to the total', () => {
    expect(perDelivery({ cash: [usd(1_000)], credits: [{ creditUnit: 'priority-slot', quantity: 5 }] }, 3)).toEqual([
      { currency: 'USD', amountMinor: 333, remainder: 1, over: 3 },
      { creditUnit: 'priority-slot', quantity: 1, remainder: 2, over: 3 },
    ]);
    expect(perDelivery({ cash: [usd(-7)], credits: [] }, 2)).toEqual([{ currency: 'USD', amountMinor: -3, remainder: -1, over: 2 }]);
    expect(perDelivery({ cash: [usd(100)], credits: [] }, 0)).toEqual([]);
  });

  it('delivery cost: every line at the hub over its deliveries, and per participant kind', () => {
    const view = deliveryCostView(HUB, '2025-03', documents(fold(), PAY_EQUITY));
    expect(view.all.deliveries).toBe(6);
    expect(view.all.cost.cash).toEqual([usd(390 + 600 + 32_095)]);
    expect(view.all.perDelivery[0]).toEqual({ currency: 'USD', amountMinor: 5_514, remainder: 1, over: 6 });
    expect(view.byCapacity.map((row) => [row.capacity, row.deliveries])).toEqual([
      ['paid-courier', 3],
      ['volunteer', 2],
      ['gig-courier', 1],
      ['coordinator', 0],
    ]);
  });

  it("coordinator cycles: parcels handled, before-noon share, bonus, fees, retainer, and the hub's cycles over the cap", () => {
    const folded = fold();
    const view = coordinatorCyclesView('coord-1', '2025-03', folded[COORDINATOR_MONTHS]!.get('coord-1|2025-03')!, documents(folded, HUB_CYCLE_MONTHS));
    expect(view).toEqual({
      participantId: 'coord-1',
      period: '2025-03',
      hubIds: [HUB],
      parcelsHandled: 3,
      beforeNoon: 2,
      beforeNoonShare: 0.6667,
      bonus: { cash: [usd(20)], credits: [] },
      handlingFees: { cash: [usd(75)], credits: [] },
      retainer: { cash: [usd(32_000)], credits: [] },
      cycles: [{ hubId: HUB, cycles: 2, cyclesOverCap: 1, parcelsOverCap: 1 }],
    });
  });

  it('annual totals: earned net of adjustments and clawbacks, settled by settlement year, flagged against the threshold', () => {
    const folded = fold();
    const walkerYear = folded[ANNUAL_TOTALS]!.get('walker-1|2025')!;
    const under = annualTotalsView('walker-1', '2025', 'US', usd(60_000), walkerYear);
    expect(under.earned).toEqual({ cash: [usd(390 + 15 - 20)], credits: [] });
    expect(under.settled).toEqual({ cash: [usd(385)], credits: [] });
    expect(under.reporting).toMatchObject({ reportable: false, settledInCurrency: usd(385) });
    expect(annualTotalsView('walker-1', '2025', 'XX', usd(385), walkerYear).reporting.reportable).toBe(true);
    expect(annualTotalsView('walker-1', '2025', 'CA', { amountMinor: 1, currency: 'CAD' }, walkerYear).reporting).toMatchObject({
      reportable: false,
      settledInCurrency: { amountMinor: 0, currency: 'CAD' },
    });
    expect(annualTotalsView('nobody', '2025', 'US', usd(60_000), null)).toMatchObject({ earned: { cash: [], credits: [] }, reporting: { reportable: false } });
  });

  it('is the same read model when every event is applied twice', () => {
    expect(fold(all, 2)).toEqual(fold());
  });
});
