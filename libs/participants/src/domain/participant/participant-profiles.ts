import type { Money, PostalAddress } from '@handoff/kernel';

/** The per-cycle soft cap of a hub unless it says otherwise (from pilots: one coordinator, 55 parcels). */
export const DEFAULT_HUB_CYCLE_CAP = 55;

export type ParticipantKind = 'retailer' | 'collective' | 'hub' | 'courier' | 'coordinator';

/**
 * Set by a retailer collective when it forms. Parcels declared above the threshold, and every
 * pharmaceutical parcel, may only be carried by vetted couriers who are not volunteers.
 */
export interface CollectivePolicy {
  declaredValueThreshold: Money;
  /** Couriers must hold a valid liability waiver at the moment they take custody. */
  waiverRequired: boolean;
}

/** How a courier works for the network: paid per stop, unpaid for credits, or from a gig platform. */
export type CourierEngagement = { kind: 'paid' } | { kind: 'volunteer' } | { kind: 'gig'; platform: string };

export type VettingStatus = 'unvetted' | 'vetted';

export type { PostalAddress };

/**
 * Participants are organisations and working people, named by a display name they choose.
 * (Recipients and neighbours are not participants: their details are personal data, encrypted.)
 */
export type ParticipantProfile =
  | { kind: 'retailer'; displayName: string }
  | { kind: 'collective'; displayName: string; memberRetailerIds: string[]; policy: CollectivePolicy }
  | {
      kind: 'hub';
      displayName: string;
      address: PostalAddress;
      operatingCoordinatorId: string;
      perCycleCap: number;
      /** IANA time zone of the hub (`America/Chicago`): where "before noon" is judged. A later, optional field: absent, UTC. */
      timeZone?: string;
    }
  | { kind: 'courier'; displayName: string; engagement: CourierEngagement; vetting: VettingStatus }
  | { kind: 'coordinator'; displayName: string };

export type ProfileOf<Kind extends ParticipantKind> = Extract<ParticipantProfile, { kind: Kind }>;
