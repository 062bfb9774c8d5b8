/**
 * The report answers folded from pre-aggregated documents. Pure: every figure is a sum of
 * counters, and every per-delivery figure is exact: a whole quotient per delivery plus the
 * remainder, so `perDelivery × deliveries + remainder` is the total to the cent (ADR 0027).
 */
import type { Document } from 'mongodb';
import type { GigReleaseReason } from '@handoff/rosters';
import type { Money } from '../../domain/money/money';
import { combineTotals, readTotals, type StoredTotals, type Totals } from '../pay-read-model.keys';
import { COURIER_SHIFTS } from './pay-reports.projection';

/** An average per delivery that loses nothing: `amountMinor × over + remainderMinor` is the total. */
export interface PerDelivery {
  currency?: string;
  creditUnit?: string;
  /** Rounded toward zero. */
  amountMinor?: number;
  quantity?: number;
  remainder: number;
  over: number;
}

export function perDelivery(totals: Totals, deliveries: number): PerDelivery[] {
  if (deliveries <= 0) return [];
  const split = (total: number) => ({ quotient: Math.trunc(total / deliveries), remainder: total % deliveries });
  return [
    ...totals.cash.map((cash) => {
      const { quotient, remainder } = split(cash.amountMinor);
      return { currency: cash.currency, amountMinor: quotient, remainder, over: deliveries };
    }),
    ...totals.credits.map((credit) => {
      const { quotient, remainder } = split(credit.quantity);
      return { creditUnit: credit.creditUnit, quantity: quotient, remainder, over: deliveries };
    }),
  ];
}

/** Deliveries of a group: cash deliveries, plus a volunteer's, counted by their most-counted credit unit. */
export function deliveriesOf(document: Document): number {
  const byUnit = Object.values((document.volunteerDeliveriesByUnit ?? {}) as Record<string, number>);
  return ((document.deliveries as number | undefined) ?? 0) + (byUnit.length > 0 ? Math.max(...byUnit) : 0);
}

export interface CapacityFigures {
  capacity: string;
  deliveries: number;
  surgeDeliveries: number;
  hours: { minutes: number; shifts: number };
  earned: Totals;
  perDelivery: PerDelivery[];
}

function capacityFigures(capacity: string, documents: Document[]): CapacityFigures {
  let earned: StoredTotals = {};
  let deliveries = 0;
  let surgeDeliveries = 0;
  let minutes = 0;
  let shifts = 0;
  for (const document of documents) {
    earned = combineTotals(earned, document.earned as StoredTotals | undefined);
    deliveries += deliveriesOf(document);
    surgeDeliveries += (document.surgeDeliveries as number | undefined) ?? 0;
    minutes += (document.minutesWorked as number | undefined) ?? 0;
    shifts += (document.shifts as number | undefined) ?? 0;
  }
  const totals = readTotals(earned);
  return { capacity, deliveries, surgeDeliveries, hours: { minutes, shifts }, earned: totals, perDelivery: perDelivery(totals, deliveries) };
}

/** Capacities in the order the gap reads best: paid beside volunteer beside gig, then the rest. */
const CAPACITY_ORDER = ['paid-courier', 'volunteer', 'gig-courier', 'hub', 'coordinator', 'hourly', COURIER_SHIFTS];

function byCapacity(documents: Document[]): CapacityFigures[] {
  const groups = new Map<string, Document[]>();
  for (const document of documents) groups.set(document.capacity as string, [...(groups.get(document.capacity as string) ?? []), document]);
  const rank = (capacity: string) => (CAPACITY_ORDER.includes(capacity) ? CAPACITY_ORDER.indexOf(capacity) : CAPACITY_ORDER.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)).map(([capacity, group]) => capacityFigures(capacity, group));
}

export interface PayEquityView {
  hubId: string;
  period: string;
  /** The whole hub, every route together. */
  hub: CapacityFigures[];
  /** Per route or loop (`null`: work on no route, as a volunteer's shift or a dispatcher's hours). */
  routes: { routeId: string | null; capacities: CapacityFigures[] }[];
  /** Surge first refusal at the hub that month (each fact in the month it happened), and per block. */
  surge: SurgeFigures & { blocks: Array<{ blockId: string } & SurgeFigures> };
}

export interface SurgeFigures {
  offered: number;
  claimed: number;
  declined: number;
  lapsed: number;
  releasedToGig: number;
  releasedByReason: Record<GigReleaseReason, number>;
}

const count = (document: Document | undefined, field: string): number => (document?.[field] as number | undefined) ?? 0;

function surgeFigures(documents: Document[]): SurgeFigures {
  const sum = (field: string) => documents.reduce((total, document) => total + count(document, field), 0);
  const reason = (name: GigReleaseReason) => documents.reduce((total, document) => total + count(document.releasedByReason as Document | undefined, name), 0);
  return {
    offered: sum('offered'),
    claimed: sum('claimed'),
    declined: sum('declined'),
    lapsed: sum('lapsed'),
    releasedToGig: sum('releasedToGig'),
    releasedByReason: { declined: reason('declined'), lapsed: reason('lapsed'), 'limit-reached': reason('limit-reached'), 'no-sorter': reason('no-sorter') },
  };
}

/** The hub-month's surge documents (one per block) summed, and each block's own figures, by block id. */
export function surgeView(blocks: Document[]): PayEquityView['surge'] {
  const sorted = [...blocks].sort((a, b) => ((a.blockId as string) < (b.blockId as string) ? -1 : 1));
  return { ...surgeFigures(sorted), blocks: sorted.map((block) => ({ blockId: block.blockId as string, ...surgeFigures([block]) })) };
}

export function payEquityView(hubId: string, period: string, documents: Document[], surgeBlocks: Document[]): PayEquityView {
  const routes = new Map<string | null, Document[]>();
  for (const document of documents) routes.set((document.routeId ?? null) as string | null, [...(routes.get((document.routeId ?? null) as string | null) ?? []), document]);
  const routeOrder = [...routes.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return {
    hubId,
    period,
    hub: byCapacity(documents),
    routes: routeOrder.map((routeId) => ({ routeId, capacities: byCapacity(routes.get(routeId)!) })),
    surge: surgeView(surgeBlocks),
  };
}

export interface DeliveryCostView {
  hubId: string;
  period: string;
  /** Every cash and credit line at the hub (deliveries, handling fees, bonuses, top-ups), over the hub's deliveries. */
  all: { deliveries: number; cost: Totals; perDelivery: PerDelivery[] };
  byCapacity: { capacity: string; deliveries: number; cost: Totals; perDelivery: PerDelivery[] }[];
}

/** From the hub-month's pay-equity groups: routes summed, rows that earned nothing (hours only) left out. */
export function deliveryCostView(hubId: string, period: string, documents: Document[]): DeliveryCostView {
  const paid = documents.filter((document) => document.earned !== undefined);
  const figures = byCapacity(paid);
  const deliveries = figures.reduce((sum, figure) => sum + figure.deliveries, 0);
  const cost = readTotals(paid.reduce<StoredTotals>((sum, document) => combineTotals(sum, document.earned as StoredTotals | undefined), {}));
  return {
    hubId,
    period,
    all: { deliveries, cost, perDelivery: perDelivery(cost, deliveries) },
    byCapacity: figures.map((figure) => ({ capacity: figure.capacity, deliveries: figure.deliveries, cost: figure.earned, perDelivery: perDelivery(figure.earned, figure.deliveries) })),
  };
}

export interface CoordinatorCyclesView {
  participantId: string;
  period: string;
  hubIds: string[];
  parcelsHandled: number;
  beforeNoon: number;
  /** beforeNoon / parcelsHandled, to 4 places (a display figure; the counts are exact). */
  beforeNoonShare: number | null;
  bonus: Totals;
  handlingFees: Totals;
  retainer: Totals;
  /** Custody's cycles at the coordinator's hubs that month, and how many went over the cap. */
  cycles: { hubId: string; cycles: number; cyclesOverCap: number; parcelsOverCap: number }[];
}

export function coordinatorCyclesView(participantId: string, period: string, month: Document | null, hubMonths: Document[]): CoordinatorCyclesView {
  const handled = (month?.parcelsHandled as number | undefined) ?? 0;
  const beforeNoon = (month?.beforeNoon as number | undefined) ?? 0;
  const byRule = (rule: string) => readTotals((month?.byRule as Record<string, StoredTotals> | undefined)?.[rule]);
  const hubIds = ((month?.hubIds ?? []) as string[]).slice().sort();
  return {
    participantId,
    period,
    hubIds,
    parcelsHandled: handled,
    beforeNoon,
    beforeNoonShare: handled > 0 ? Math.round((beforeNoon / handled) * 10_000) / 10_000 : null,
    bonus: byRule('before-noon-bonus'),
    handlingFees: byRule('handling-fee'),
    retainer: byRule('monthly-retainer'),
    cycles: hubIds.map((hubId) => {
      const found = hubMonths.find((document) => document.hubId === hubId);
      return {
        hubId,
        cycles: (found?.cycles as number | undefined) ?? 0,
        cyclesOverCap: (found?.cyclesOverCap as number | undefined) ?? 0,
        parcelsOverCap: (found?.parcelsOverCap as number | undefined) ?? 0,
      };
    }),
  };
}

export interface AnnualTotalsView {
  participantId: string;
  year: string;
  /** Accruals + adjustments − clawbacks of the year's ledger months. */
  earned: Totals;
  /** Cash of the statements settled in the calendar year: what was paid. */
  settled: Totals;
  reporting: { jurisdiction: string; threshold: Money; settledInCurrency: Money; reportable: boolean; basis: string };
}

export function annualTotalsView(participantId: string, yearText: string, jurisdiction: string, threshold: Money, document: Document | null): AnnualTotalsView {
  const settled = readTotals(document?.settled as StoredTotals | undefined);
  const paid = settled.cash.find((cash) => cash.currency === threshold.currency)?.amountMinor ?? 0;
  return {
    participantId,
    year: yearText,
    earned: readTotals(document?.earned as StoredTotals | undefined),
    settled,
    reporting: {
      jurisdiction,
      threshold,
      settledInCurrency: { amountMinor: paid, currency: threshold.currency },
      reportable: paid >= threshold.amountMinor,
      basis: 'cash settled in the calendar year, in the threshold currency; credits are not cash and are not counted',
    },
  };
}
