/**
 * Who may see which parcel, and whose eyes the recipient's personal data is for. Pure rules over
 * the parcel board document, so every query applies the same ones, and they are tested alone.
 *
 * - admin, insurer, auditor: every parcel (insurers and auditors replay custody chains).
 * - retailer, coordinator (as their hub), courier: the domain's rule (parcel-visibility.ts), the
 *   same one commands apply, so a parcel out of scope is "not found" to queries and commands alike.
 *
 * Recipient name, address and phone: the sending retailer, an admin, the coordinator of the hub
 * holding the parcel, and a courier only while holding it. Insurers and auditors see the chain
 * without personal data.
 */
import type { AuthenticatedActor } from '@handoff/shared/auth';
import { partySeesParcel } from '../domain/parcel/parcel-visibility';
import type { HolderKind, PartyRef } from '../domain/shared/party';
import { holderKey } from './parcel-board/parcel-board.projection';

/** The fields of a board document the rules read. */
export interface ParcelAccessFacts {
  retailerId?: string;
  destinationHubId?: string;
  currentHubId?: string | null;
  holderKey?: string | null;
  offeredToKey?: string | null;
  lastHolder?: PartyRef | null;
}

export type Viewer = Pick<AuthenticatedActor, 'role' | 'participantId' | 'hubId'>;

/** Roles that may see every parcel: nothing of a parcel's board decides what they may read. */
export function seesEveryParcel(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'insurer' || viewer.role === 'auditor';
}

export function canSeeParcel(viewer: Viewer, parcel: ParcelAccessFacts): boolean {
  if (seesEveryParcel(viewer)) return true;
  const party = partyOfViewer(viewer);
  return (
    !!party &&
    partySeesParcel(party, {
      retailerId: parcel.retailerId ?? '',
      destinationHubId: parcel.destinationHubId ?? '',
      currentHubId: parcel.currentHubId ?? null,
      holder: partyOfKey(parcel.holderKey),
      offeredTo: partyOfKey(parcel.offeredToKey),
      lastHolder: parcel.lastHolder ?? null,
    })
  );
}

/** The custody party a viewer acts as (a coordinator as their hub); none for a coordinator key without a hub. */
function partyOfViewer(viewer: Viewer): PartyRef | null {
  switch (viewer.role) {
    case 'retailer':
    case 'courier':
      return { kind: viewer.role, id: viewer.participantId };
    case 'coordinator':
      return viewer.hubId ? { kind: 'hub', id: viewer.hubId } : null;
    default:
      return null;
  }
}

/** Back from `holderKey`'s `kind:id` (kinds hold no colon; ids may). */
function partyOfKey(key: string | null | undefined): PartyRef | null {
  if (!key) return null;
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon) as HolderKind, id: key.slice(colon + 1) };
}

export function canSeeRecipient(viewer: Viewer, parcel: ParcelAccessFacts): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'retailer':
      return parcel.retailerId === viewer.participantId;
    case 'coordinator':
      return !!viewer.hubId && parcel.holderKey === holderKey({ kind: 'hub', id: viewer.hubId });
    case 'courier':
      return parcel.holderKey === holderKey({ kind: 'courier', id: viewer.participantId });
    case 'insurer':
    case 'auditor':
      return false;
    default: {
      const _never: never = viewer.role;
      return _never;
    }
  }
}

/**
 * The same scope as a MongoDB filter over the board, for list queries: what `canSeeParcel`
 * allows, so a page never holds a parcel the viewer could not open.
 */
export function visibleParcelsFilter(viewer: Viewer): Record<string, unknown> {
  switch (viewer.role) {
    case 'admin':
    case 'insurer':
    case 'auditor':
      return {};
    case 'retailer':
      return { retailerId: viewer.participantId };
    case 'coordinator':
      return viewer.hubId
        ? {
            $or: [
              { destinationHubId: viewer.hubId },
              { currentHubId: viewer.hubId },
              { holderKey: holderKey({ kind: 'hub', id: viewer.hubId }) },
              { offeredToKey: holderKey({ kind: 'hub', id: viewer.hubId }) },
            ],
          }
        : { _id: { $in: [] } };
    case 'courier': {
      const me = holderKey({ kind: 'courier', id: viewer.participantId });
      return { $or: [{ holderKey: me }, { offeredToKey: me }, { 'lastHolder.kind': 'courier', 'lastHolder.id': viewer.participantId }] };
    }
    default: {
      const _never: never = viewer.role;
      return _never;
    }
  }
}
