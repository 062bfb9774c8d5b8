import { DomainError } from '@handoff/kernel';
import { cityRates, GAS_CARD, PRIORITY_SLOT, ruralRates, usd, versionOf } from '../pay.fixtures';
import { deadMileTopUp, deliveryAccruals, minutesWorked, monthlyRetainer, shiftAccruals } from './accrual.calculator';
import type { DeliveryFact, DeliveryPayee, RunEndFact, ShiftFact } from './accrual.facts';

const city = versionOf(cityRates());
const rural = versionOf(ruralRates(), 3, 'rural-card');

const delivery = (payee: DeliveryPayee, overrides: Partial<DeliveryFact> = {}): DeliveryFact => ({
  sourceEventId: 'event-1',
  parcelId: 'parcel-1',
  hubId: 'city-hub',
  deliveredAt: '2025-03-04T10:00:00.000Z',
  beforeNoon: false,
  payee,
  ...overrides,
});
const walker: DeliveryPayee = { participantId: 'walker-1', as: 'courier', engagement: 'paid' };
const gig: DeliveryPayee = { participantId: 'gig-1', as: 'courier', engagement: 'gig' };
const volunteer: DeliveryPayee = { participantId: 'volunteer-1', as: 'courier', engagement: 'volunteer' };
const coordinator: DeliveryPayee = { participantId: 'coordinator-1', as: 'coordinator' };
const ruralHub: DeliveryPayee = { participantId: 'rural-hub', as: 'hub' };

function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('deliveryAccruals', () => {
  it('pays a walker $1.20, a gig driver $6 and the rural hub $1.80, naming the rate card version', () => {
    expect(deliveryAccruals(city, delivery(walker))).toEqual([{ rule: 'delivery', amount: usd(120), rateCardId: 'city-card', rateCardVersion: 1, basis: { rate: usd(120) } }]);
    expect(deliveryAccruals(city, delivery(gig)).map((line) => line.amount)).toEqual([usd(600)]);
    expect(deliveryAccruals(rural, delivery(ruralHub, { hubId: 'rural-hub' }))).toEqual([
      { rule: 'delivery', amount: usd(180), rateCardId: 'rural-card', rateCardVersion: 3, basis: { rate: usd(180) } },
    ]);
  });

  it('adds a surge premium inside a stated window at its hub: $1.20 at 1.25× earns 30 cents more', () => {
    const inWindow = delivery(walker, { deliveredAt: '2025-12-20T15:00:00.000Z' });
    expect(deliveryAccruals(city, inWindow)).toEqual([
      { rule: 'delivery', amount: usd(120), rateCardId: 'city-card', rateCardVersion: 1, basis: { rate: usd(120) } },
      { rule: 'surge-premium', amount: usd(30), rateCardId: 'city-card', rateCardVersion: 1, basis: { rate: usd(120), surgeWindowId: 'holiday-rush', multiplierBasisPoints: 12_500 } },
    ]);
    // The window is [from, until): its last instant is out, and so is another hub.
    expect(deliveryAccruals(city, delivery(walker, { deliveredAt: '2025-12-20T20:00:00.000Z' }))).toHaveLength(1);
    expect(deliveryAccruals(city, delivery(walker, { deliveredAt: '2025-12-20T15:00:00.000Z', hubId: 'other-hub' }))).toHaveLength(1);
  });

  it('applies the highest of overlapping surges, never both, and rounds a half cent to the worker', () => {
    const windows = [
      { windowId: 'evening', from: '2025-03-04T00:00:00.000Z', until: '2025-03-05T00:00:00.000Z', hubIds: [], multiplierBasisPoints: 10_050 },
      { windowId: 'storm', from: '2025-03-04T09:00:00.000Z', until: '2025-03-04T11:00:00.000Z', hubIds: ['city-hub'], multiplierBasisPoints: 10_125 },
    ];
    const card = versionOf(cityRates({ surgeWindows: windows }));
    // 120 × 0.0125 = 1.5 cents → 2 (ties away from zero); 120 × 0.005 = 0.6 → 1.
    expect(deliveryAccruals(card, delivery(walker))[1]).toMatchObject({ amount: usd(2), basis: { surgeWindowId: 'storm' } });
    expect(deliveryAccruals(card, delivery(walker, { deliveredAt: '2025-03-04T12:00:00.000Z' }))[1]).toMatchObject({ amount: usd(1), basis: { surgeWindowId: 'evening' } });
  });

  it('pays a coordinator the handling fee per parcel, and the bonus when it was delivered before noon', () => {
    expect(deliveryAccruals(city, delivery(coordinator)).map((line) => [line.rule, line.amount])).toEqual([['handling-fee', usd(25)]]);
    expect(deliveryAccruals(city, delivery(coordinator, { beforeNoon: true })).map((line) => [line.rule, line.amount])).toEqual([
      ['handling-fee', usd(25)],
      ['before-noon-bonus', usd(10)],
    ]);
  });

  it('gives a volunteer credits, never cash, and nothing when the card names none', () => {
    expect(deliveryAccruals(city, delivery(volunteer))).toEqual([
      { rule: 'volunteer-delivery-credit', amount: PRIORITY_SLOT, rateCardId: 'city-card', rateCardVersion: 1, basis: { rate: PRIORITY_SLOT } },
    ]);
    expect(deliveryAccruals(rural, delivery(volunteer))).toEqual([]);
  });

  it('leaves out lines of zero', () => {
    const card = versionOf(cityRates({ coordinator: { monthlyRetainer: usd(32_000), handlingFeePerParcel: usd(0), beforeNoonBonusPerParcel: usd(10) } }));
    expect(deliveryAccruals(card, delivery(coordinator)).map((line) => line.rule)).toEqual([]);
  });

  it('refuses a payee the card has no rate for, and a delivery time that is not an instant', () => {
    expect(refusalOf(() => deliveryAccruals(rural, delivery(gig)))).toBe('PAY.NO_RATE');
    expect(refusalOf(() => deliveryAccruals(rural, delivery(coordinator)))).toBe('PAY.NO_RATE');
    expect(refusalOf(() => deliveryAccruals(city, delivery(walker, { deliveredAt: 'yesterday' })))).toBe('PAY.INVALID_FACT');
  });
});

describe('shiftAccruals', () => {
  const shift = (work: ShiftFact['work'], startedAt: string, endedAt: string): ShiftFact => ({ sourceEventId: 'shift-event-1', shiftId: 'shift-1', participantId: 'p-1', work, startedAt, endedAt });
  const dispatcher = { kind: 'hourly', role: 'dispatcher' } as const;

  it('counts whole minutes, half a minute and more rounding up', () => {
    expect(minutesWorked('2025-03-04T08:00:00.000Z', '2025-03-04T15:59:29.999Z')).toBe(479);
    expect(minutesWorked('2025-03-04T08:00:00.000Z', '2025-03-04T15:59:30.000Z')).toBe(480);
  });

  it('pays a dispatcher $18/h by the minute, rounded once to the cent', () => {
    expect(shiftAccruals(city, shift(dispatcher, '2025-03-04T08:00:00.000Z', '2025-03-04T16:00:10.000Z'))).toEqual([
      { rule: 'hourly', amount: usd(14_400), rateCardId: 'city-card', rateCardVersion: 1, basis: { rate: usd(1_800), minutesWorked: 480 } },
    ]);
    // 7 minutes at 30 cents a minute; $17.99/h for 1 minute is 29.98 cents → 30.
    expect(shiftAccruals(city, shift(dispatcher, '2025-03-04T08:00:00.000Z', '2025-03-04T08:07:00.000Z'))[0].amount).toEqual(usd(210));
    const odd = versionOf(cityRates({ hourlyRoles: { dispatcher: usd(1_799) } }));
    expect(shiftAccruals(odd, shift(dispatcher, '2025-03-04T08:00:00.000Z', '2025-03-04T08:01:00.000Z'))[0].amount).toEqual(usd(30));
  });

  it("gives a volunteer the card's credits per shift: a $5 gas card", () => {
    expect(shiftAccruals(city, shift({ kind: 'volunteer' }, '2025-03-04T08:00:00.000Z', '2025-03-04T12:00:00.000Z'))).toEqual([
      { rule: 'volunteer-shift-credit', amount: GAS_CARD, rateCardId: 'city-card', rateCardVersion: 1, basis: { rate: GAS_CARD } },
    ]);
  });

  it('refuses a role without a rate and a shift that ends before it starts', () => {
    expect(refusalOf(() => shiftAccruals(city, shift({ kind: 'hourly', role: 'sorter' }, '2025-03-04T08:00:00.000Z', '2025-03-04T09:00:00.000Z')))).toBe('PAY.NO_RATE');
    expect(refusalOf(() => shiftAccruals(city, shift(dispatcher, '2025-03-04T09:00:00.000Z', '2025-03-04T08:00:00.000Z')))).toBe('PAY.INVALID_FACT');
  });
});

describe('deadMileTopUp', () => {
  const loopEnd = (deliveries: number, overrides: Partial<RunEndFact> = {}): RunEndFact => ({
    sourceEventId: 'loop-end-1',
    participantId: 'rural-hub',
    run: 'loop',
    runId: 'loop-1',
    payClass: 'hub',
    earnedLines: Array.from({ length: deliveries }, (_, i) => deliveryAccruals(rural, delivery(ruralHub, { sourceEventId: `d-${i}`, hubId: 'rural-hub' }))[0]),
    endedAt: '2025-03-04T17:00:00.000Z',
    ...overrides,
  });

  it('tops a thin loop up to the $12 minimum: 3 packages at $1.80 earn $5.40, the guarantee adds $6.60', () => {
    expect(deadMileTopUp(rural, loopEnd(3))).toEqual([{ rule: 'dead-mile-top-up', amount: usd(660), rateCardId: 'rural-card', rateCardVersion: 3, basis: { earned: usd(540), minimum: usd(1_200) } }]);
    expect(deadMileTopUp(rural, loopEnd(0))[0].amount).toEqual(usd(1_200));
  });

  it('adds nothing once the loop earned the minimum, for a run the guarantee is not per, or a class it does not cover', () => {
    expect(deadMileTopUp(rural, loopEnd(7))).toEqual([]);
    expect(deadMileTopUp(rural, loopEnd(1, { run: 'shift' }))).toEqual([]);
    expect(deadMileTopUp(rural, loopEnd(1, { payClass: 'gig-courier' }))).toEqual([]);
    expect(deadMileTopUp(city, loopEnd(1))).toEqual([]);
  });

  it('refuses earnings that are not cash of the card', () => {
    const credits = [{ rule: 'delivery' as const, amount: GAS_CARD, rateCardId: 'rural-card', rateCardVersion: 3, basis: {} }];
    expect(refusalOf(() => deadMileTopUp(rural, loopEnd(0, { earnedLines: credits })))).toBe('PAY.INVALID_FACT');
  });
});

describe('monthlyRetainer', () => {
  it("pays the coordinator's $320 retainer, and nothing on a card without coordinators", () => {
    expect(monthlyRetainer(city)).toEqual([{ rule: 'monthly-retainer', amount: usd(32_000), rateCardId: 'city-card', rateCardVersion: 1, basis: { rate: usd(32_000) } }]);
    expect(monthlyRetainer(rural)).toEqual([]);
  });
});
