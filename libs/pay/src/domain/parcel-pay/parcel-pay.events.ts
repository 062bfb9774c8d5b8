import type { DomainEvent } from '@handoff/kernel';
import type { RecordAccruals } from '../ledger/ledger.commands';

/**
 * Stream `payparcel-<parcelId>`: the pay context's own record of one parcel. Every accrual a parcel
 * causes is priced here first, then posted to each payee's ledger in `$all` order by the
 * `pay-ledger-postings` reaction. Because a hold on the parcel is decided on this same stream, it
 * sees exactly the ledgers the parcel's pay has reached so far, and every later pricing sees the
 * hold (ADR 0026): a hold reaches every ledger holding the parcel's pay, whatever the timing.
 */
type ParcelPayFact<Type extends string, Data extends object> = DomainEvent<Type, { parcelId: string } & Data>;

/** A ledger a parcel's pay reached: a participant's month. */
export interface LedgerRef {
  participantId: string;
  period: string;
}

/** What one payee earns from one source event, ready for their ledger: RecordAccruals' data. */
export type PayPosting = Omit<RecordAccruals, 'type'>;

/** A payee the source event would have paid but could not be priced for (no rate card in effect, no rate for that work). */
export interface UnpricedPay {
  participantId: string;
  code: string;
  reason: string;
}

export interface ParcelHoldTerms {
  holdId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
}

/** One source event (a delivery, an intake at a hub) priced for every payee, with the holds on the parcel at that moment. */
export type ParcelPayPriced = ParcelPayFact<'ParcelPayPriced', { sourceEventId: string; postings: PayPosting[]; unpriced: UnpricedPay[]; activeHolds: ParcelHoldTerms[]; pricedAt: string }>;

/** Under a surge window's first refusal, a volunteer claimed this parcel's delivery: it pays them as a paid courier, in cash. */
export type ParcelSurgeClaimNoted = ParcelPayFact<'ParcelSurgeClaimNoted', { offerId: string; windowId: string; hubId: string; participantId: string; claimedAt: string }>;

/** The parcel's pay is held (a dispute): `ledgers` are those its pay had reached; pay priced later carries the hold itself. */
export type ParcelPayHoldPlaced = ParcelPayFact<'ParcelPayHoldPlaced', ParcelHoldTerms & { ledgers: LedgerRef[] }>;

/** The hold ends in every ledger its parcel's pay had reached by now. */
export type ParcelPayHoldLifted = ParcelPayFact<'ParcelPayHoldLifted', { holdId: string; releasedBy: string; releasedAt: string; ledgers: LedgerRef[] }>;

export type ParcelPayEvent = ParcelPayPriced | ParcelSurgeClaimNoted | ParcelPayHoldPlaced | ParcelPayHoldLifted;

export const parcelPayEventSchemaVersions = {
  ParcelPayPriced: 1,
  ParcelSurgeClaimNoted: 1,
  ParcelPayHoldPlaced: 1,
  ParcelPayHoldLifted: 1,
} as const satisfies Record<ParcelPayEvent['type'], number>;
