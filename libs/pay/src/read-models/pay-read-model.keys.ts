/**
 * What the pay read models share: document keys and the one way an amount becomes counters.
 * Ids in the pay context never hold `|` (isPayId), so joined keys cannot collide; currency codes
 * and credit units hold no `.`, so they are safe as field names.
 */
import { isMoney, type Money } from '../domain/money/money';
import type { Credit, PayAmount } from '../domain/money/credit';

/** Null parts (no hub, no route) are written `-`, which no pay id is. */
export const NONE = '-';

export const monthKey = (participantId: string, period: string): string => `${participantId}|${period}`;

export const joinKey = (...parts: Array<string | null>): string => parts.map((part) => part ?? NONE).join('|');

/** `$inc` fields for an amount under `prefix`: `<prefix>.cash.<currency>` or `<prefix>.credits.<unit>`, times `sign`. */
export function amountIncrement(prefix: string, amount: PayAmount, sign: 1 | -1): Record<string, number> {
  return isMoney(amount) ? { [`${prefix}.cash.${amount.currency}`]: sign * amount.amountMinor } : { [`${prefix}.credits.${amount.creditUnit}`]: sign * (amount as Credit).quantity };
}

/** Counters as stored (`{ USD: 1800 }`, `{ 'gas-card-5-usd': 2 }`) back to amounts, sorted by code; zeros left out. */
export interface StoredTotals {
  cash?: Record<string, number>;
  credits?: Record<string, number>;
}

export interface Totals {
  cash: Money[];
  credits: Credit[];
}

export function readTotals(stored: StoredTotals | undefined): Totals {
  const entries = (record: Record<string, number> | undefined) =>
    Object.entries(record ?? {})
      .filter(([, value]) => value !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    cash: entries(stored?.cash).map(([currency, amountMinor]) => ({ amountMinor, currency })),
    credits: entries(stored?.credits).map(([creditUnit, quantity]) => ({ creditUnit, quantity })),
  };
}

/** `a + sign × b` per currency and per unit, never across them. */
export function combineTotals(a: StoredTotals | undefined, b: StoredTotals | undefined, sign: 1 | -1 = 1): StoredTotals {
  const merge = (x: Record<string, number> = {}, y: Record<string, number> = {}) => {
    const out: Record<string, number> = { ...x };
    for (const [key, value] of Object.entries(y)) out[key] = (out[key] ?? 0) + sign * value;
    return out;
  };
  return { cash: merge(a?.cash, b?.cash), credits: merge(a?.credits, b?.credits) };
}
