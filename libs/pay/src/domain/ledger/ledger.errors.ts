import { refusalsOf } from '@handoff/kernel';

export const ledgerErrorKinds = {
  'PAY.ACCRUAL_NOT_FOUND': 'not-found',
  'PAY.HOLD_NOT_FOUND': 'not-found',
  'PAY.STATEMENT_NOT_FOUND': 'not-found',
  'PAY.ALREADY_ACCRUED': 'conflict',
  'PAY.ALREADY_RECORDED': 'conflict',
  'PAY.STATEMENT_OPEN': 'conflict',
  'PAY.NOTHING_TO_STATE': 'conflict',
  'PAY.SAME_APPROVER': 'conflict',
  'PAY.STATEMENT_ALREADY_APPROVED': 'conflict',
  'PAY.STATEMENT_NOT_APPROVED': 'conflict',
  'PAY.STATEMENT_ALREADY_SETTLED': 'conflict',
  'PAY.OUTSIDE_PERIOD': 'rule-broken',
  'PAY.CURRENCY_MISMATCH': 'rule-broken',
  'PAY.CLAWBACK_EXCEEDS_ACCRUAL': 'rule-broken',
  'PAY.SELF_APPROVAL': 'rule-broken',
  'PAY.INVALID_DETAILS': 'rule-broken',
} as const;

export type LedgerErrorCode = keyof typeof ledgerErrorKinds;

const refuse = refusalsOf<LedgerErrorCode>(ledgerErrorKinds);

const ledgerName = (participantId: string, period: string) => `${participantId}'s ${period} pay ledger`;

export const ledgerErrors = {
  accrualNotFound: (participantId: string, period: string, accrualId: string) =>
    refuse('PAY.ACCRUAL_NOT_FOUND', `There is no accrual ${accrualId} in ${ledgerName(participantId, period)}.`, { participantId, period, accrualId }),
  holdNotFound: (participantId: string, period: string, holdId: string) =>
    refuse('PAY.HOLD_NOT_FOUND', `There is no hold ${holdId} in ${ledgerName(participantId, period)}.`, { participantId, period, holdId }),
  statementNotFound: (participantId: string, period: string, statementId: string) =>
    refuse('PAY.STATEMENT_NOT_FOUND', `There is no statement ${statementId} in ${ledgerName(participantId, period)}.`, { participantId, period, statementId }),
  alreadyAccrued: (participantId: string, period: string, accrualId: string) =>
    refuse('PAY.ALREADY_ACCRUED', `${accrualId} is already accrued in ${ledgerName(participantId, period)} with another amount or rate card; a source event pays once per rule.`, {
      participantId,
      period,
      accrualId,
    }),
  alreadyRecorded: (participantId: string, period: string, what: string, id: string) =>
    refuse('PAY.ALREADY_RECORDED', `${what} ${id} is already recorded in ${ledgerName(participantId, period)} with other details; record a new one.`, { participantId, period, id }),
  statementOpen: (participantId: string, period: string, statementId: string) =>
    refuse('PAY.STATEMENT_OPEN', `Statement ${statementId} of ${ledgerName(participantId, period)} is not settled yet; settle it before issuing the next.`, {
      participantId,
      period,
      statementId,
    }),
  nothingToState: (participantId: string, period: string) =>
    refuse('PAY.NOTHING_TO_STATE', `${ledgerName(participantId, period)} has nothing payable that is not already on a statement (held pay waits for its release).`, {
      participantId,
      period,
    }),
  sameApprover: (statementId: string, approvedBy: string) =>
    refuse('PAY.SAME_APPROVER', `${approvedBy} already approved statement ${statementId}; the second approval must come from someone else.`, { statementId, approvedBy }),
  alreadyApproved: (statementId: string, approvedBy: string) =>
    refuse('PAY.STATEMENT_ALREADY_APPROVED', `Statement ${statementId} is already approved; ${approvedBy}'s approval is not needed.`, { statementId, approvedBy }),
  notApproved: (statementId: string, approvals: number, required: number) =>
    refuse('PAY.STATEMENT_NOT_APPROVED', `Statement ${statementId} has ${approvals} of the ${required} approvals it needs before it can be settled.`, { statementId, approvals, required }),
  alreadySettled: (statementId: string, paymentReference: string) =>
    refuse('PAY.STATEMENT_ALREADY_SETTLED', `Statement ${statementId} was already settled with payment ${paymentReference}.`, { statementId, paymentReference }),
  outsidePeriod: (participantId: string, period: string, accruedAt: string) =>
    refuse('PAY.OUTSIDE_PERIOD', `${accruedAt} is not in ${period}: it accrues in another month's ledger of ${participantId}.`, { participantId, period, accruedAt }),
  currencyMismatch: (participantId: string, period: string, expected: string, given: string) =>
    refuse('PAY.CURRENCY_MISMATCH', `${ledgerName(participantId, period)} is kept in ${expected}, not ${given}; cash and credits, and two currencies, never mix.`, {
      participantId,
      period,
      expected,
      given,
    }),
  clawbackExceedsAccrual: (accrualId: string, remaining: number, asked: number) =>
    refuse('PAY.CLAWBACK_EXCEEDS_ACCRUAL', `Only ${remaining} of accrual ${accrualId} is left to claw back, not ${asked}; take the rest as an adjustment.`, { accrualId, remaining, asked }),
  selfApproval: (statementId: string, participantId: string) => refuse('PAY.SELF_APPROVAL', `${participantId} cannot approve their own statement ${statementId}.`, { statementId, participantId }),
  invalidDetails: (participantId: string, period: string, field: string, why: string) =>
    refuse('PAY.INVALID_DETAILS', `${ledgerName(participantId, period)}: ${field} ${why}.`, { participantId, period, field }),
};
