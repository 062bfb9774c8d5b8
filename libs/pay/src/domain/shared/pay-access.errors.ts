import { refusalsOf } from '@handoff/kernel';

/** Who may act on which pay records: refused at the edge, before anything of the record is read. */
export const payAccessErrorKinds = {
  'PAY.NOT_HUB_COORDINATOR': 'forbidden',
  'PAY.NOT_OWN_LEDGER': 'forbidden',
} as const;

export type PayAccessErrorCode = keyof typeof payAccessErrorKinds;

const refuse = refusalsOf<PayAccessErrorCode>(payAccessErrorKinds);

export const payAccessErrors = {
  notHubCoordinator: (hubId: string, actorId: string) =>
    refuse('PAY.NOT_HUB_COORDINATOR', `${actorId} is not the operating coordinator of hub ${hubId}; only they or an admin publish its rate card.`, { hubId, actorId }),
  notOwnLedger: (participantId: string, actorId: string) => refuse('PAY.NOT_OWN_LEDGER', `${actorId} may read only their own pay, not ${participantId}'s.`, { participantId, actorId }),
};
