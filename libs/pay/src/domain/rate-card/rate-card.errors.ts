import { refusalsOf } from '@handoff/kernel';

export const rateCardErrorKinds = {
  'PAY.RATE_CARD_NOT_FOUND': 'not-found',
  'PAY.RATE_CARD_VERSION_EXISTS': 'conflict',
  'PAY.RATE_CARD_VERSION_OUT_OF_SEQUENCE': 'conflict',
  'PAY.RATE_CARD_OWNER_MISMATCH': 'conflict',
  'PAY.RATE_CARD_RETROACTIVE': 'rule-broken',
  'PAY.INVALID_RATES': 'rule-broken',
} as const;

export type RateCardErrorCode = keyof typeof rateCardErrorKinds;

const refuse = refusalsOf<RateCardErrorCode>(rateCardErrorKinds);

export const rateCardErrors = {
  notFound: (rateCardId: string) => refuse('PAY.RATE_CARD_NOT_FOUND', `No version of rate card ${rateCardId} is published.`, { rateCardId }),
  versionExists: (rateCardId: string, version: number) =>
    refuse('PAY.RATE_CARD_VERSION_EXISTS', `Rate card ${rateCardId} version ${version} is already published with other contents; versions are never edited, publish the next one.`, {
      rateCardId,
      version,
    }),
  outOfSequence: (rateCardId: string, version: number, expected: number) =>
    refuse('PAY.RATE_CARD_VERSION_OUT_OF_SEQUENCE', `Rate card ${rateCardId} is at version ${expected - 1}; the next one to publish is ${expected}, not ${version}.`, {
      rateCardId,
      version,
      expected,
    }),
  ownerMismatch: (rateCardId: string, owner: string, given: string) =>
    refuse('PAY.RATE_CARD_OWNER_MISMATCH', `Rate card ${rateCardId} belongs to ${owner}, not ${given}.`, { rateCardId, owner, given }),
  retroactive: (rateCardId: string, effectiveFrom: string, notBefore: string, why: string) =>
    refuse(
      'PAY.RATE_CARD_RETROACTIVE',
      `Rate card ${rateCardId} cannot take effect at ${effectiveFrom}: ${why} (${notBefore}). A change applies from its effective time; pay already earned is corrected by an adjustment.`,
      { rateCardId, effectiveFrom, notBefore },
    ),
  invalidRates: (rateCardId: string, field: string, why: string) => refuse('PAY.INVALID_RATES', `Rate card ${rateCardId}: ${field} ${why}.`, { rateCardId, field }),
};
