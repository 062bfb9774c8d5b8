import type { ParticipantProfile } from './participant-profiles';

interface Known {
  participantId: string;
  profile: ParticipantProfile;
  registeredAt: string;
}

/** A suspended participant keeps its profile; it may not take custody (see ReceiverStanding.suspended). */
export type Participant = { status: 'unregistered' } | (Known & { status: 'active' }) | (Known & { status: 'suspended'; suspension: { reason: string; suspendedAt: string } });

export type RegisteredParticipant = Exclude<Participant, { status: 'unregistered' }>;

export const initialState = (): Participant => ({ status: 'unregistered' });
