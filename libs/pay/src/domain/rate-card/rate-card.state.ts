import { compareInstants } from '../shared/time';
import type { RateCardOwner, RateCardVersionPublished } from './rate-card.events';

export type RateCardVersion = RateCardVersionPublished['data'];

export type RateCard =
  | { status: 'unpublished' }
  | {
      status: 'published';
      rateCardId: string;
      owner: RateCardOwner;
      /** In version order, which is also `effectiveFrom` order. */
      versions: RateCardVersion[];
    };

export const initialState = (): RateCard => ({ status: 'unpublished' });

/**
 * The version in effect at `instant`: the one with the latest `effectiveFrom` at or before it.
 * Null before the first version takes effect (nothing accrues then).
 */
export function rateCardVersionAt(card: RateCard, instant: string): RateCardVersion | null {
  if (card.status === 'unpublished') return null;
  let inEffect: RateCardVersion | null = null;
  for (const version of card.versions) {
    if (compareInstants(version.effectiveFrom, instant) <= 0) inEffect = version;
  }
  return inEffect;
}
