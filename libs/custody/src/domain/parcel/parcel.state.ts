import type { PartyRef } from '../shared/party';
import type { ConditionReport, ParcelCondition, ParcelDelivered, ParcelRegistered } from './parcel.events';

export type ParcelFacts = Omit<ParcelRegistered['data'], 'parcelId'> & { parcelId: string };

/** A handoff that is over, kept so that a repeated accept/decline/withdraw is recognised. */
export interface SettledHandoff {
  handoffId: string;
  from: PartyRef;
  to: PartyRef;
  outcome: 'accepted' | 'declined' | 'withdrawn';
  /** What an acceptance recorded, so that a re-sent accept saying something else is refused, not ignored. */
  acceptance?: { condition: ConditionReport; evidence: string[] };
}

/** What every registered parcel remembers, in whatever status. */
interface ParcelMemory extends ParcelFacts {
  condition: ParcelCondition;
  settledHandoffs: SettledHandoff[];
  attemptIds: string[];
  reportIds: string[];
  /** The last hub that took the parcel in (intake or return to depot): part of who may see it. */
  currentHubId: string | null;
  /** The latest time of any fact recorded: no later fact may be dated before it (ADR 0008). */
  lastFactAt: string;
}

export interface OpenOffer {
  handoffId: string;
  from: PartyRef;
  to: PartyRef;
  offeredAt: string;
}

/** Live statuses follow from the kind of party holding the parcel. */
export type LiveStatus = 'registered' | 'at-hub' | 'with-courier' | 'with-neighbour';

export interface LiveParcel extends ParcelMemory {
  status: LiveStatus;
  holder: PartyRef;
  /** When the holder took custody: what the "held longer than 24 hours" flag is measured from. */
  heldSince: string;
  openOffer: OpenOffer | null;
  sorting: { hubId: string; toteId: string; routeId: string } | null;
  /** Set by a "return to depot on" card; cleared when the parcel is back at a hub. */
  returnToDepotOn: string | null;
}

/** After delivery, return to sender or loss nothing moves; only reports (and disputes) follow. */
interface ClosedParcel extends ParcelMemory {
  lastHolder: PartyRef;
  closedAt: string;
}

export interface DeliveredParcel extends ClosedParcel {
  status: 'delivered';
  delivery: ParcelDelivered['data'];
}

export interface ReturnedToSenderParcel extends ClosedParcel {
  status: 'returned-to-sender';
}

export interface LostParcel extends ClosedParcel {
  status: 'lost';
  loss: 'lost' | 'stolen';
}

export type Parcel = { status: 'unregistered' } | LiveParcel | DeliveredParcel | ReturnedToSenderParcel | LostParcel;

export type RegisteredParcel = Exclude<Parcel, { status: 'unregistered' }>;

export const initialState = (): Parcel => ({ status: 'unregistered' });

export const isLive = (parcel: Parcel): parcel is LiveParcel => {
  switch (parcel.status) {
    case 'registered':
    case 'at-hub':
    case 'with-courier':
    case 'with-neighbour':
      return true;
    case 'unregistered':
    case 'delivered':
    case 'returned-to-sender':
    case 'lost':
      return false;
    default: {
      const _never: never = parcel;
      return _never;
    }
  }
};

export const liveStatusFor = (holder: PartyRef): LiveStatus => {
  switch (holder.kind) {
    case 'retailer':
      return 'registered';
    case 'hub':
      return 'at-hub';
    case 'courier':
      return 'with-courier';
    case 'neighbour':
      return 'with-neighbour';
    default: {
      const _never: never = holder.kind;
      return _never;
    }
  }
};
