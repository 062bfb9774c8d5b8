import { sameParty, type PartyRef } from '../shared/party';
import { isLive, type RegisteredParcel } from './parcel.state';

/**
 * Which parcels a party may know of: one rule for commands (the decider) and queries
 * (read-models/parcel-access.ts). A parcel outside a party's scope answers exactly as an unknown
 * one does, on both sides, so an id cannot be probed for its existence or its holder.
 *
 * - a retailer: the parcels it registered;
 * - a hub (its coordinator): parcels destined to it, taken in by it last, held by it or offered to it;
 * - a courier: parcels they hold, are offered, or held last (a closed delivery of theirs);
 * - a neighbour (who has no API key; the domain still allows them to hand over): what they hold or held last.
 * Admins, insurers and auditors see every parcel; they act on none.
 */
export interface ParcelScope {
  retailerId: string;
  destinationHubId: string;
  /** The last hub that took the parcel in (an intake or a return to depot), if any. */
  currentHubId: string | null;
  holder: PartyRef | null;
  offeredTo: PartyRef | null;
  /** Who held it when custody ended (delivered, returned to sender, lost). */
  lastHolder: PartyRef | null;
}

export function partySeesParcel(party: PartyRef, parcel: ParcelScope): boolean {
  switch (party.kind) {
    case 'retailer':
      return parcel.retailerId === party.id;
    case 'hub':
      return parcel.destinationHubId === party.id || parcel.currentHubId === party.id || sameParty(parcel.holder, party) || sameParty(parcel.offeredTo, party);
    case 'courier':
      return sameParty(parcel.holder, party) || sameParty(parcel.offeredTo, party) || sameParty(parcel.lastHolder, party);
    case 'neighbour':
      return sameParty(parcel.holder, party) || sameParty(parcel.lastHolder, party);
    default: {
      const _never: never = party.kind;
      return _never;
    }
  }
}

export function scopeOf(parcel: RegisteredParcel): ParcelScope {
  const { retailerId, destinationHubId, currentHubId } = parcel;
  if (isLive(parcel)) return { retailerId, destinationHubId, currentHubId, holder: parcel.holder, offeredTo: parcel.openOffer?.to ?? null, lastHolder: null };
  return { retailerId, destinationHubId, currentHubId, holder: null, offeredTo: null, lastHolder: parcel.lastHolder };
}
