import { isMoney, PayAmountMismatch, type Money } from './money';

/**
 * What volunteers earn instead of cash: a whole number of some non-cash unit the rate card names
 * (`gas-card-5-usd`, `bodega-credit`, `priority-slot`). A credit has no `amountMinor` and cash has
 * no `quantity`, so TypeScript refuses one where the other is expected, and every function here
 * and in money.ts checks the shape at run time too: a $5 gas card is never $5 of pay.
 */
export interface Credit {
  creditUnit: string;
  quantity: number;
}

/** What a ledger line carries: cash or a credit, told apart by `isMoney` / `isCredit`. */
export type PayAmount = Money | Credit;

const CREDIT_UNIT = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const isCreditUnit = (value: unknown): value is string => typeof value === 'string' && CREDIT_UNIT.test(value);

export function isCredit(value: unknown): value is Credit {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return Number.isSafeInteger(candidate.quantity) && isCreditUnit(candidate.creditUnit) && !('amountMinor' in candidate) && !('currency' in candidate);
}

export function credit(quantity: number, creditUnit: string): Credit {
  const built = { creditUnit, quantity };
  if (!isCredit(built)) throw new RangeError(`Not a credit: ${quantity} ${creditUnit} (a whole quantity of a lower-case unit name).`);
  return built;
}

function requireSameUnit(a: Credit, b: Credit): void {
  for (const value of [a, b]) {
    if (!isCredit(value)) throw new PayAmountMismatch(`${JSON.stringify(value)} is not a credit: credits and cash never mix.`);
  }
  if (a.creditUnit !== b.creditUnit) throw new PayAmountMismatch(`Cannot combine ${a.creditUnit} with ${b.creditUnit}.`);
}

export function addCredits(a: Credit, b: Credit): Credit {
  requireSameUnit(a, b);
  return credit(a.quantity + b.quantity, a.creditUnit);
}

/** Cash and credits in one list, kept apart: cash per currency, credits per unit, each sorted by code. */
export interface PayTotals {
  cash: Money[];
  credits: Credit[];
}

/** Totals a mixed list without ever adding across kinds: the shape of every statement and report. */
export function totalsOf(amounts: readonly PayAmount[]): PayTotals {
  const cash = new Map<string, number>();
  const credits = new Map<string, number>();
  for (const amount of amounts) {
    if (isMoney(amount)) cash.set(amount.currency, add(cash.get(amount.currency) ?? 0, amount.amountMinor));
    else if (isCredit(amount)) credits.set(amount.creditUnit, add(credits.get(amount.creditUnit) ?? 0, amount.quantity));
    else throw new PayAmountMismatch(`${JSON.stringify(amount)} is neither cash nor a credit.`);
  }
  const sorted = <T>(entries: Map<string, number>, build: (key: string, value: number) => T): T[] => [...entries.keys()].sort().map((key) => build(key, entries.get(key) as number));
  return { cash: sorted(cash, (currency, amountMinor) => ({ amountMinor, currency })), credits: sorted(credits, (creditUnit, quantity) => ({ creditUnit, quantity })) };
}

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`${a} + ${b} is beyond a safe integer.`);
  return sum;
}
