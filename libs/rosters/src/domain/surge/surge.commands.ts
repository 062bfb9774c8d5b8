import type { HubActor, HubStanding } from '../shared/hub-authority';

/** The volunteer who sorts a block now, from the hub's roster (roster.state.ts `sortersOf`), resolved at the edge; null: nobody does. */
export interface BlockSorter {
  participantId: string;
  shiftId: string;
}

/** Commands a hub's coordinator (or an admin) issues on a window. */
interface HubSurgeCommand {
  windowId: string;
  actor: HubActor;
  /** The window's hub as it is now (for a declaration, the hub it names). */
  hub: HubStanding | null;
  /** The server's clock. */
  now: string;
}

export interface DeclareSurgeWindow extends HubSurgeCommand {
  type: 'DeclareSurgeWindow';
  hubId: string;
  from: string;
  until: string;
  offerLimitPerBlock: number;
  offerLapseMs: number;
}

export interface OfferSurgeDelivery extends HubSurgeCommand {
  type: 'OfferSurgeDelivery';
  offerId: string;
  blockId: string;
  parcelId: string;
  sorter: BlockSorter | null;
}

export interface ReleaseSurgeDeliveryToGig extends HubSurgeCommand {
  type: 'ReleaseSurgeDeliveryToGig';
  blockId: string;
  parcelId: string;
  /** Only read when the parcel was never offered: whether someone sorts its block now. */
  sorter: BlockSorter | null;
}

/** Records every lapse due by `now` (a sweep; any other accepted command on the window does it too). */
export interface RecordSurgeLapses extends HubSurgeCommand {
  type: 'RecordSurgeLapses';
}

/** Claims and declines are the volunteer's own: `participantId` is the caller. */
interface VolunteerSurgeCommand {
  windowId: string;
  offerId: string;
  participantId: string;
  participantSuspended: boolean;
  now: string;
}

export interface ClaimSurgeOffer extends VolunteerSurgeCommand {
  type: 'ClaimSurgeOffer';
}

export interface DeclineSurgeOffer extends VolunteerSurgeCommand {
  type: 'DeclineSurgeOffer';
}

export type SurgeCommand = DeclareSurgeWindow | OfferSurgeDelivery | ReleaseSurgeDeliveryToGig | RecordSurgeLapses | ClaimSurgeOffer | DeclineSurgeOffer;
