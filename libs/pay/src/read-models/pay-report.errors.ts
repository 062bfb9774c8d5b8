import { refusalsOf } from '@handoff/kernel';

/**
 * Refusals of the pay read side. Each is decided from the caller's key alone, before anything is
 * read, so an answer tells nothing of other participants or hubs.
 */
export const payReportErrorKinds = {
  'PAY_REPORT.NOT_OWN_LEDGER': 'forbidden',
  'PAY_REPORT.OTHER_HUB': 'forbidden',
  'PAY_REPORT.NO_STATEMENT': 'not-found',
} as const;

export type PayReportErrorCode = keyof typeof payReportErrorKinds;

const refuse = refusalsOf<PayReportErrorCode>(payReportErrorKinds);

export const payReportErrors = {
  notOwnLedger: (participantId: string, actorId: string, role: string) =>
    refuse('PAY_REPORT.NOT_OWN_LEDGER', `A ${role} reads only their own pay; ${actorId} may not read participant ${participantId}'s.`, { participantId, actorId }),
  otherHub: (hubId: string, actorHubId: string | undefined) =>
    refuse('PAY_REPORT.OTHER_HUB', `A coordinator reads only the pay reports of their own hub (${actorHubId ?? 'none on this key'}), not hub ${hubId}'s.`, { hubId, actorHubId: actorHubId ?? null }),
  noStatement: (participantId: string, period: string) => refuse('PAY_REPORT.NO_STATEMENT', `Participant ${participantId} has no pay recorded for ${period}.`, { participantId, period }),
};
