import type { SurgeEvent } from './surge.events';
import type { SurgeOffer, SurgeWindow } from './surge.state';

const withOutcome = (state: SurgeWindow, offerId: string, outcome: SurgeOffer['outcome']): SurgeWindow => {
  if (state.status !== 'declared' || !state.offers[offerId]) return state;
  return { ...state, offers: { ...state.offers, [offerId]: { ...state.offers[offerId], outcome } } };
};

export const evolve = (state: SurgeWindow, event: SurgeEvent): SurgeWindow => {
  switch (event.type) {
    case 'SurgeWindowDeclared': {
      const { windowId, hubId, from, until, offerLimitPerBlock, offerLapseMs } = event.data;
      return { status: 'declared', windowId, hubId, from, until, offerLimitPerBlock, offerLapseMs, offers: {}, offerOfParcel: {}, releasedToGig: {} };
    }
    case 'SurgeDeliveryOffered': {
      if (state.status !== 'declared') return state;
      const { offerId, blockId, parcelId, participantId, offeredAt, lapsesAt } = event.data;
      return {
        ...state,
        offers: { ...state.offers, [offerId]: { offerId, blockId, parcelId, participantId, offeredAt, lapsesAt, outcome: 'open' } },
        offerOfParcel: { ...state.offerOfParcel, [parcelId]: offerId },
      };
    }
    case 'SurgeDeliveryClaimed':
      return withOutcome(state, event.data.offerId, 'claimed');
    case 'SurgeOfferDeclined':
      return withOutcome(state, event.data.offerId, 'declined');
    case 'SurgeOfferLapsed':
      return withOutcome(state, event.data.offerId, 'lapsed');
    case 'SurgeDeliveryReleasedToGig':
      if (state.status !== 'declared') return state;
      return { ...state, releasedToGig: { ...state.releasedToGig, [event.data.parcelId]: event.data.reason } };
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
