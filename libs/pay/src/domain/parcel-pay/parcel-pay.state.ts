import type { LedgerRef, ParcelHoldTerms } from './parcel-pay.events';

export interface ParcelPayHold extends ParcelHoldTerms {
  active: boolean;
}

export interface ParcelPay {
  parcelId: string | null;
  /** Source events already priced: each is priced once. */
  priced: Readonly<Record<string, true>>;
  /** Every ledger the parcel's pay has reached, in the order reached. */
  ledgers: readonly LedgerRef[];
  holds: Readonly<Record<string, ParcelPayHold>>;
  /** Surge claims by participant: their delivery of this parcel pays cash. */
  surgeClaims: Readonly<Record<string, { offerId: string; windowId: string; hubId: string }>>;
}

export const initialState = (): ParcelPay => ({ parcelId: null, priced: {}, ledgers: [], holds: {}, surgeClaims: {} });

export const activeHoldsOf = (state: ParcelPay): ParcelHoldTerms[] =>
  Object.values(state.holds)
    .filter((hold) => hold.active)
    .map(({ holdId, reason, placedBy, placedAt }) => ({ holdId, reason, placedBy, placedAt }));

export const sameLedger = (a: LedgerRef, b: LedgerRef): boolean => a.participantId === b.participantId && a.period === b.period;
