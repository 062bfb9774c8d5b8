/**
 * What the waivers context needs to know of a participant: whether they exist, and their kind in
 * the words waiver versions list (`participantKinds`). The waivers context owns this port; the
 * participants context answers it (its ParticipantDirectory, bound to WAIVER_SIGNERS by the
 * composition in libs/catalog), from the participant's own stream. The shape is the part of a
 * participant's record the waivers context reads, so the directory answers it as it is.
 */
export interface WaiverSignerDirectory {
  /** The participant registered under this id, or null when there is none. */
  find(participantId: string): Promise<WaiverSignerFacts | null>;
}

export interface WaiverSignerFacts {
  participantId: string;
  status: 'active' | 'suspended';
  /** A courier's engagement names their kind for waivers (`volunteer`, `paid`, `gig`); anyone else's is their participant kind. */
  profile: { kind: string; engagement?: { kind: string } };
}

export const WAIVER_SIGNERS = Symbol('WAIVER_SIGNERS');

/** The word a version's `participantKinds` would list for this participant. */
export const waiverKindOf = (participant: WaiverSignerFacts): string => participant.profile.engagement?.kind ?? participant.profile.kind;
