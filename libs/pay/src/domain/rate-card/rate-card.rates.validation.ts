import { isCredit, type Credit } from '../money/credit';
import { BASIS_POINTS_PER_UNIT, isCurrencyCode, isMoney, type Money } from '../money/money';
import { isPayId } from '../shared/ids';
import { compareInstants, isUtcInstant } from '../shared/time';
import { CASH_PAY_CLASSES, type RateCardRates } from './rate-card.rates';

/** Why a rate card's contents cannot be published: the field and a reason, or null when they can. */
export type RatesProblem = { field: string; why: string } | null;

/** A surge above 10× is a typo, not a policy. */
const MAX_SURGE_BASIS_POINTS = 10 * BASIS_POINTS_PER_UNIT;

export function ratesProblem(rates: RateCardRates): RatesProblem {
  if (!isCurrencyCode(rates.currency)) return { field: 'currency', why: 'must be an ISO 4217 code' };
  const cash = (field: string, amount: Money | undefined, positive = false): RatesProblem => {
    if (!isMoney(amount) || amount.currency !== rates.currency) return { field, why: `must be whole minor units of ${rates.currency}` };
    if (amount.amountMinor < 0 || (positive && amount.amountMinor === 0)) return { field, why: positive ? 'must be above zero' : 'must not be negative' };
    return null;
  };
  const credits = (field: string, list: Credit[]): RatesProblem =>
    !list.every((c) => isCredit(c) && c.quantity > 0)
      ? { field, why: 'must be credits: a lower-case unit and a whole quantity above zero (never cash)' }
      : new Set(list.map((c) => c.creditUnit)).size !== list.length
        ? { field, why: 'must name each credit unit once' }
        : null;

  const problems: RatesProblem[] = [
    ...Object.entries(rates.perDelivery).map(([payClass, amount]) =>
      (CASH_PAY_CLASSES as string[]).includes(payClass)
        ? cash(`perDelivery.${payClass}`, amount)
        : { field: `perDelivery.${payClass}`, why: `is not paid cash per delivery (${CASH_PAY_CLASSES.join(', ')}; volunteers earn credits)` },
    ),
    ...(rates.coordinator
      ? [
          cash('coordinator.monthlyRetainer', rates.coordinator.monthlyRetainer),
          cash('coordinator.handlingFeePerParcel', rates.coordinator.handlingFeePerParcel),
          cash('coordinator.beforeNoonBonusPerParcel', rates.coordinator.beforeNoonBonusPerParcel),
        ]
      : []),
    ...(rates.deadMileGuarantee ? [cash('deadMileGuarantee.minimum', rates.deadMileGuarantee.minimum, true), guaranteeProblem(rates)] : []),
    ...rates.surgeWindows.map((window, index) => surgeProblem(window, `surgeWindows[${index}]`)),
    uniqueWindowIds(rates),
    ...Object.entries(rates.hourlyRoles).map(([role, perHour]) =>
      isPayId(role) ? cash(`hourlyRoles.${role}`, perHour, true) : { field: 'hourlyRoles', why: `has a role name that is not an id: ${role}` },
    ),
    credits('volunteerCredits.perShift', rates.volunteerCredits.perShift),
    credits('volunteerCredits.perDelivery', rates.volunteerCredits.perDelivery),
  ];
  return problems.find((problem) => problem !== null) ?? null;
}

function guaranteeProblem(rates: RateCardRates): RatesProblem {
  const guarantee = rates.deadMileGuarantee;
  if (!guarantee) return null;
  if (guarantee.per !== 'loop' && guarantee.per !== 'shift') return { field: 'deadMileGuarantee.per', why: "must be 'loop' or 'shift'" };
  if (guarantee.payClasses.length === 0 || guarantee.payClasses.some((payClass) => !CASH_PAY_CLASSES.includes(payClass)))
    return { field: 'deadMileGuarantee.payClasses', why: `must name at least one of ${CASH_PAY_CLASSES.join(', ')}` };
  return null;
}

function surgeProblem(window: RateCardRates['surgeWindows'][number], field: string): RatesProblem {
  if (!isPayId(window.windowId)) return { field: `${field}.windowId`, why: 'must be an id' };
  if (!isUtcInstant(window.from) || !isUtcInstant(window.until) || compareInstants(window.from, window.until) >= 0) return { field, why: 'must run from one UTC instant to a later one' };
  if (!Number.isSafeInteger(window.multiplierBasisPoints) || window.multiplierBasisPoints < BASIS_POINTS_PER_UNIT || window.multiplierBasisPoints > MAX_SURGE_BASIS_POINTS)
    return { field: `${field}.multiplierBasisPoints`, why: `must be whole basis points from ${BASIS_POINTS_PER_UNIT} (1×) to ${MAX_SURGE_BASIS_POINTS} (10×)` };
  if (window.hubIds.some((hubId) => !isPayId(hubId))) return { field: `${field}.hubIds`, why: 'must be hub ids' };
  return null;
}

function uniqueWindowIds(rates: RateCardRates): RatesProblem {
  const ids = rates.surgeWindows.map((window) => window.windowId);
  return new Set(ids).size === ids.length ? null : { field: 'surgeWindows', why: 'must not repeat a window id' };
}
