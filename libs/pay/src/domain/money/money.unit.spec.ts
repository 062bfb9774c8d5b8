import { addCredits, credit, totalsOf, type Credit } from './credit';
import { addMoney, allocateByWeights, divideRounded, money, multiplyByBasisPoints, multiplyByRatio, negateMoney, PayAmountMismatch, splitEvenly, subtractMoney, sumMoney, type Money } from './money';

const usd = (cents: number) => money(cents, 'USD');
const cents = (parts: Money[]) => parts.map((part) => part.amountMinor);

describe('money', () => {
  it('is whole minor units and a currency code, nothing else', () => {
    expect(usd(180)).toEqual({ amountMinor: 180, currency: 'USD' });
    expect(() => money(1.5, 'USD')).toThrow(RangeError);
    expect(() => money(100, 'usd')).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'USD')).toThrow(RangeError);
  });

  it('adds, subtracts, negates and sums within one currency', () => {
    expect(addMoney(usd(120), usd(600))).toEqual(usd(720));
    expect(subtractMoney(usd(1_200), usd(540))).toEqual(usd(660));
    expect(negateMoney(usd(25))).toEqual(usd(-25));
    expect(negateMoney(usd(0))).toEqual(usd(0));
    expect(sumMoney([usd(180), usd(180), usd(180)], 'USD')).toEqual(usd(540));
    expect(sumMoney([], 'EUR')).toEqual(money(0, 'EUR'));
    expect(() => addMoney(usd(1), money(1, 'EUR'))).toThrow(PayAmountMismatch);
    expect(() => addMoney(usd(Number.MAX_SAFE_INTEGER), usd(1))).toThrow(RangeError);
  });

  it.each([
    ['half-away-from-zero', [5, 2], 3n],
    ['half-away-from-zero', [-5, 2], -3n],
    ['half-away-from-zero', [7, 3], 2n],
    ['half-even', [5, 2], 2n],
    ['half-even', [7, 2], 4n],
    ['half-even', [-5, 2], -2n],
    ['half-even', [8, 3], 3n],
    ['toward-zero', [19, 10], 1n],
    ['toward-zero', [-19, 10], -1n],
  ] as const)('rounds %s: %p', (rule, [numerator, denominator], expected) => {
    expect(divideRounded(BigInt(numerator), BigInt(denominator), rule)).toBe(expected);
  });

  it('multiplies by a ratio or basis points, rounding once at the end by the rule given', () => {
    // $18/h for 45 minutes: 1800 × 45 / 60 = 1350, exact.
    expect(multiplyByRatio(usd(1_800), 45, 60, 'half-away-from-zero')).toEqual(usd(1_350));
    // $1.20 at 1.125×: 135 exactly; the surge premium alone (0.125×) is 15.
    expect(multiplyByBasisPoints(usd(120), 11_250, 'half-away-from-zero')).toEqual(usd(135));
    // 1.25 cents: the tie-free case rounds the same either way; 0.5 cents is where the rules part.
    expect(multiplyByBasisPoints(usd(1), 5_000, 'half-away-from-zero')).toEqual(usd(1));
    expect(multiplyByBasisPoints(usd(1), 5_000, 'half-even')).toEqual(usd(0));
    expect(multiplyByBasisPoints(usd(1), 5_000, 'toward-zero')).toEqual(usd(0));
    // No float in between: 2^53-ish products stay exact.
    expect(multiplyByRatio(usd(9_007_199_254_740), 1_000, 1_000, 'toward-zero')).toEqual(usd(9_007_199_254_740));
  });

  it('splits by the largest remainder: leftover cents to the largest fractions, ties to the earlier part', () => {
    expect(cents(splitEvenly(usd(100), 3))).toEqual([34, 33, 33]);
    expect(cents(splitEvenly(usd(200), 3))).toEqual([67, 67, 66]);
    expect(cents(splitEvenly(usd(-100), 3))).toEqual([-34, -33, -33]);
    // $400 tool across 4 retailers by tote count 3:2:2:0 → 171.43, 114.29, 114.28, 0 (ties: earlier first).
    expect(cents(allocateByWeights(usd(40_000), [3, 2, 2, 0]))).toEqual([17_143, 11_429, 11_428, 0]);
    // 0.6, 0.3, 0.1 of 1 cent: the one cent goes to the largest fraction, not the first part.
    expect(cents(allocateByWeights(usd(1), [1, 6, 3]))).toEqual([0, 1, 0]);
    expect(() => allocateByWeights(usd(100), [])).toThrow(RangeError);
    expect(() => allocateByWeights(usd(100), [0, 0])).toThrow(RangeError);
    expect(() => allocateByWeights(usd(100), [1, -1])).toThrow(RangeError);
    expect(() => splitEvenly(usd(100), 0)).toThrow(RangeError);
  });
});

describe('credits', () => {
  const gasCards = (quantity: number) => credit(quantity, 'gas-card-5-usd');

  it('are whole quantities of a named unit, added only to the same unit', () => {
    expect(addCredits(gasCards(1), gasCards(2))).toEqual(gasCards(3));
    expect(() => addCredits(gasCards(1), credit(1, 'priority-slot'))).toThrow(PayAmountMismatch);
    expect(() => credit(0.5, 'gas-card-5-usd')).toThrow(RangeError);
  });

  it('never mix with cash, at run time', () => {
    const gasCard = gasCards(1) as unknown as Money;
    const cash = usd(500) as unknown as Credit;
    expect(() => addMoney(usd(500), gasCard)).toThrow(PayAmountMismatch);
    expect(() => sumMoney([usd(500), gasCard], 'USD')).toThrow(PayAmountMismatch);
    expect(() => addCredits(gasCards(1), cash)).toThrow(PayAmountMismatch);
    // A smuggled hybrid is neither.
    expect(() => addMoney(usd(1), { amountMinor: 1, currency: 'USD', creditUnit: 'gas-card-5-usd', quantity: 1 } as Money)).toThrow(PayAmountMismatch);
  });

  it('never mix with cash, at compile time', () => {
    const compileOnly = () => {
      // @ts-expect-error a credit is not money
      addMoney(usd(500), gasCards(1));
      // @ts-expect-error money is not a credit
      addCredits(gasCards(1), usd(500));
      // @ts-expect-error a credit is not money
      sumMoney([gasCards(1)], 'USD');
    };
    expect(compileOnly).toThrow(PayAmountMismatch);
  });

  it('total beside cash, per unit and per currency, never into it', () => {
    expect(totalsOf([usd(120), gasCards(1), usd(600), credit(2, 'priority-slot'), gasCards(1)])).toEqual({
      cash: [usd(720)],
      credits: [gasCards(2), credit(2, 'priority-slot')],
    });
    expect(() => totalsOf([{ amountMinor: 1.5, currency: 'USD' }])).toThrow(PayAmountMismatch);
  });
});
