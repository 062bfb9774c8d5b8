import type { PayAmount } from '../money/credit';
import type { Money } from '../money/money';

/** Every rule that turns a fact into pay; a ledger holds at most one line per source event and rule. */
export type PayRule = 'delivery' | 'surge-premium' | 'handling-fee' | 'before-noon-bonus' | 'monthly-retainer' | 'dead-mile-top-up' | 'hourly' | 'volunteer-delivery-credit' | 'volunteer-shift-credit';

export const PAY_RULES: readonly PayRule[] = [
  'delivery',
  'surge-premium',
  'handling-fee',
  'before-noon-bonus',
  'monthly-retainer',
  'dead-mile-top-up',
  'hourly',
  'volunteer-delivery-credit',
  'volunteer-shift-credit',
];

/** What a line was computed from, so a person can redo the sum by hand. Only the fields of its rule are set. */
export interface AccrualBasis {
  /** The per-unit rate the rule applied (per delivery, per parcel, per month, per hour, per shift). */
  rate?: PayAmount;
  surgeWindowId?: string;
  multiplierBasisPoints?: number;
  /** Hourly: whole minutes counted (see hourlyLine for the rounding). */
  minutesWorked?: number;
  /** Dead-mile guarantee: what the loop or shift earned, and the minimum it was topped up to. */
  earned?: Money;
  minimum?: Money;
}

/** In which capacity a participant earned a line: what the reports group by. */
export type PayCapacity = 'paid-courier' | 'gig-courier' | 'volunteer' | 'hub' | 'coordinator' | 'hourly';

export const PAY_CAPACITIES: readonly PayCapacity[] = ['paid-courier', 'gig-courier', 'volunteer', 'hub', 'coordinator', 'hourly'];

/**
 * Where the work behind a source event was done, stated by the reaction that priced it, so each
 * report is a group-by over the ledger and never a join back into custody: the capacity, the hub
 * (null: none), the route or loop (null: none, as for a retainer or an hourly shift).
 */
export interface AccrualWork {
  capacity: PayCapacity;
  hubId: string | null;
  routeId: string | null;
}

/** One line of pay: how much, by which rule, from which rate card version. */
export interface AccrualLine {
  rule: PayRule;
  amount: PayAmount;
  rateCardId: string;
  rateCardVersion: number;
  basis: AccrualBasis;
}

/**
 * A line's id in a ledger: `<sourceEventId>/<rule>`, and `/<creditUnit>` for a credit (a volunteer
 * shift may earn a gas card and a priority slot). A ledger holds one line per id, ever.
 */
export const accrualIdOf = (sourceEventId: string, line: Pick<AccrualLine, 'rule' | 'amount'>): string =>
  'creditUnit' in line.amount ? `${sourceEventId}/${line.rule}/${line.amount.creditUnit}` : `${sourceEventId}/${line.rule}`;
