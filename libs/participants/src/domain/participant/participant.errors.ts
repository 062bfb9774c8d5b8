import { refusalsOf } from '@handoff/kernel';
import type { ParticipantKind } from './participant-profiles';

export const participantErrorKinds = {
  'PARTICIPANT.NOT_FOUND': 'not-found',
  'PARTICIPANT.ALREADY_REGISTERED': 'conflict',
  'PARTICIPANT.WRONG_KIND': 'rule-broken',
  'PARTICIPANT.INVALID_DETAILS': 'rule-broken',
  'PARTICIPANT.COLLECTIVE_NEEDS_A_MEMBER': 'rule-broken',
} as const;

export type ParticipantErrorCode = keyof typeof participantErrorKinds;

const refuse = refusalsOf<ParticipantErrorCode>(participantErrorKinds);

export const participantErrors = {
  notFound: (participantId: string) => refuse('PARTICIPANT.NOT_FOUND', `There is no participant ${participantId}.`, { participantId }),
  alreadyRegistered: (participantId: string) => refuse('PARTICIPANT.ALREADY_REGISTERED', `Participant ${participantId} is already registered with different details.`, { participantId }),
  wrongKind: (participantId: string, actual: ParticipantKind, expected: ParticipantKind) =>
    refuse('PARTICIPANT.WRONG_KIND', `Participant ${participantId} is a ${actual}, and only a ${expected} can be changed this way.`, {
      participantId,
      actual,
      expected,
    }),
  invalidDetails: (participantId: string, field: string, why: string) => refuse('PARTICIPANT.INVALID_DETAILS', `Participant ${participantId}: ${field} ${why}.`, { participantId, field }),
  collectiveNeedsAMember: (participantId: string, retailerId: string) =>
    refuse('PARTICIPANT.COLLECTIVE_NEEDS_A_MEMBER', `Retailer ${retailerId} is the last member of collective ${participantId} and cannot leave it.`, {
      participantId,
      retailerId,
    }),
};
