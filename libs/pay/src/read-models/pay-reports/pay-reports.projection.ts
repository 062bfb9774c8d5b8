/**
 * The pay reports, one read model (collection) per question, all pre-aggregated so a query reads
 * a handful of documents whatever the size of the ledger (ADR 0027). Cost per delivery by hub and
 * participant kind is answered from payEquity's groups summed over routes (a bounded read: a
 * hub-month has routes × capacities documents), not from a collection of its own: one change less
 * per accrual on a rebuild.
 *   - payEquity: per hub × route × month × capacity: deliveries, hours (from rosters' shifts), cash
 *     and credits: paid, volunteer and gig side by side;
 *   - surgeFirstRefusal: per hub × month × block: surge first refusal's offers, claims, declines,
 *     lapses and releases to gig drivers (by reason), from rosters' surge facts;
 *   - coordinatorMonths: per coordinator × month: parcels handled, before noon, bonus, fees, retainer;
 *   - hubCycleMonths: per hub × month: custody's cycles and their cap overflows;
 *   - annualTotals: per participant × year: earned (by ledger month) and settled (by settlement day).
 * One projection feeds them (pay-read-models.projection.ts) because they read the same events.
 * Every change is an `$inc` or `$set` from the event alone; the runtime's
 * per-document marker (ADR 0005) makes a replay change nothing.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { upsert } from '@handoff/projections';
import type { ProjectionHandlers, ReadModelChange, ReadModelCollection } from '@handoff/projections';
import type { HubCycleEvent } from '@handoff/custody';
import type { ShiftWorked, SurgeDeliveryClaimed, SurgeDeliveryOffered, SurgeDeliveryReleasedToGig, SurgeOfferDeclined, SurgeOfferLapsed } from '@handoff/rosters';
import { minutesWorked } from '../../domain/accrual/accrual.calculator';
import type { LedgerEvent } from '../../domain/ledger/ledger.events';
import { payPeriodOf } from '../../domain/shared/time';
import { amountIncrement, joinKey } from '../pay-read-model.keys';

export const PAY_EQUITY = 'payEquity';
export const SURGE_FIRST_REFUSAL = 'surgeFirstRefusal';
export const COORDINATOR_MONTHS = 'coordinatorMonths';
export const HUB_CYCLE_MONTHS = 'hubCycleMonths';
export const ANNUAL_TOTALS = 'annualTotals';

/**
 * A courier's loop or shift as rosters records it does not say whether they rode paid or gig: its
 * hours are shown under this row of the route, apart from the capacities the ledger names.
 */
export const COURIER_SHIFTS = 'courier-any-engagement';

type SurgeFact = SurgeDeliveryOffered | SurgeDeliveryClaimed | SurgeOfferDeclined | SurgeOfferLapsed | SurgeDeliveryReleasedToGig;
export type PayReportEvent = LedgerEvent | HubCycleEvent | ShiftWorked | SurgeFact;
type Envelope<T extends PayReportEvent['type']> = RecordedEnvelope<Extract<PayReportEvent, { type: T }>>;

/** What a delivery-kind line adds to a group's counters. */
function workCounters(rule: string, amount: Extract<LedgerEvent, { type: 'AccrualRecorded' }>['data']['amount']): Record<string, number> {
  const counters: Record<string, number> = { ...amountIncrement('earned', amount, 1), lines: 1 };
  if (rule === 'delivery') counters.deliveries = 1;
  if (rule === 'surge-premium') counters.surgeDeliveries = 1;
  // A volunteer's delivery earns one line per credit unit of the card: counted per unit, and the
  // report takes the most-counted unit as the number of deliveries (ADR 0027).
  if (rule === 'volunteer-delivery-credit' && 'creditUnit' in amount) counters[`volunteerDeliveriesByUnit.${amount.creditUnit}`] = 1;
  if (rule === 'handling-fee') counters.parcelsHandled = 1;
  return counters;
}

const year = (period: string) => period.slice(0, 4);

function surgeCount(fact: { hubId: string; blockId: string }, at: string, inc: Record<string, number>): ReadModelChange {
  const { hubId, blockId } = fact;
  const period = payPeriodOf(at);
  return upsert(SURGE_FIRST_REFUSAL, joinKey(hubId, period, blockId), { $setOnInsert: { hubId, period, blockId }, $inc: inc });
}

export const reportHandlers: ProjectionHandlers<PayReportEvent> = {
  AccrualRecorded: (event: Envelope<'AccrualRecorded'>) => {
    const { participantId, period, rule, amount, work } = event.data;
    const { capacity, hubId, routeId } = work;
    const counters = workCounters(rule, amount);
    const changes: ReadModelChange[] = [
      upsert(PAY_EQUITY, joinKey(hubId, routeId, period, capacity), { $setOnInsert: { hubId, routeId, period, capacity }, $inc: counters }),
      upsert(ANNUAL_TOTALS, joinKey(participantId, year(period)), { $setOnInsert: { participantId, year: year(period) }, $inc: { ...amountIncrement('earned', amount, 1), accruals: 1 } }),
    ];
    if (capacity === 'coordinator') {
      const inc: Record<string, number> = { ...amountIncrement(`byRule.${rule}`, amount, 1) };
      if (rule === 'handling-fee') inc.parcelsHandled = 1;
      if (rule === 'before-noon-bonus') inc.beforeNoon = 1;
      changes.push(upsert(COORDINATOR_MONTHS, joinKey(participantId, period), { $setOnInsert: { participantId, period }, $inc: inc, ...(hubId ? { $addToSet: { hubIds: hubId } } : {}) }));
    }
    return changes;
  },
  // Adjustments and clawbacks name no work (hub, route, capacity): they count in the participant's
  // annual totals, not in the per-hub reports (ADR 0027).
  PayAdjusted: (event: Envelope<'PayAdjusted'>) => {
    const { participantId, period, amount } = event.data;
    return [upsert(ANNUAL_TOTALS, joinKey(participantId, year(period)), { $setOnInsert: { participantId, year: year(period) }, $inc: amountIncrement('earned', amount, 1) })];
  },
  PayClawedBack: (event: Envelope<'PayClawedBack'>) => {
    const { participantId, period, amount } = event.data;
    return [upsert(ANNUAL_TOTALS, joinKey(participantId, year(period)), { $setOnInsert: { participantId, year: year(period) }, $inc: amountIncrement('earned', amount, -1) })];
  },
  // What was paid in a calendar year (the 1099-NEC basis) is the cash of the statements settled in it.
  StatementSettled: (event: Envelope<'StatementSettled'>) => {
    const { participantId, cashTotal, settledAt } = event.data;
    const settledYear = settledAt.slice(0, 4);
    const inc = cashTotal ? amountIncrement('settled', cashTotal, 1) : {};
    return [upsert(ANNUAL_TOTALS, joinKey(participantId, settledYear), { $setOnInsert: { participantId, year: settledYear }, $inc: { ...inc, statementsSettled: 1 } })];
  },
  ShiftWorked: (event: Envelope<'ShiftWorked'>) => {
    const { hubId, work, startedAt, endedAt } = event.data;
    const capacity = work.kind === 'hourly' ? 'hourly' : work.kind === 'volunteer' ? 'volunteer' : COURIER_SHIFTS;
    const routeId = work.kind === 'courier' ? work.routeId : null;
    const period = payPeriodOf(startedAt);
    return [
      upsert(PAY_EQUITY, joinKey(hubId, routeId, period, capacity), { $setOnInsert: { hubId, routeId, period, capacity }, $inc: { minutesWorked: minutesWorked(startedAt, endedAt), shifts: 1 } }),
    ];
  },
  // Surge first refusal (rosters, ADR 0028): each fact counts once in the month it happened, on its
  // hub-month-block document; a block id never holds `|` (rosters' block ids are lowercase words).
  SurgeDeliveryOffered: (event: Envelope<'SurgeDeliveryOffered'>) => [surgeCount(event.data, event.data.offeredAt, { offered: 1 })],
  SurgeDeliveryClaimed: (event: Envelope<'SurgeDeliveryClaimed'>) => [surgeCount(event.data, event.data.claimedAt, { claimed: 1 })],
  SurgeOfferDeclined: (event: Envelope<'SurgeOfferDeclined'>) => [surgeCount(event.data, event.data.declinedAt, { declined: 1 })],
  // Counted at the instant the offer lapsed, not when a later command noticed it (`recordedAt`).
  SurgeOfferLapsed: (event: Envelope<'SurgeOfferLapsed'>) => [surgeCount(event.data, event.data.lapsedAt, { lapsed: 1 })],
  SurgeDeliveryReleasedToGig: (event: Envelope<'SurgeDeliveryReleasedToGig'>) => {
    const { reason, releasedAt } = event.data;
    return [surgeCount(event.data, releasedAt, { releasedToGig: 1, [`releasedByReason.${reason}`]: 1 })];
  },
  HubCycleOpened: (event: Envelope<'HubCycleOpened'>) => {
    const { hubId, openedAt } = event.data;
    const period = payPeriodOf(openedAt);
    return [upsert(HUB_CYCLE_MONTHS, joinKey(hubId, period), { $setOnInsert: { hubId, period }, $inc: { cycles: 1 } })];
  },
  HubCycleParcelReceived: (event: Envelope<'HubCycleParcelReceived'>) => {
    const { hubId, overCap, receivedAt } = event.data;
    if (!overCap) return [];
    const period = payPeriodOf(receivedAt);
    return [upsert(HUB_CYCLE_MONTHS, joinKey(hubId, period), { $setOnInsert: { hubId, period }, $inc: { parcelsOverCap: 1 } })];
  },
  HubCycleCapExceeded: (event: Envelope<'HubCycleCapExceeded'>) => {
    const { hubId, exceededAt } = event.data;
    const period = payPeriodOf(exceededAt);
    return [upsert(HUB_CYCLE_MONTHS, joinKey(hubId, period), { $setOnInsert: { hubId, period }, $inc: { cyclesOverCap: 1 } })];
  },
};

export const reportCollections: Record<string, ReadModelCollection> = {
  [PAY_EQUITY]: {
    indexes: [
      { key: { hubId: 1, period: 1 }, name: 'hub_period' },
      { key: { routeId: 1, period: 1 }, name: 'route_period' },
    ],
  },
  [SURGE_FIRST_REFUSAL]: { indexes: [{ key: { hubId: 1, period: 1, blockId: 1 }, name: 'hub_period_block' }] },
  [COORDINATOR_MONTHS]: { indexes: [{ key: { participantId: 1, period: 1 }, name: 'participant_period' }] },
  [HUB_CYCLE_MONTHS]: { indexes: [{ key: { hubId: 1, period: 1 }, name: 'hub_period' }] },
  [ANNUAL_TOTALS]: { indexes: [{ key: { participantId: 1, year: 1 }, name: 'participant_year' }] },
};
