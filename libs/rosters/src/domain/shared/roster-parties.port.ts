/**
 * What the rosters context needs to know of a participant: whether they exist and are suspended,
 * their kind, a courier's engagement, and a hub's coordinator. The rosters context owns this port;
 * the participants context answers it (its ParticipantDirectory, bound to ROSTER_PARTIES in
 * libs/catalog) from the participant's own stream, so a command never races a read model.
 */
export interface RosterPartyDirectory {
  /** The participant registered under this id, or null when there is none. */
  find(participantId: string): Promise<RosterPartyFacts | null>;
}

export interface RosterPartyFacts {
  participantId: string;
  status: 'active' | 'suspended';
  profile: { kind: string; engagement?: { kind: string }; operatingCoordinatorId?: string };
}

export const ROSTER_PARTIES = Symbol('ROSTER_PARTIES');
