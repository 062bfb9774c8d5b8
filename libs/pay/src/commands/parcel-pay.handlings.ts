import { handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import type { HoldParcelPay as HoldDomain, NoteSurgeClaim as NoteSurgeClaimDomain, ParcelPayCommandOf, PriceParcelPay } from '../domain/parcel-pay/parcel-pay.commands';
import { parcelPayDecider } from '../domain/parcel-pay/parcel-pay.decider';
import type { ParcelPayEvent, UnpricedPay } from '../domain/parcel-pay/parcel-pay.events';
import { accrualErrors } from '../domain/accrual/accrual.errors';
import type { ParcelPay } from '../domain/parcel-pay/parcel-pay.state';
import { payPeriodOf } from '../domain/shared/time';
import { payStreams } from '../pay-streams';
import { beforeNoonAt } from './local-time';
import type { PayRecords } from './pay-records';
import { priceParcelEvent, retainerPosting, type PricingInput, type ResolvedPayee } from './parcel-pricing';
import { hubRetainerDecider, type HubRetainerEvent, type HubRetainerMonth, type PriceHubRetainer as PriceHubRetainerDomain } from '../domain/hub-retainer/hub-retainer';

/** Where a priced event sits in the parcel's custody stream: custody's facts are read up to it, so a replay prices the same work. */
interface PricedSource {
  parcelId: string;
  sourceEventId: string;
  /** The source event's revision in its parcel stream, as a decimal string (a bigint in the store). */
  sourceRevision: string;
}

/** A delivery to price: the carrier by engagement, and the coordinator's before-noon bonus at the hub it went through. */
export type PriceParcelDelivery = Command<'PriceParcelDelivery', PricedSource & { deliveredBy: { kind: string; id: string }; deliveredAt: string }>;
/** An intake at a hub to price: the coordinator's handling fee, and their retainer once a month. */
export type PriceParcelIntake = Command<'PriceParcelIntake', PricedSource & { hubId: string; receivedAt: string }>;
/** The month's retainer of the coordinator of the hub an intake was at: priced by the month's first intake. */
export type PriceHubRetainer = Command<'PriceHubRetainer', PricedSource & { hubId: string; receivedAt: string }>;
export type NoteSurgeClaim = Command<'NoteSurgeClaim', Omit<NoteSurgeClaimDomain, 'type'>>;
/** Holds a parcel's pay in every ledger it reached or will reach while the hold lasts (admins, and disputes' reactions). */
export type HoldParcelPay = Command<'HoldParcelPay', Pick<HoldDomain, 'parcelId' | 'holdId' | 'reason'>>;
export type ReleaseParcelPay = Command<'ReleaseParcelPay', { parcelId: string; holdId: string }>;

type ParcelPayCommand = PriceParcelDelivery | PriceParcelIntake | NoteSurgeClaim | HoldParcelPay | ReleaseParcelPay;

/**
 * How a parcel's pay is decided (ADR 0026), on `payparcel-<parcelId>`: the accrual reaction's
 * pricing (payees, rate card and local time resolved here, from the streams that own them), surge
 * claims, and holds placed and released by admins or, next, by disputes. The postings reach the
 * ledgers through the `pay-ledger-postings` reaction.
 */
export function parcelPayHandlings(records: PayRecords) {
  const onParcel = <C extends ParcelPayCommand>(type: C['type'], roles: string[], toDomain: (command: C, state: ParcelPay) => ParcelPayCommandOf | Promise<ParcelPayCommandOf>) =>
    handleCommand<C, ParcelPayCommandOf, ParcelPay, ParcelPayEvent>({
      type,
      decider: parcelPayDecider,
      roles,
      streamOf: (command) => payStreams.parcel(command.data.parcelId),
      toDomain,
      created: ({ data }): Record<string, string> => ('holdId' in data ? { parcelId: data.parcelId, holdId: data.holdId } : { parcelId: data.parcelId }),
    });

  return [
    onParcel<PriceParcelDelivery>('PriceParcelDelivery', ['system'], async ({ data, metadata }, state) => {
      const work = await records.parcelWork(data.parcelId, BigInt(data.sourceRevision));
      const hub = work.hubId === null ? null : await records.party(work.hubId);
      const input: PricingInput = {
        parcelId: data.parcelId,
        sourceEventId: data.sourceEventId,
        at: data.deliveredAt,
        hubId: work.hubId,
        routeId: work.routeId,
        beforeNoon: beforeNoonAt(data.deliveredAt, hub?.profile.timeZone),
        card: await records.rateCardAt(work.hubId, work.collectiveId, data.deliveredAt),
      };
      const payees: ResolvedPayee[] = [];
      const carrier = await carrierOf(records, data.deliveredBy, state, data.sourceEventId);
      if (carrier && 'payee' in carrier) payees.push(carrier);
      const coordinatorId = hub?.profile.operatingCoordinatorId;
      if (coordinatorId) payees.push({ participantId: coordinatorId, payee: { participantId: coordinatorId, as: 'coordinator' }, capacity: 'coordinator', rules: ['before-noon-bonus'] });
      const { postings, unpriced } = priceParcelEvent(input, payees);
      return priced(data, metadata.now, { postings, unpriced: carrier && 'code' in carrier ? [carrier, ...unpriced] : unpriced });
    }),
    onParcel<PriceParcelIntake>('PriceParcelIntake', ['system'], async ({ data, metadata }) => {
      const work = await records.parcelWork(data.parcelId, BigInt(data.sourceRevision));
      const hub = await records.party(data.hubId);
      const coordinatorId = hub?.profile.operatingCoordinatorId;
      const input: PricingInput = {
        parcelId: data.parcelId,
        sourceEventId: data.sourceEventId,
        at: data.receivedAt,
        hubId: data.hubId,
        routeId: null,
        beforeNoon: false,
        card: await records.rateCardAt(data.hubId, work.collectiveId, data.receivedAt),
      };
      if (!coordinatorId) return priced(data, metadata.now, { postings: [], unpriced: [] });
      return priced(
        data,
        metadata.now,
        priceParcelEvent(input, [{ participantId: coordinatorId, payee: { participantId: coordinatorId, as: 'coordinator' }, capacity: 'coordinator', rules: ['handling-fee'] }]),
      );
    }),
    handleCommand<PriceHubRetainer, PriceHubRetainerDomain, HubRetainerMonth, HubRetainerEvent>({
      type: 'PriceHubRetainer',
      decider: hubRetainerDecider,
      roles: ['system'],
      streamOf: ({ data }) => payStreams.retainer(data.hubId, payPeriodOf(data.receivedAt)),
      toDomain: async ({ data, metadata }, state) => {
        const period = payPeriodOf(data.receivedAt);
        const month = { type: 'PriceHubRetainer' as const, hubId: data.hubId, period, sourceEventId: data.sourceEventId, posting: null, pricedAt: metadata.now };
        if (state.priced) return month; // already granted this month: nothing to look up
        const [work, hub] = await Promise.all([records.parcelWork(data.parcelId, BigInt(data.sourceRevision)), records.party(data.hubId)]);
        const coordinatorId = hub?.profile.operatingCoordinatorId;
        if (!coordinatorId) return month;
        // A whole month's pay: priced by the card in effect when the month began (ADR 0026).
        const card = await records.rateCardAt(data.hubId, work.collectiveId, `${period}-01T00:00:00.000Z`);
        const input: PricingInput = { parcelId: data.parcelId, sourceEventId: data.sourceEventId, at: data.receivedAt, hubId: data.hubId, routeId: null, beforeNoon: false, card };
        return { ...month, posting: retainerPosting(input, coordinatorId) };
      },
    }),
    onParcel<NoteSurgeClaim>('NoteSurgeClaim', ['system'], ({ data }) => ({ ...data, type: 'NoteSurgeClaim' })),
    onParcel<HoldParcelPay>('HoldParcelPay', ['admin', 'system'], ({ data, metadata }) => ({ ...data, type: 'HoldParcelPay', placedBy: metadata.actor.id, placedAt: metadata.now })),
    onParcel<ReleaseParcelPay>('ReleaseParcelPay', ['admin', 'system'], ({ data, metadata }) => ({ ...data, type: 'ReleaseParcelPay', releasedBy: metadata.actor.id, releasedAt: metadata.now })),
  ];
}

const priced = (source: PricedSource, now: string, { postings, unpriced }: Pick<PriceParcelPay, 'postings' | 'unpriced'>): PriceParcelPay => ({
  type: 'PriceParcelPay',
  parcelId: source.parcelId,
  sourceEventId: source.sourceEventId,
  postings,
  unpriced,
  pricedAt: now,
});

/**
 * Who is paid for carrying the parcel: a courier by their engagement (a volunteer who claimed it
 * under a surge's first refusal is paid as a paid courier, in cash, and reported as a volunteer),
 * or a hub delivering its own parcels. A retailer handing it over itself earns nothing here.
 */
async function carrierOf(records: PayRecords, deliveredBy: { kind: string; id: string }, state: ParcelPay, sourceEventId: string): Promise<ResolvedPayee | UnpricedPay | null> {
  if (deliveredBy.kind === 'hub') return { participantId: deliveredBy.id, payee: { participantId: deliveredBy.id, as: 'hub' }, capacity: 'hub', rules: 'all' };
  if (deliveredBy.kind !== 'courier') return null;
  const courier = await records.party(deliveredBy.id);
  const engagement = courier?.profile.engagement?.kind;
  if (engagement !== 'paid' && engagement !== 'gig' && engagement !== 'volunteer') {
    const refusal = accrualErrors.payeeUnknown(deliveredBy.id, sourceEventId);
    return { participantId: deliveredBy.id, code: refusal.code, reason: refusal.message };
  }
  const claimed = engagement === 'volunteer' && state.surgeClaims[deliveredBy.id] !== undefined;
  const capacity = engagement === 'paid' ? 'paid-courier' : engagement === 'gig' ? 'gig-courier' : 'volunteer';
  return { participantId: deliveredBy.id, payee: { participantId: deliveredBy.id, as: 'courier', engagement: claimed ? 'paid' : engagement }, capacity, rules: 'all' };
}
