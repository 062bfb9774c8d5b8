import fc from 'fast-check';
import { addCredits, isCredit, totalsOf, type Credit, type PayAmount } from './credit';
import { addMoney, allocateByWeights, divideRounded, isMoney, money, PayAmountMismatch, splitEvenly, sumMoney, type Money, type RoundingRule } from './money';

/** Splits and sums never lose or invent a cent, and cash and credits never meet, whatever the numbers. */
const CENTS = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });
const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
const total = (parts: Money[]) => parts.reduce((sum, part) => sum + BigInt(part.amountMinor), 0n);
const weights = fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 40 }).filter((list) => list.some((weight) => weight > 0));

describe('money, for any amounts', () => {
  it('allocating by weights gives back exactly the amount, each part within a cent of its exact share', () => {
    fc.assert(
      fc.property(CENTS, weights, (amount, list) => {
        const parts = allocateByWeights(usd(amount), list);
        expect(total(parts)).toBe(BigInt(amount));
        const sum = list.reduce((s, w) => s + BigInt(w), 0n);
        parts.forEach((part, index) => {
          // |part × W − amount × w| < W: the part is the exact share rounded down or up, never further.
          const gap = BigInt(part.amountMinor) * sum - BigInt(amount) * BigInt(list[index]);
          expect(gap < sum && -gap < sum).toBe(true);
          if (list[index] === 0) expect(part.amountMinor).toBe(0);
        });
        expect(allocateByWeights(usd(amount), list)).toEqual(parts);
      }),
    );
  });

  it('splitting evenly gives parts that differ by at most a cent, larger ones first, summing to the amount', () => {
    fc.assert(
      fc.property(CENTS, fc.integer({ min: 1, max: 200 }), (amount, n) => {
        const parts = splitEvenly(usd(amount), n).map((part) => part.amountMinor);
        expect(total(parts.map(usd))).toBe(BigInt(amount));
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        expect([...parts].sort((a, b) => Math.abs(b) - Math.abs(a))).toEqual(parts);
      }),
    );
  });

  it('summing is exact and does not depend on the order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), { maxLength: 100 }), (amounts) => {
        const sum = sumMoney(amounts.map(usd), 'USD');
        expect(BigInt(sum.amountMinor)).toBe(amounts.reduce((s, a) => s + BigInt(a), 0n));
        expect(sumMoney([...amounts].reverse().map(usd), 'USD')).toEqual(sum);
      }),
    );
  });

  it('rounding a quotient lands on a neighbour of the exact value, and halves go where the rule says', () => {
    const rules: RoundingRule[] = ['half-away-from-zero', 'half-even', 'toward-zero'];
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.constantFrom(...rules), (numerator, denominator, rule) => {
        const rounded = divideRounded(numerator, denominator, rule);
        const error = rounded * denominator - numerator; // rounded − exact, times the denominator
        expect(error < denominator && -error < denominator).toBe(true);
        if (rule === 'toward-zero') expect(rounded === 0n || rounded > 0n === numerator > 0n).toBe(true);
        if (rule !== 'toward-zero') expect(2n * (error < 0n ? -error : error) <= denominator).toBe(true);
      }),
    );
  });
});

describe('cash and credits, for any mix', () => {
  const units = fc.constantFrom('gas-card-5-usd', 'bodega-credit', 'priority-slot');
  const amount: fc.Arbitrary<PayAmount> = fc.oneof(
    fc.record({ amountMinor: fc.integer({ min: -100_000, max: 100_000 }), currency: fc.constantFrom('USD', 'CAD') }),
    fc.record({ creditUnit: units, quantity: fc.integer({ min: -20, max: 20 }) }),
  );

  it('totals cash per currency and credits per unit, never one into the other', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 60 }), (amounts) => {
        const totals = totalsOf(amounts);
        for (const cash of totals.cash) {
          const expected = amounts.filter((a): a is Money => isMoney(a) && a.currency === cash.currency).reduce((s, a) => s + a.amountMinor, 0);
          expect(cash.amountMinor).toBe(expected);
        }
        for (const credit of totals.credits) {
          const expected = amounts.filter((a): a is Credit => isCredit(a) && a.creditUnit === credit.creditUnit).reduce((s, a) => s + a.quantity, 0);
          expect(credit.quantity).toBe(expected);
        }
        expect(totals.cash.every((c) => isMoney(c))).toBe(true);
        expect(totals.credits.every((c) => isCredit(c))).toBe(true);
        expect(new Set(totals.cash.map((c) => c.currency)).size + new Set(totals.credits.map((c) => c.creditUnit)).size).toBe(
          new Set(amounts.map((a) => (isMoney(a) ? `$${a.currency}` : a.creditUnit))).size,
        );
      }),
    );
  });

  it('refuse to be added across kinds or currencies, and add exactly within one', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const bothCash = isMoney(a) && isMoney(b) && a.currency === b.currency;
        const bothCredit = isCredit(a) && isCredit(b) && a.creditUnit === b.creditUnit;
        const addCash = () => addMoney(a as Money, b as Money);
        const addCredit = () => addCredits(a as Credit, b as Credit);
        if (bothCash) expect(addCash()).toEqual(money((a as Money).amountMinor + (b as Money).amountMinor, (a as Money).currency));
        else expect(addCash).toThrow(PayAmountMismatch);
        if (bothCredit) expect(addCredit().quantity).toBe((a as Credit).quantity + (b as Credit).quantity);
        else expect(addCredit).toThrow(PayAmountMismatch);
        expect(isMoney(a) && isCredit(a)).toBe(false);
      }),
    );
  });
});
