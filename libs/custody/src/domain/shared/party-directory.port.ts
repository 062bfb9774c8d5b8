import type { Money } from '@handoff/kernel';

/**
 * What custody needs to know about the network's participants, in custody's words: who a party is,
 * whether it is suspended, a hub's coordinator and cycle cap, a collective's members and policy, a
 * courier's engagement and vetting. Custody owns this port; the participants context answers it,
 * and whoever composes the two binds PARTY_DIRECTORY (libs/catalog). Every answer is a read of the
 * participant's own stream: no read model sits between a command and the facts it is judged on.
 * `decide` never calls the port: the edge asks it and puts the answer on the command.
 */
export interface PartyDirectory {
  /** The participant registered under this id, or null when there is none. */
  find(participantId: string): Promise<PartyFacts | null>;
  /** The participant, which must exist (else PARTICIPANT.NOT_FOUND, 404) and be of this kind (else PARTICIPANT.WRONG_KIND, 422). */
  require<Kind extends PartyKind>(participantId: string, kind: Kind): Promise<PartyFacts & { profile: PartyProfileOf<Kind> }>;
}

export const PARTY_DIRECTORY = Symbol('PARTY_DIRECTORY');

export type PartyKind = 'retailer' | 'collective' | 'hub' | 'courier' | 'coordinator';

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
export type CourierEngagementKind = 'paid' | 'volunteer' | 'gig';

/** The part of a participant's profile custody's rules read (the participants context keeps more). */
export type PartyProfile =
  | { kind: 'retailer' }
  | { kind: 'coordinator' }
  | { kind: 'collective'; memberRetailerIds: readonly string[]; policy: CollectivePolicy }
  | { kind: 'hub'; operatingCoordinatorId: string; perCycleCap: number }
  | { kind: 'courier'; engagement: { kind: CourierEngagementKind }; vetting: 'unvetted' | 'vetted' };

export type PartyProfileOf<Kind extends PartyKind> = Extract<PartyProfile, { kind: Kind }>;

export interface PartyFacts {
  participantId: string;
  /** A suspended participant may not take custody, nor act but to hand a parcel back. */
  status: 'active' | 'suspended';
  profile: PartyProfile;
}
