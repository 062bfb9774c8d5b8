import { cityRates, usd, versionOf } from '../domain/pay.fixtures';
import { priceParcelEvent, retainerPosting, type PricingInput, type ResolvedPayee } from './parcel-pricing';

const input = (overrides: Partial<PricingInput> = {}): PricingInput => ({
  parcelId: 'parcel-1',
  sourceEventId: 'delivered-1',
  at: '2025-03-04T09:15:00.000Z',
  hubId: 'city-hub',
  routeId: 'route-7',
  beforeNoon: true,
  card: versionOf(cityRates()),
  ...overrides,
});
const walker: ResolvedPayee = { participantId: 'walker-1', payee: { participantId: 'walker-1', as: 'courier', engagement: 'paid' }, capacity: 'paid-courier', rules: 'all' };
const gigDriver: ResolvedPayee = { participantId: 'gig-1', payee: { participantId: 'gig-1', as: 'courier', engagement: 'gig' }, capacity: 'gig-courier', rules: 'all' };
const coordinatorBonus: ResolvedPayee = { participantId: 'coord-1', payee: { participantId: 'coord-1', as: 'coordinator' }, capacity: 'coordinator', rules: ['before-noon-bonus'] };

describe('priceParcelEvent', () => {
  it("posts each payee's lines to their month's ledger, naming the work: capacity, hub and route", () => {
    const { postings, unpriced } = priceParcelEvent(input(), [walker, coordinatorBonus]);
    expect(unpriced).toEqual([]);
    expect(postings).toMatchObject([
      {
        participantId: 'walker-1',
        period: '2025-03',
        sourceEventId: 'delivered-1',
        parcelId: 'parcel-1',
        work: { capacity: 'paid-courier', hubId: 'city-hub', routeId: 'route-7' },
        lines: [{ rule: 'delivery', amount: usd(120), rateCardId: 'city-card', rateCardVersion: 1 }],
      },
      // Only the bonus: the coordinator's handling fee is paid at intake, not again at delivery.
      { participantId: 'coord-1', work: { capacity: 'coordinator' }, lines: [{ rule: 'before-noon-bonus', amount: usd(10) }] },
    ]);
  });

  it('posts nothing for a rule that pays nothing here (no bonus after noon)', () => {
    expect(priceParcelEvent(input({ beforeNoon: false }), [coordinatorBonus])).toEqual({ postings: [], unpriced: [] });
  });

  it('lists the payees it cannot price, with the refusal, and still pays the others', () => {
    const noGig = versionOf(cityRates({ perDelivery: { 'paid-courier': usd(120) } }));
    const { postings, unpriced } = priceParcelEvent(input({ card: noGig }), [gigDriver, walker]);
    expect(postings.map((posting) => posting.participantId)).toEqual(['walker-1']);
    expect(unpriced).toMatchObject([{ participantId: 'gig-1', code: 'PAY.NO_RATE' }]);
    expect(priceParcelEvent(input({ card: null }), [walker]).unpriced).toMatchObject([{ participantId: 'walker-1', code: 'PAY.NO_RATE_CARD' }]);
  });
});

describe('retainerPosting', () => {
  it("is the month's, not the parcel's: one source per month, no parcel, no route", () => {
    expect(retainerPosting(input(), 'coord-1')).toMatchObject({
      participantId: 'coord-1',
      period: '2025-03',
      sourceEventId: 'retainer-2025-03',
      parcelId: null,
      work: { capacity: 'coordinator', hubId: 'city-hub', routeId: null },
      lines: [{ rule: 'monthly-retainer', amount: usd(32_000) }],
    });
    expect(retainerPosting(input({ card: null }), 'coord-1')).toBeNull();
  });
});
