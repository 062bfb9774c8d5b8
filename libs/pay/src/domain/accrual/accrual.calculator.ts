import type { Credit } from '../money/credit';
import { BASIS_POINTS_PER_UNIT, isMoney, multiplyByBasisPoints, multiplyByRatio, PAY_ROUNDING, subtractMoney, sumMoney, type Money } from '../money/money';
import { compareInstants, isUtcInstant } from '../shared/time';
import type { CashPayClass, SurgeWindow } from '../rate-card/rate-card.rates';
import type { RateCardVersion } from '../rate-card/rate-card.state';
import { accrualErrors } from './accrual.errors';
import type { DeliveryFact, RunEndFact, ShiftFact } from './accrual.facts';
import type { AccrualBasis, AccrualLine, PayRule } from './accrual.lines';

/**
 * Prices facts with the rate card version in effect when they happened (`rateCardVersionAt`).
 * Pure and deterministic: the same fact and version always give the same lines, which is what
 * lets a recomputation check every cent of a ledger. Lines of zero are left out.
 */

const lineOf = (card: RateCardVersion, rule: PayRule, amount: Money | Credit, basis: AccrualBasis): AccrualLine => ({
  rule,
  amount,
  rateCardId: card.rateCardId,
  rateCardVersion: card.version,
  basis,
});

const nonZero = (line: AccrualLine): boolean => (isMoney(line.amount) ? line.amount.amountMinor !== 0 : line.amount.quantity !== 0);

/** The pay for one delivery, for one payee. */
export function deliveryAccruals(card: RateCardVersion, fact: DeliveryFact): AccrualLine[] {
  requireInstant(fact.sourceEventId, 'deliveredAt', fact.deliveredAt);
  const { rates } = card;
  const payee = fact.payee;
  if (payee.as === 'coordinator') {
    if (!rates.coordinator) throw accrualErrors.noRate(card.rateCardId, card.version, 'coordinators', fact.sourceEventId);
    const { handlingFeePerParcel, beforeNoonBonusPerParcel } = rates.coordinator;
    const lines = [lineOf(card, 'handling-fee', handlingFeePerParcel, { rate: handlingFeePerParcel })];
    if (fact.beforeNoon) lines.push(lineOf(card, 'before-noon-bonus', beforeNoonBonusPerParcel, { rate: beforeNoonBonusPerParcel }));
    return lines.filter(nonZero);
  }
  if (payee.as === 'courier' && payee.engagement === 'volunteer') {
    return rates.volunteerCredits.perDelivery.map((earned) => lineOf(card, 'volunteer-delivery-credit', earned, { rate: earned })).filter(nonZero);
  }
  const payClass: CashPayClass = payee.as === 'hub' ? 'hub' : payee.engagement === 'paid' ? 'paid-courier' : 'gig-courier';
  const rate = rates.perDelivery[payClass];
  if (!rate) throw accrualErrors.noRate(card.rateCardId, card.version, `a ${payClass}'s delivery`, fact.sourceEventId);
  const lines = [lineOf(card, 'delivery', rate, { rate })];
  const surge = surgeAt(rates.surgeWindows, fact.hubId, fact.deliveredAt);
  if (surge) {
    const premium = multiplyByBasisPoints(rate, surge.multiplierBasisPoints - BASIS_POINTS_PER_UNIT, PAY_ROUNDING);
    lines.push(lineOf(card, 'surge-premium', premium, { rate, surgeWindowId: surge.windowId, multiplierBasisPoints: surge.multiplierBasisPoints }));
  }
  return lines.filter(nonZero);
}

/**
 * The surge window a delivery falls in: `from <= deliveredAt < until`, at its hub (or every hub).
 * Where windows overlap, the highest multiplier applies, and between equal ones the first listed:
 * surges never compound.
 */
export function surgeAt(windows: readonly SurgeWindow[], hubId: string | null, instant: string): SurgeWindow | null {
  let best: SurgeWindow | null = null;
  for (const window of windows) {
    const atHub = window.hubIds.length === 0 || (hubId !== null && window.hubIds.includes(hubId));
    const open = compareInstants(window.from, instant) <= 0 && compareInstants(instant, window.until) < 0;
    if (atHub && open && (!best || window.multiplierBasisPoints > best.multiplierBasisPoints)) best = window;
  }
  return best;
}

/**
 * Minutes counted for a shift: its length rounded to the nearest whole minute, half a minute and
 * more rounding up (so 7 h 59 min 30 s counts 480 minutes).
 */
export function minutesWorked(startedAt: string, endedAt: string): number {
  return Math.floor((Date.parse(endedAt) - Date.parse(startedAt) + 30_000) / 60_000);
}

/**
 * Pay for a recorded shift: an hourly role earns its rate × minutes / 60, rounded once to the cent
 * (ties away from zero); a volunteer earns the rate card's credits per shift.
 */
export function shiftAccruals(card: RateCardVersion, shift: ShiftFact): AccrualLine[] {
  requireInstant(shift.sourceEventId, 'startedAt', shift.startedAt);
  requireInstant(shift.sourceEventId, 'endedAt', shift.endedAt);
  if (compareInstants(shift.startedAt, shift.endedAt) > 0) throw accrualErrors.invalidFact(shift.sourceEventId, 'endedAt', 'is before the shift started');
  if (shift.work.kind === 'volunteer') {
    return card.rates.volunteerCredits.perShift.map((earned) => lineOf(card, 'volunteer-shift-credit', earned, { rate: earned })).filter(nonZero);
  }
  const perHour = card.rates.hourlyRoles[shift.work.role];
  if (!perHour) throw accrualErrors.noRate(card.rateCardId, card.version, `the hourly role ${shift.work.role}`, shift.sourceEventId);
  const minutes = minutesWorked(shift.startedAt, shift.endedAt);
  return [lineOf(card, 'hourly', multiplyByRatio(perHour, minutes, 60, PAY_ROUNDING), { rate: perHour, minutesWorked: minutes })].filter(nonZero);
}

/**
 * The dead-mile guarantee at the end of a loop or shift: if what the run earned in cash is below
 * the minimum, a line tops it up to exactly the minimum. Bonuses and credits do not count toward it.
 */
export function deadMileTopUp(card: RateCardVersion, run: RunEndFact): AccrualLine[] {
  requireInstant(run.sourceEventId, 'endedAt', run.endedAt);
  const guarantee = card.rates.deadMileGuarantee;
  if (!guarantee || guarantee.per !== run.run || !guarantee.payClasses.includes(run.payClass)) return [];
  const counted = run.earnedLines.filter((line) => line.rule === 'delivery' || line.rule === 'surge-premium').map((line) => line.amount);
  if (!counted.every((amount) => isMoney(amount) && amount.currency === card.rates.currency))
    throw accrualErrors.invalidFact(run.sourceEventId, 'earnedLines', `must be cash in ${card.rates.currency}`);
  const earned = sumMoney(counted as Money[], card.rates.currency);
  const shortfall = subtractMoney(guarantee.minimum, earned);
  if (shortfall.amountMinor <= 0) return [];
  return [lineOf(card, 'dead-mile-top-up', shortfall, { earned, minimum: guarantee.minimum })];
}

/** A coordinator's retainer for a month, whole (no proration by days in this version). */
export function monthlyRetainer(card: RateCardVersion): AccrualLine[] {
  const coordinator = card.rates.coordinator;
  if (!coordinator) return [];
  return [lineOf(card, 'monthly-retainer', coordinator.monthlyRetainer, { rate: coordinator.monthlyRetainer })].filter(nonZero);
}

function requireInstant(sourceEventId: string, field: string, value: string): void {
  if (!isUtcInstant(value)) throw accrualErrors.invalidFact(sourceEventId, field, 'must be a UTC ISO-8601 instant');
}
