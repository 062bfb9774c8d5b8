import { refusalsOf } from '@handoff/kernel';

export const accrualErrorKinds = {
  'PAY.NO_RATE': 'rule-broken',
  'PAY.NO_RATE_CARD': 'rule-broken',
  'PAY.PAYEE_UNKNOWN': 'rule-broken',
  'PAY.INVALID_FACT': 'rule-broken',
} as const;

export type AccrualErrorCode = keyof typeof accrualErrorKinds;

const refuse = refusalsOf<AccrualErrorCode>(accrualErrorKinds);

export const accrualErrors = {
  noRate: (rateCardId: string, version: number, what: string, sourceEventId: string) =>
    refuse('PAY.NO_RATE', `Rate card ${rateCardId} version ${version} has no rate for ${what}, so event ${sourceEventId} cannot be priced; publish a version that has one.`, {
      rateCardId,
      version,
      what,
      sourceEventId,
    }),
  noRateCard: (owners: string, at: string, sourceEventId: string) =>
    refuse('PAY.NO_RATE_CARD', `No rate card of ${owners} is in effect at ${at}, so event ${sourceEventId} cannot be priced; an admin adjusts the pay by hand.`, { owners, at, sourceEventId }),
  payeeUnknown: (participantId: string, sourceEventId: string) =>
    refuse('PAY.PAYEE_UNKNOWN', `${participantId} delivered in event ${sourceEventId} but is not a registered courier with an engagement, so nothing is priced for them.`, {
      participantId,
      sourceEventId,
    }),
  invalidFact: (sourceEventId: string, field: string, why: string) => refuse('PAY.INVALID_FACT', `Event ${sourceEventId}: ${field} ${why}.`, { sourceEventId, field }),
};
