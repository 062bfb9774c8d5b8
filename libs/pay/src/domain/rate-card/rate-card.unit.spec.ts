import { deciderSpecification } from '@handoff/testing';
import { cityRates, usd } from '../pay.fixtures';
import type { PublishRateCardVersion } from './rate-card.commands';
import { rateCardDecider } from './rate-card.decider';
import type { RateCardEvent } from './rate-card.events';
import type { RateCardRates } from './rate-card.rates';
import { rateCardVersionAt } from './rate-card.state';

const { given } = deciderSpecification(rateCardDecider);
const JAN = '2025-01-01T00:00:00.000Z';
const MAR = '2025-03-01T00:00:00.000Z';

const publish = (version: number, effectiveFrom: string, rates: RateCardRates = cityRates(), overrides: Partial<PublishRateCardVersion> = {}): PublishRateCardVersion => ({
  type: 'PublishRateCardVersion',
  rateCardId: 'city-card',
  owner: { kind: 'collective', id: 'city-collective' },
  version,
  effectiveFrom,
  rates,
  publishedBy: 'admin-1',
  publishedAt: '2024-12-15T09:00:00.000Z',
  ...overrides,
});
const published = ({ type: _type, ...data }: PublishRateCardVersion): RateCardEvent => ({ type: 'RateCardVersionPublished', data });
const v1 = publish(1, JAN);
const v2 = publish(2, MAR, cityRates({ perDelivery: { 'paid-courier': usd(135), 'gig-courier': usd(600) } }), { publishedAt: '2025-02-10T09:00:00.000Z' });

describe('PublishRateCardVersion', () => {
  it('publishes the first version with its effective time', () => {
    given([])
      .when(v1)
      .then([published(v1)]);
  });

  it('publishes the next version, effective from a later time', () => {
    given([published(v1)])
      .when(v2)
      .then([published(v2)]);
  });

  it('does nothing when the same version is published again with the same contents', () => {
    given([published(v1)])
      .when(v1)
      .thenNothing();
  });

  it('refuses to edit a version: same number, other contents', () => {
    given([published(v1)])
      .when(publish(1, JAN, cityRates({ hourlyRoles: { dispatcher: usd(2_000) } })))
      .thenThrows('PAY.RATE_CARD_VERSION_EXISTS');
  });

  it('refuses a version out of sequence', () => {
    given([]).when(publish(2, JAN)).thenThrows('PAY.RATE_CARD_VERSION_OUT_OF_SEQUENCE');
    given([published(v1)])
      .when({ ...v2, version: 3 })
      .thenThrows('PAY.RATE_CARD_VERSION_OUT_OF_SEQUENCE');
  });

  it('refuses a version that reaches back: before its publication, or not after the version it follows', () => {
    given([]).when(publish(1, '2024-12-01T00:00:00.000Z')).thenThrows('PAY.RATE_CARD_RETROACTIVE');
    given([published(v1)])
      .when(publish(2, JAN, cityRates(), { publishedAt: '2024-12-20T00:00:00.000Z' }))
      .thenThrows('PAY.RATE_CARD_RETROACTIVE');
  });

  it("refuses another owner's version on this card", () => {
    given([published(v1)])
      .when({ ...v2, owner: { kind: 'hub', id: 'rural-hub' } })
      .thenThrows('PAY.RATE_CARD_OWNER_MISMATCH');
  });

  it.each<[string, Partial<RateCardRates>]>([
    ['cash per delivery for volunteers', { perDelivery: { ['volunteer-courier' as 'hub']: usd(100) } }],
    ['an amount in another currency', { perDelivery: { 'paid-courier': { amountMinor: 120, currency: 'EUR' } } }],
    ['a fraction of a cent', { hourlyRoles: { dispatcher: usd(1_800.5) } }],
    ['a surge below 1×', { surgeWindows: [{ ...cityRates().surgeWindows[0], multiplierBasisPoints: 9_000 }] }],
    ['a surge window that ends before it starts', { surgeWindows: [{ ...cityRates().surgeWindows[0], until: '2025-12-20T13:00:00.000Z' }] }],
    ['two surge windows with one id', { surgeWindows: [cityRates().surgeWindows[0], cityRates().surgeWindows[0]] }],
    ['cash as a volunteer credit', { volunteerCredits: { perShift: [usd(500) as never], perDelivery: [] } }],
    ['a guarantee of nothing', { deadMileGuarantee: { per: 'loop', minimum: usd(0), payClasses: ['hub'] } }],
  ])('refuses rates with %s', (_, overrides) => {
    given([])
      .when(publish(1, JAN, cityRates(overrides)))
      .thenThrows('PAY.INVALID_RATES');
  });

  it('refuses details that are not ids or instants', () => {
    given([])
      .when(publish(1, JAN, cityRates(), { rateCardId: '' }))
      .thenThrows('PAY.INVALID_RATES');
    given([])
      .when(publish(1, '2025-01-01', cityRates()))
      .thenThrows('PAY.INVALID_RATES');
  });
});

describe('rateCardVersionAt', () => {
  const card = [published(v1), published(v2)].reduce(rateCardDecider.evolve, rateCardDecider.initialState());

  it('answers the version in effect at an instant: the latest that took effect at or before it', () => {
    expect(rateCardVersionAt(card, '2024-12-31T23:59:59.999Z')).toBeNull();
    expect(rateCardVersionAt(card, JAN)?.version).toBe(1);
    expect(rateCardVersionAt(card, '2025-02-28T23:59:59.999Z')?.version).toBe(1);
    expect(rateCardVersionAt(card, '2025-03-01T00:00:00Z')?.version).toBe(2);
    expect(rateCardVersionAt(card, '2026-01-01T00:00:00.000Z')?.rates.perDelivery['paid-courier']).toEqual(usd(135));
  });

  it('answers null for a card never published', () => {
    expect(rateCardVersionAt(rateCardDecider.initialState(), MAR)).toBeNull();
  });
});
