import type { ParcelHoldTerms, PayPosting, UnpricedPay } from './parcel-pay.events';

interface ParcelPayCommand<Type extends string> {
  type: Type;
  parcelId: string;
}

/** The postings the edge priced for one source event (rate card, payees and local time resolved there). */
export interface PriceParcelPay extends ParcelPayCommand<'PriceParcelPay'> {
  sourceEventId: string;
  postings: PayPosting[];
  unpriced: UnpricedPay[];
  pricedAt: string;
}

export interface NoteSurgeClaim extends ParcelPayCommand<'NoteSurgeClaim'> {
  offerId: string;
  windowId: string;
  hubId: string;
  participantId: string;
  claimedAt: string;
}

export type HoldParcelPay = ParcelPayCommand<'HoldParcelPay'> & ParcelHoldTerms;

export interface ReleaseParcelPay extends ParcelPayCommand<'ReleaseParcelPay'> {
  holdId: string;
  releasedBy: string;
  releasedAt: string;
}

export type ParcelPayCommandOf = PriceParcelPay | NoteSurgeClaim | HoldParcelPay | ReleaseParcelPay;
