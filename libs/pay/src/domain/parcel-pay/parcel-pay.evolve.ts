import type { ParcelPayEvent } from './parcel-pay.events';
import { sameLedger, type ParcelPay } from './parcel-pay.state';

export const evolve = (state: ParcelPay, event: ParcelPayEvent): ParcelPay => {
  const parcel = { ...state, parcelId: event.data.parcelId };
  switch (event.type) {
    case 'ParcelPayPriced': {
      // Only parcel pay reaches a ledger for holds' sake: a retainer posted beside it is not this parcel's.
      const reached = event.data.postings.filter((posting) => posting.parcelId !== null).map(({ participantId, period }) => ({ participantId, period }));
      const ledgers = [...state.ledgers];
      for (const ledger of reached) if (!ledgers.some((known) => sameLedger(known, ledger))) ledgers.push(ledger);
      return { ...parcel, priced: { ...state.priced, [event.data.sourceEventId]: true }, ledgers };
    }
    case 'ParcelSurgeClaimNoted': {
      const { participantId, offerId, windowId, hubId } = event.data;
      return { ...parcel, surgeClaims: { ...state.surgeClaims, [participantId]: { offerId, windowId, hubId } } };
    }
    case 'ParcelPayHoldPlaced': {
      const { holdId, reason, placedBy, placedAt } = event.data;
      return { ...parcel, holds: { ...state.holds, [holdId]: { holdId, reason, placedBy, placedAt, active: true } } };
    }
    case 'ParcelPayHoldLifted': {
      const hold = state.holds[event.data.holdId];
      return hold ? { ...parcel, holds: { ...state.holds, [hold.holdId]: { ...hold, active: false } } } : parcel;
    }
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
