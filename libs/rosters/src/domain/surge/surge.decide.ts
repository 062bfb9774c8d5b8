import { assertActsForHub } from '../shared/hub-authority';
import { isId, isInstant, isWord, msOf, normalised, plusMs } from '../shared/instants';
import { rosterErrors } from '../shared/roster.errors';
import type { ClaimSurgeOffer, DeclareSurgeWindow, DeclineSurgeOffer, OfferSurgeDelivery, ReleaseSurgeDeliveryToGig, SurgeCommand } from './surge.commands';
import type { SurgeEvent, SurgeOfferLapsed } from './surge.events';
import { offersInBlock, type SurgeOffer, type SurgeWindow } from './surge.state';

type Declared = Extract<SurgeWindow, { status: 'declared' }>;

const MAX_WINDOW_MS = 7 * 86_400_000;
export const MAX_OFFER_LIMIT = 50;
export const MIN_OFFER_LAPSE_MS = 60_000;
export const MAX_OFFER_LAPSE_MS = 24 * 3_600_000;

/**
 * Surge first refusal (ADR 0028): during a declared window, a block's paid deliveries are offered
 * first to the volunteer who sorts it, up to the window's limit per block; each offer is claimed,
 * declined or lapses, and only then (or when the block had no sorter or no offers left) may the
 * delivery go to gig drivers. Lapses are judged on the command's clock: every accepted command on
 * the window first records the lapses due by its time, so each is recorded once, in time order.
 */
export const decide = (command: SurgeCommand, state: SurgeWindow): SurgeEvent[] => {
  switch (command.type) {
    case 'DeclareSurgeWindow':
      return declare(command, state);
    case 'OfferSurgeDelivery':
      return offer(command, declaredForHub(command, state));
    case 'ReleaseSurgeDeliveryToGig':
      return release(command, declaredForHub(command, state));
    case 'RecordSurgeLapses':
      return dueLapses(declaredForHub(command, state), command.now);
    case 'ClaimSurgeOffer':
      return claim(command, state);
    case 'DeclineSurgeOffer':
      return decline(command, state);
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

function declare(command: DeclareSurgeWindow, state: SurgeWindow): SurgeEvent[] {
  const { windowId, hubId, now, offerLimitPerBlock, offerLapseMs } = command;
  assertActsForHub(command.actor, hubId, command.hub);
  const subject = `Surge window ${windowId}`;
  const invalid = (field: string, why: string) => rosterErrors.surgeInvalidDetails(subject, field, why);
  if (!isId(windowId)) throw invalid('windowId', 'must not be empty');
  if (!isInstant(command.from)) throw invalid('from', 'must be a UTC ISO-8601 instant');
  if (!isInstant(command.until)) throw invalid('until', 'must be a UTC ISO-8601 instant');
  const from = normalised(command.from);
  const until = normalised(command.until);
  if (msOf(until) <= msOf(from) || msOf(until) - msOf(from) > MAX_WINDOW_MS) throw invalid('until', 'must be after from, at most 7 days later');
  if (!Number.isSafeInteger(offerLimitPerBlock) || offerLimitPerBlock < 1 || offerLimitPerBlock > MAX_OFFER_LIMIT)
    throw invalid('offerLimitPerBlock', `must be a whole number from 1 to ${MAX_OFFER_LIMIT}`);
  if (!Number.isSafeInteger(offerLapseMs) || offerLapseMs < MIN_OFFER_LAPSE_MS || offerLapseMs > MAX_OFFER_LAPSE_MS) throw invalid('offerLapseMs', 'must be from 1 minute to 24 hours');
  if (state.status === 'declared') {
    const same = state.hubId === hubId && state.from === from && state.until === until && state.offerLimitPerBlock === offerLimitPerBlock && state.offerLapseMs === offerLapseMs;
    if (same) return [];
    throw rosterErrors.windowAlreadyDeclared(windowId);
  }
  if (msOf(until) <= msOf(now)) throw invalid('until', 'must be in the future');
  return [{ type: 'SurgeWindowDeclared', data: { windowId, hubId, from, until, offerLimitPerBlock, offerLapseMs, declaredBy: command.actor.id, declaredAt: normalised(now) } }];
}

function offer(command: OfferSurgeDelivery, window: Declared): SurgeEvent[] {
  const { windowId, offerId, blockId, parcelId, now } = command;
  const subject = `Surge offer ${offerId}`;
  if (!isId(offerId)) throw rosterErrors.surgeInvalidDetails('Surge offer', 'offerId', 'must not be empty');
  if (!isWord(blockId)) throw rosterErrors.surgeInvalidDetails(subject, 'blockId', 'must be a lowercase word');
  if (!isId(parcelId)) throw rosterErrors.surgeInvalidDetails(subject, 'parcelId', 'must not be empty');
  const existing = window.offers[window.offerOfParcel[parcelId] ?? offerId];
  if (existing) {
    if (existing.offerId === offerId && existing.parcelId === parcelId && existing.blockId === blockId) return [];
    throw existing.parcelId === parcelId
      ? rosterErrors.parcelAlreadyOffered(windowId, parcelId, existing.offerId)
      : rosterErrors.surgeInvalidDetails(subject, 'offerId', 'is already used for another parcel');
  }
  if (window.releasedToGig[parcelId]) throw rosterErrors.parcelAlreadyReleased(windowId, parcelId);
  assertOpen(window, now);
  if (!command.sorter) throw rosterErrors.noSorter(windowId, blockId);
  const made = offersInBlock(window, blockId);
  if (made >= window.offerLimitPerBlock) throw rosterErrors.offerLimitReached(windowId, blockId, window.offerLimitPerBlock);
  const offeredAt = normalised(now);
  return [
    ...dueLapses(window, now),
    {
      type: 'SurgeDeliveryOffered',
      data: {
        offerId,
        windowId,
        hubId: window.hubId,
        blockId,
        parcelId,
        participantId: command.sorter.participantId,
        sorterShiftId: command.sorter.shiftId,
        offerNumber: made + 1,
        offeredBy: command.actor.id,
        offeredAt,
        lapsesAt: plusMs(offeredAt, window.offerLapseMs),
      },
    },
  ];
}

function release(command: ReleaseSurgeDeliveryToGig, window: Declared): SurgeEvent[] {
  const { windowId, blockId, parcelId, now } = command;
  if (!isWord(blockId)) throw rosterErrors.surgeInvalidDetails(`Parcel ${parcelId}`, 'blockId', 'must be a lowercase word');
  if (!isId(parcelId)) throw rosterErrors.surgeInvalidDetails('Gig release', 'parcelId', 'must not be empty');
  if (window.releasedToGig[parcelId]) return [];
  const lapses = dueLapses(window, now);
  const released = (offerId: string | null, reason: 'declined' | 'lapsed' | 'limit-reached' | 'no-sorter'): SurgeEvent[] => [
    ...lapses,
    { type: 'SurgeDeliveryReleasedToGig', data: { windowId, hubId: window.hubId, blockId, parcelId, offerId, reason, releasedBy: command.actor.id, releasedAt: normalised(now) } },
  ];
  const offerId = window.offerOfParcel[parcelId];
  if (offerId) {
    const offered = window.offers[offerId]!;
    if (offered.blockId !== blockId) throw rosterErrors.surgeInvalidDetails(`Parcel ${parcelId}`, 'blockId', `must be ${offered.blockId}, the block it was offered in`);
    if (offered.outcome === 'claimed') throw rosterErrors.offerClaimed(windowId, offerId);
    if (offered.outcome === 'declined') return released(offerId, 'declined');
    if (offered.outcome === 'lapsed' || lapses.some((lapse) => lapse.data.offerId === offerId)) return released(offerId, 'lapsed');
    throw rosterErrors.firstRefusalPending(windowId, parcelId, offered.lapsesAt);
  }
  assertOpen(window, now);
  if (!command.sorter) return released(null, 'no-sorter');
  if (offersInBlock(window, blockId) >= window.offerLimitPerBlock) return released(null, 'limit-reached');
  throw rosterErrors.firstRefusalRequired(windowId, parcelId, blockId);
}

function claim(command: ClaimSurgeOffer, state: SurgeWindow): SurgeEvent[] {
  const { offer, window } = ownOffer(command, state);
  if (offer.outcome === 'claimed') return [];
  assertStillOpen(window, offer, command.now);
  return [...dueLapses(window, command.now), { type: 'SurgeDeliveryClaimed', data: { ...offerFacts(window, offer), claimedAt: normalised(command.now) } }];
}

function decline(command: DeclineSurgeOffer, state: SurgeWindow): SurgeEvent[] {
  const { offer, window } = ownOffer(command, state);
  if (offer.outcome === 'declined') return [];
  assertStillOpen(window, offer, command.now);
  return [
    ...dueLapses(window, command.now),
    {
      type: 'SurgeOfferDeclined',
      data: {
        offerId: offer.offerId,
        windowId: window.windowId,
        hubId: window.hubId,
        blockId: offer.blockId,
        parcelId: offer.parcelId,
        participantId: offer.participantId,
        declinedAt: normalised(command.now),
      },
    },
  ];
}

/** Offers still open whose time is up by `now` (at `lapsesAt` exactly, the offer has lapsed), in the order they lapsed. */
export function dueLapses(window: Declared, now: string): SurgeOfferLapsed[] {
  return Object.values(window.offers)
    .filter((offer) => offer.outcome === 'open' && msOf(offer.lapsesAt) <= msOf(now))
    .sort((a, b) => msOf(a.lapsesAt) - msOf(b.lapsesAt) || (a.offerId < b.offerId ? -1 : 1))
    .map((offer) => ({ type: 'SurgeOfferLapsed', data: { ...offerFacts(window, offer), lapsedAt: offer.lapsesAt, recordedAt: normalised(now) } }));
}

/** What every fact about an offer names: the offer, its window and hub, the block, the parcel and the volunteer. */
function offerFacts(window: Declared, offer: SurgeOffer) {
  return { offerId: offer.offerId, windowId: window.windowId, hubId: window.hubId, blockId: offer.blockId, parcelId: offer.parcelId, participantId: offer.participantId };
}

function declaredForHub(command: Exclude<SurgeCommand, DeclareSurgeWindow | ClaimSurgeOffer | DeclineSurgeOffer>, state: SurgeWindow): Declared {
  if (state.status !== 'declared') throw rosterErrors.windowNotFound(command.windowId);
  assertActsForHub(command.actor, state.hubId, command.hub);
  return state;
}

/** The caller's own offer; anyone else's is answered as an unknown one. */
function ownOffer(command: ClaimSurgeOffer | DeclineSurgeOffer, state: SurgeWindow): { offer: SurgeOffer; window: Declared } {
  if (state.status !== 'declared') throw rosterErrors.windowNotFound(command.windowId);
  const offer = state.offers[command.offerId];
  if (!offer || offer.participantId !== command.participantId) throw rosterErrors.offerNotFound(command.windowId, command.offerId);
  if (command.participantSuspended) throw rosterErrors.surgeParticipantSuspended(command.participantId);
  return { offer, window: state };
}

function assertStillOpen(window: Declared, offer: SurgeOffer, now: string): void {
  if (offer.outcome === 'claimed') throw rosterErrors.offerClaimed(window.windowId, offer.offerId);
  if (offer.outcome === 'declined') throw rosterErrors.offerDeclined(window.windowId, offer.offerId);
  // Lapsed by the clock even when no command has recorded it yet: the lapse is then recorded by the next accepted command.
  if (offer.outcome === 'lapsed' || msOf(offer.lapsesAt) <= msOf(now)) throw rosterErrors.offerLapsed(window.windowId, offer.offerId, offer.lapsesAt);
}

function assertOpen(window: Declared, now: string): void {
  if (msOf(now) < msOf(window.from) || msOf(now) >= msOf(window.until)) throw rosterErrors.windowNotOpen(window.windowId, normalised(now), window.from, window.until);
}
