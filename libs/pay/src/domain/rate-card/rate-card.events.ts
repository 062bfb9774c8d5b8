import type { DomainEvent } from '@handoff/kernel';
import type { RateCardRates } from './rate-card.rates';

/** A rate card belongs to a retailer collective or to one hub. */
export interface RateCardOwner {
  kind: 'collective' | 'hub';
  id: string;
}

/** Stream `ratecard-<rateCardId>`: every version ever published, none ever changed. */
export type RateCardVersionPublished = DomainEvent<
  'RateCardVersionPublished',
  {
    rateCardId: string;
    owner: RateCardOwner;
    version: number;
    /** From this instant until the next version's `effectiveFrom`, accruals use this version. */
    effectiveFrom: string;
    rates: RateCardRates;
    publishedBy: string;
    publishedAt: string;
  }
>;

export type RateCardEvent = RateCardVersionPublished;

export const rateCardEventSchemaVersions = {
  RateCardVersionPublished: 1,
} as const satisfies Record<RateCardEvent['type'], number>;
