import { deciderSpecification } from '@handoff/testing';
import { at, hash, publish, published, TEMPLATE_ID } from './waiver-template.fixtures';
import type { RetireWaiverTemplateVersion } from './waiver-template.commands';
import { waiverTemplateDecider } from './waiver-template.decider';
import type { WaiverTemplateVersionPublished } from './waiver-template.events';
import { templateVersionsOf, versionOf } from './waiver-template.state';

const { given } = deciderSpecification(waiverTemplateDecider);

const retire = (version = 1, overrides: Partial<RetireWaiverTemplateVersion> = {}): RetireWaiverTemplateVersion => ({
  type: 'RetireWaiverTemplateVersion',
  templateId: TEMPLATE_ID,
  version,
  reason: 'Replaced by version 2 after legal review.',
  adminId: 'admin-1',
  retiredAt: at(600),
  ...overrides,
});

const publishedV1: WaiverTemplateVersionPublished = {
  type: 'WaiverTemplateVersionPublished',
  data: {
    templateId: TEMPLATE_ID,
    version: 1,
    textHash: hash(1),
    liabilityCap: { amountMinor: 20_000, currency: 'USD' },
    grossNegligenceClause: { included: true, clauseTextHash: hash(101) },
    jurisdiction: 'US-CA',
    participantKinds: ['volunteer', 'community'],
    parcelCategories: ['general', 'fragile', 'perishable'],
    effectiveFrom: at(0),
    publishedBy: 'admin-1',
    publishedAt: at(0),
  },
};

describe('PublishWaiverTemplateVersion', () => {
  it("publishes DOMAIN's volunteer waiver: the text's hash, a $200 cap in cents, the gross-negligence clause", () => {
    given([]).when(publish()).then([publishedV1]);
  });

  it('publishes the next version with its own terms and stores instants in one spelling', () => {
    const terms = { liabilityCap: { amountMinor: 25_000, currency: 'USD' }, grossNegligenceClause: { included: false as const }, parcelCategories: 'any' as const };
    const state = given(published(publish()))
      .when(publish(2, { ...terms, effectiveFrom: '2025-04-01T00:00:00Z', effectiveUntil: '2026-04-01T00:00:00.000000000Z', publishedAt: '2025-03-02T10:00:00.5Z' }))
      .then([
        {
          type: 'WaiverTemplateVersionPublished',
          data: {
            ...publishedV1.data,
            ...terms,
            version: 2,
            textHash: hash(2),
            effectiveFrom: '2025-04-01T00:00:00.000Z',
            effectiveUntil: '2026-04-01T00:00:00.000Z',
            publishedAt: '2025-03-02T10:00:00.500Z',
          },
        },
      ]);
    expect(versionOf(state, 1)?.textHash).toBe(hash(1));
    expect(versionOf(state, 2)?.liabilityCap).toEqual({ amountMinor: 25_000, currency: 'USD' });
  });

  it('does nothing when the same version is published again with the same terms', () => {
    given(published(publish())).when(publish()).thenNothing();
    given(published(publish(), publish(2)))
      .when(publish(1, { publishedAt: at(900) }))
      .thenNothing();
  });

  it('never edits a version: other terms under a published number are refused', () => {
    given(published(publish()))
      .when(publish(1, { liabilityCap: { amountMinor: 10_000, currency: 'USD' } }))
      .thenThrows('WAIVER.VERSION_ALREADY_PUBLISHED');
    given(published(publish()))
      .when(publish(1, { effectiveUntil: at(99) }))
      .thenThrows('WAIVER.VERSION_ALREADY_PUBLISHED');
  });

  it('refuses a version out of sequence', () => {
    given([]).when(publish(2)).thenThrows('WAIVER.VERSION_OUT_OF_SEQUENCE');
    given(published(publish())).when(publish(3)).thenThrows('WAIVER.VERSION_OUT_OF_SEQUENCE');
  });

  it.each([
    ['a text hash that is not a SHA-256', { textHash: 'abc' }],
    ['a base64 text instead of its hash', { textHash: 'sha256:' + 'A'.repeat(64) }],
    ['a fractional cap', { liabilityCap: { amountMinor: 199.5, currency: 'USD' } }],
    ['a negative cap', { liabilityCap: { amountMinor: -1, currency: 'USD' } }],
    ['a currency that is not ISO 4217', { liabilityCap: { amountMinor: 20_000, currency: 'usd' } }],
    ['a gross-negligence clause without its hash', { grossNegligenceClause: { included: true, clauseTextHash: '' } }],
    ['a jurisdiction that is not ISO 3166', { jurisdiction: 'California' }],
    ['no participant kind', { participantKinds: [] }],
    ['a participant kind twice', { participantKinds: ['volunteer', 'volunteer'] }],
    ['no parcel category', { parcelCategories: [] }],
    ['a parcel category that is not a word', { parcelCategories: ['Fragile goods'] }],
    ['an effective date that does not exist', { effectiveFrom: '2025-02-30T00:00:00Z' }],
    ['an end before the start', { effectiveFrom: at(10), effectiveUntil: at(10) }],
    ['no template id', { templateId: ' ' }],
    ['a version that is not a whole number', { version: 1.5 }],
    ['no admin', { adminId: '' }],
    ['a publication time with an offset', { publishedAt: '2025-03-01T00:00:00+01:00' }],
  ])('refuses %s', (_, overrides) => {
    given([])
      .when(publish(1, overrides as never))
      .thenThrows('WAIVER.INVALID_DETAILS');
  });
});

describe('RetireWaiverTemplateVersion', () => {
  it('retires a version at the time it is recorded, with the reason', () => {
    const state = given(published(publish(), publish(2)))
      .when(retire())
      .then([{ type: 'WaiverTemplateVersionRetired', data: { templateId: TEMPLATE_ID, version: 1, reason: 'Replaced by version 2 after legal review.', retiredBy: 'admin-1', retiredAt: at(600) } }]);
    expect(versionOf(state, 1)?.retired).toEqual({ retiredAt: at(600), reason: 'Replaced by version 2 after legal review.' });
    expect(versionOf(state, 2)?.retired).toBeUndefined();
  });

  it('never dates a retirement before the publication it ends', () => {
    given(published(publish(1, { publishedAt: at(700) })))
      .when(retire(1, { retiredAt: at(699) }))
      .then([{ type: 'WaiverTemplateVersionRetired', data: { templateId: TEMPLATE_ID, version: 1, reason: 'Replaced by version 2 after legal review.', retiredBy: 'admin-1', retiredAt: at(700) } }]);
  });

  it('does nothing when the version is already retired', () => {
    const history = [
      ...published(publish()),
      { type: 'WaiverTemplateVersionRetired' as const, data: { templateId: TEMPLATE_ID, version: 1, reason: 'flawed', retiredBy: 'admin-1', retiredAt: at(600) } },
    ];
    given(history)
      .when(retire(1, { retiredAt: at(900) }))
      .thenNothing();
  });

  it('refuses a template or a version that does not exist', () => {
    given([]).when(retire()).thenThrows('WAIVER.TEMPLATE_NOT_FOUND');
    given(published(publish())).when(retire(2)).thenThrows('WAIVER.VERSION_NOT_FOUND');
  });

  it('refuses a retirement without a reason or with a time that is not an instant', () => {
    given(published(publish()))
      .when(retire(1, { reason: '  ' }))
      .thenThrows('WAIVER.INVALID_DETAILS');
    given(published(publish()))
      .when(retire(1, { retiredAt: 'yesterday' }))
      .thenThrows('WAIVER.INVALID_DETAILS');
  });
});

describe('templateVersionsOf', () => {
  it('finds any version of any template given, and nothing else', () => {
    const fold = (events: ReturnType<typeof published>) => events.reduce(waiverTemplateDecider.evolve, waiverTemplateDecider.initialState());
    const lookup = templateVersionsOf([fold(published(publish(), publish(2))), fold(published(publish(1, { templateId: 'fragile-goods' }))), waiverTemplateDecider.initialState()]);
    expect(lookup(TEMPLATE_ID, 2)?.textHash).toBe(hash(2));
    expect(lookup('fragile-goods', 1)?.templateId).toBe('fragile-goods');
    expect(lookup('fragile-goods', 2)).toBeUndefined();
    expect(lookup('unknown', 1)).toBeUndefined();
  });
});
