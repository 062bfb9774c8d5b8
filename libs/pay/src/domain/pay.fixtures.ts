import type { AccrualLine } from './accrual/accrual.lines';
import type { RateCardRates } from './rate-card/rate-card.rates';
import type { RateCardVersion } from './rate-card/rate-card.state';

/** DOMAIN.md's figures, as the specs and (later) the demo use them. Not shipped: imported by specs only. */
export const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

export const GAS_CARD = { creditUnit: 'gas-card-5-usd', quantity: 1 };
export const PRIORITY_SLOT = { creditUnit: 'priority-slot', quantity: 1 };

/** The city collective: walkers $1.20, gig drivers $6, a coordinator on $320 a month, a dispatcher at $18/h, volunteers' gas cards. */
export const cityRates = (overrides: Partial<RateCardRates> = {}): RateCardRates => ({
  currency: 'USD',
  perDelivery: { 'paid-courier': usd(120), 'gig-courier': usd(600) },
  coordinator: { monthlyRetainer: usd(32_000), handlingFeePerParcel: usd(25), beforeNoonBonusPerParcel: usd(10) },
  deadMileGuarantee: null,
  surgeWindows: [{ windowId: 'holiday-rush', from: '2025-12-20T14:00:00.000Z', until: '2025-12-20T20:00:00.000Z', hubIds: ['city-hub'], multiplierBasisPoints: 12_500 }],
  hourlyRoles: { dispatcher: usd(1_800) },
  volunteerCredits: { perShift: [GAS_CARD], perDelivery: [PRIORITY_SLOT] },
  ...overrides,
});

/** The rural hub: $1.80 per package, and a guarantee of $12 a loop against dead miles. */
export const ruralRates = (overrides: Partial<RateCardRates> = {}): RateCardRates => ({
  currency: 'USD',
  perDelivery: { hub: usd(180), 'paid-courier': usd(180) },
  coordinator: null,
  deadMileGuarantee: { per: 'loop', minimum: usd(1_200), payClasses: ['hub', 'paid-courier'] },
  surgeWindows: [],
  hourlyRoles: {},
  volunteerCredits: { perShift: [], perDelivery: [] },
  ...overrides,
});

export const versionOf = (rates: RateCardRates, version = 1, rateCardId = 'city-card', effectiveFrom = '2025-01-01T00:00:00.000Z'): RateCardVersion => ({
  rateCardId,
  owner: { kind: 'collective', id: 'city-collective' },
  version,
  effectiveFrom,
  rates,
  publishedBy: 'admin-1',
  publishedAt: effectiveFrom,
});

export const line = (rule: AccrualLine['rule'], amount: AccrualLine['amount'], rateCardVersion = 1): AccrualLine => ({
  rule,
  amount,
  rateCardId: 'city-card',
  rateCardVersion,
  basis: { rate: amount },
});
