/**
 * Cash: integer minor units (cents) with an ISO 4217 code. Never a float: every operation here
 * works on safe integers (BigInt inside, where a product could pass 2^53) and says how it rounds.
 *
 * Mixing currencies, or cash with a non-cash credit (see credit.ts), is a programming error: these
 * functions throw a `PayAmountMismatch` rather than answer. Deciders check their inputs first and
 * refuse with a PAY.* DomainError, so a person never meets this error.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/**
 * How a fraction of a cent becomes a whole cent:
 * - `half-away-from-zero`: ties go away from zero (1.5 → 2, -1.5 → -2); pay uses this, so a tie
 *   on an accrual goes to the worker;
 * - `half-even`: ties go to the even neighbour (banker's rounding: 0.5 → 0, 1.5 → 2);
 * - `toward-zero`: the fraction is dropped (1.9 → 1, -1.9 → -1).
 */
export type RoundingRule = 'half-away-from-zero' | 'half-even' | 'toward-zero';

export const PAY_ROUNDING: RoundingRule = 'half-away-from-zero';

/** Thrown when two amounts that cannot meet are combined (two currencies, cash and a credit). */
export class PayAmountMismatch extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'PayAmountMismatch';
  }
}

const CURRENCY = /^[A-Z]{3}$/;

export const isCurrencyCode = (value: unknown): value is string => typeof value === 'string' && CURRENCY.test(value);

/** True only for a well-formed cash amount: an object with a safe-integer `amountMinor` and a currency code, and nothing of a credit. */
export function isMoney(value: unknown): value is Money {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return Number.isSafeInteger(candidate.amountMinor) && isCurrencyCode(candidate.currency) && !('creditUnit' in candidate) && !('quantity' in candidate);
}

export function money(amountMinor: number, currency: string): Money {
  const built = { amountMinor, currency };
  if (!isMoney(built)) throw new RangeError(`Not an amount of cash: ${amountMinor} ${currency} (whole minor units and an ISO 4217 code).`);
  return built;
}

export const zeroMoney = (currency: string): Money => money(0, currency);

function requireMoney(value: Money, role: string): Money {
  if (!isMoney(value)) throw new PayAmountMismatch(`${role} is not cash (${JSON.stringify(value)}): credits and cash never mix.`);
  return value;
}

function requireSameCurrency(a: Money, b: Money): void {
  requireMoney(a, 'The first amount');
  requireMoney(b, 'The second amount');
  if (a.currency !== b.currency) throw new PayAmountMismatch(`Cannot combine ${a.currency} with ${b.currency}.`);
}

function fromBigInt(value: bigint, currency: string): Money {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError(`${value} minor units of ${currency} is beyond a safe integer.`);
  return money(Number(value), currency);
}

export function addMoney(a: Money, b: Money): Money {
  requireSameCurrency(a, b);
  return fromBigInt(BigInt(a.amountMinor) + BigInt(b.amountMinor), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  requireSameCurrency(a, b);
  return fromBigInt(BigInt(a.amountMinor) - BigInt(b.amountMinor), a.currency);
}

export const negateMoney = (a: Money): Money => money(requireMoney(a, 'The amount').amountMinor === 0 ? 0 : -a.amountMinor, a.currency);

/** The sum of any number of amounts in one currency; an empty list is zero of that currency. */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce(addMoney, zeroMoney(currency));
}

export const compareMoney = (a: Money, b: Money): number => {
  requireSameCurrency(a, b);
  return Math.sign(a.amountMinor - b.amountMinor);
};

/** `numerator / denominator` of an integer, rounded by `rule` (exact: BigInt, no float in between). */
export function divideRounded(numerator: bigint, denominator: bigint, rule: RoundingRule): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero.');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, rule);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (rule === 'half-away-from-zero' && twiceRemainder >= denominator) quotient += 1n;
  if (rule === 'half-even' && (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n))) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** An amount times a rational `numerator / denominator`, rounded once at the end by `rule`. */
export function multiplyByRatio(amount: Money, numerator: number, denominator: number, rule: RoundingRule): Money {
  requireMoney(amount, 'The amount');
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) throw new RangeError(`Not a ratio of whole numbers: ${numerator}/${denominator}.`);
  return fromBigInt(divideRounded(BigInt(amount.amountMinor) * BigInt(numerator), BigInt(denominator), rule), amount.currency);
}

/** 10,000 basis points are 1×: a surge of 12,500 bps pays 1.25 times the base. */
export const BASIS_POINTS_PER_UNIT = 10_000;

export const multiplyByBasisPoints = (amount: Money, basisPoints: number, rule: RoundingRule): Money => multiplyByRatio(amount, basisPoints, BASIS_POINTS_PER_UNIT, rule);

/**
 * Splits an amount by whole, non-negative weights (largest-remainder method) so that the parts
 * always add up to the amount exactly. Each part first gets its share rounded toward zero; the
 * cents left over (fewer than the number of parts) go one each to the parts whose dropped
 * fractions were largest, and among equal fractions to the earlier part. A part with weight 0
 * gets 0. Negative amounts split the same way by magnitude, then take the sign. The same input
 * always gives the same parts.
 */
export function allocateByWeights(amount: Money, weights: readonly number[]): Money[] {
  requireMoney(amount, 'The amount');
  if (weights.length === 0) throw new RangeError('Cannot split into no parts.');
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) throw new RangeError(`Weights must be whole numbers, 0 or more: ${weights.join(', ')}.`);
  const total = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (total === 0n) throw new RangeError('At least one weight must be above 0.');
  const sign = amount.amountMinor < 0 ? -1n : 1n;
  const magnitude = BigInt(amount.amountMinor) * sign;
  const shares = weights.map((weight, index) => ({ index, floor: (magnitude * BigInt(weight)) / total, remainder: (magnitude * BigInt(weight)) % total }));
  let leftover = magnitude - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  return shares.map((share) => fromBigInt(share.floor * sign, amount.currency));
}

/** `n` parts as equal as cents allow; the first parts get the extra cent (see allocateByWeights). */
export function splitEvenly(amount: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new RangeError(`Cannot split into ${parts} parts.`);
  return allocateByWeights(
    amount,
    Array.from({ length: parts }, () => 1),
  );
}
