import type { GigReleaseReason } from './surge.events';

export interface SurgeOffer {
  offerId: string;
  blockId: string;
  parcelId: string;
  participantId: string;
  offeredAt: string;
  lapsesAt: string;
  outcome: 'open' | 'claimed' | 'declined' | 'lapsed';
}

export interface SurgeWindowTerms {
  windowId: string;
  hubId: string;
  from: string;
  until: string;
  offerLimitPerBlock: number;
  offerLapseMs: number;
}

export type SurgeWindow =
  { status: 'undeclared' } | (SurgeWindowTerms & { status: 'declared'; offers: Record<string, SurgeOffer>; offerOfParcel: Record<string, string>; releasedToGig: Record<string, GigReleaseReason> });

export const initialState = (): SurgeWindow => ({ status: 'undeclared' });

/** First-refusal offers made in a block so far, whatever became of them: each one is a first refusal given. */
export const offersInBlock = (window: Extract<SurgeWindow, { status: 'declared' }>, blockId: string): number => Object.values(window.offers).filter((offer) => offer.blockId === blockId).length;
