/**
 * What the pay context needs to know of a participant to price their work: a courier's engagement
 * (paid, volunteer, gig), a hub's operating coordinator and time zone. The pay context owns this
 * port; the participants context answers it (its ParticipantDirectory, bound to PAY_PARTIES by the
 * composition in libs/catalog) from the participant's own stream. The shape is the part of a
 * participant's record pay reads, so the directory answers it as it is.
 */
export interface PayPartyDirectory {
  find(participantId: string): Promise<PayPartyFacts | null>;
}

export interface PayPartyFacts {
  participantId: string;
  status: 'active' | 'suspended';
  profile: { kind: string; engagement?: { kind: string }; operatingCoordinatorId?: string; timeZone?: string };
}

export const PAY_PARTIES = Symbol('PAY_PARTIES');
