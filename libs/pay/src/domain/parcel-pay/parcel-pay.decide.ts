import { isPayId } from '../shared/ids';
import { isUtcInstant } from '../shared/time';
import type { HoldParcelPay, NoteSurgeClaim, ParcelPayCommandOf, PriceParcelPay, ReleaseParcelPay } from './parcel-pay.commands';
import { parcelPayErrors } from './parcel-pay.errors';
import type { ParcelPayEvent } from './parcel-pay.events';
import { activeHoldsOf, type ParcelPay } from './parcel-pay.state';

/** A parcel's pay: priced once per source event, held and released as a whole, wherever it went. */
export const decide = (command: ParcelPayCommandOf, state: ParcelPay): ParcelPayEvent[] => {
  requireId(command.parcelId, 'parcelId', command.parcelId);
  if (state.parcelId !== null && state.parcelId !== command.parcelId) throw parcelPayErrors.invalid(command.parcelId, 'stream', `is parcel ${state.parcelId}'s, not this one`);
  switch (command.type) {
    case 'PriceParcelPay':
      return price(command, state);
    case 'NoteSurgeClaim':
      return noteSurgeClaim(command, state);
    case 'HoldParcelPay':
      return hold(command, state);
    case 'ReleaseParcelPay':
      return release(command, state);
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

function price(command: PriceParcelPay, state: ParcelPay): ParcelPayEvent[] {
  const { parcelId, sourceEventId, postings, unpriced, pricedAt } = command;
  if (state.priced[sourceEventId]) return [];
  requireId(parcelId, 'sourceEventId', sourceEventId);
  requireInstant(parcelId, 'pricedAt', pricedAt);
  postings.forEach((posting, index) => {
    if (posting.parcelId !== null && posting.parcelId !== parcelId) throw parcelPayErrors.invalid(parcelId, `postings[${index}].parcelId`, `must be ${parcelId} or none`);
    if (posting.lines.length === 0) throw parcelPayErrors.invalid(parcelId, `postings[${index}].lines`, 'must hold at least one line');
  });
  if (postings.length === 0 && unpriced.length === 0) return [];
  return [{ type: 'ParcelPayPriced', data: { parcelId, sourceEventId, postings, unpriced, activeHolds: activeHoldsOf(state), pricedAt } }];
}

function noteSurgeClaim(command: NoteSurgeClaim, state: ParcelPay): ParcelPayEvent[] {
  const { parcelId, offerId, windowId, hubId, participantId, claimedAt } = command;
  if (state.surgeClaims[participantId]?.offerId === offerId) return [];
  for (const [field, value] of Object.entries({ offerId, windowId, hubId, participantId })) requireId(parcelId, field, value);
  requireInstant(parcelId, 'claimedAt', claimedAt);
  return [{ type: 'ParcelSurgeClaimNoted', data: { parcelId, offerId, windowId, hubId, participantId, claimedAt } }];
}

function hold(command: HoldParcelPay, state: ParcelPay): ParcelPayEvent[] {
  const { parcelId, holdId, reason, placedBy, placedAt } = command;
  const existing = state.holds[holdId];
  if (existing) {
    if (existing.reason === reason) return [];
    throw parcelPayErrors.holdExists(parcelId, holdId);
  }
  requireId(parcelId, 'holdId', holdId);
  requireId(parcelId, 'placedBy', placedBy);
  requireInstant(parcelId, 'placedAt', placedAt);
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > 500) throw parcelPayErrors.invalid(parcelId, 'reason', 'must be a sentence of 1 to 500 characters');
  return [{ type: 'ParcelPayHoldPlaced', data: { parcelId, holdId, reason, placedBy, placedAt, ledgers: [...state.ledgers] } }];
}

function release(command: ReleaseParcelPay, state: ParcelPay): ParcelPayEvent[] {
  const { parcelId, holdId, releasedBy, releasedAt } = command;
  const existing = state.holds[holdId];
  if (!existing) throw parcelPayErrors.holdNotFound(parcelId, holdId);
  if (!existing.active) return [];
  requireId(parcelId, 'releasedBy', releasedBy);
  requireInstant(parcelId, 'releasedAt', releasedAt);
  return [{ type: 'ParcelPayHoldLifted', data: { parcelId, holdId, releasedBy, releasedAt, ledgers: [...state.ledgers] } }];
}

function requireId(parcelId: string, field: string, value: unknown): void {
  if (!isPayId(value)) throw parcelPayErrors.invalid(String(parcelId), field, 'must be an id');
}

function requireInstant(parcelId: string, field: string, value: unknown): void {
  if (!isUtcInstant(value)) throw parcelPayErrors.invalid(parcelId, field, 'must be a UTC ISO-8601 instant');
}
