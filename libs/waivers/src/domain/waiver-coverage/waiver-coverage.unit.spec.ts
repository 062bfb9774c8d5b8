import { signAt, revoke } from '../signing/waiver-signing.fixtures';
import { waiverSigningDecider } from '../signing/waiver-signing.decider';
import type { WaiverSigningCommand } from '../signing/waiver-signing.commands';
import { at, DAY, hash, publish, published, recorded, TEMPLATE_ID, versionFrom } from '../template/waiver-template.fixtures';
import { templateVersionsOf, type WaiverTemplate } from '../template/waiver-template.state';
import { waiverTemplateDecider } from '../template/waiver-template.decider';
import type { WaiverTemplateEvent } from '../template/waiver-template.events';
import { coverageAt, coverageHistory, coverageTimeline, type CoverageSubject } from './waiver-coverage';

const volunteerTemplate = published(publish(), publish(2, { effectiveFrom: at(30 * DAY), liabilityCap: { amountMinor: 25_000, currency: 'USD' } }));
const fragileTemplate = published(
  publish(1, { templateId: 'fragile-goods', textHash: hash(77), parcelCategories: ['fragile'], participantKinds: ['volunteer', 'paid'], liabilityCap: { amountMinor: 5_000, currency: 'USD' } }),
);
const v1 = versionFrom(volunteerTemplate, 1);
const v2 = versionFrom(volunteerTemplate, 2);
const fragile = versionFrom(fragileTemplate, 1);

const fold = <State, Event>(evolve: (state: State, event: Event) => State, initial: State, events: Event[]) => events.reduce(evolve, initial);
const templatesOf = (...histories: WaiverTemplateEvent[][]) =>
  templateVersionsOf(histories.map((events): WaiverTemplate => fold(waiverTemplateDecider.evolve, waiverTemplateDecider.initialState(), events)));
const TEMPLATES = templatesOf(volunteerTemplate, fragileTemplate);

const stateOf = (...commands: WaiverSigningCommand[]) => fold(waiverSigningDecider.evolve, waiverSigningDecider.initialState(), recorded(waiverSigningDecider, ...commands));
const VOLUNTEER: CoverageSubject = { participantKind: 'volunteer' };
const YEAR = 365 * DAY;
const CAP_200 = { amountMinor: 20_000, currency: 'USD' };

const coveredBy = (waiverId: string, version = 1, cap = CAP_200, templateId = TEMPLATE_ID, textHash = hash(version)) => ({ covered: true, waiverId, templateId, version, cap, textHash });

describe('coverageAt', () => {
  it('answers never-signed for a participant with no signature, or before their first', () => {
    expect(coverageAt(waiverSigningDecider.initialState(), TEMPLATES, at(100), VOLUNTEER)).toEqual({ covered: false, reason: 'never-signed' });
    expect(coverageAt(stateOf(signAt(v1, 60)), TEMPLATES, at(59), VOLUNTEER)).toEqual({ covered: false, reason: 'never-signed' });
  });

  it("names the waiver, version and cap in force: DOMAIN's $200 as 20000 USD", () => {
    const state = stateOf(signAt(v1, 60));
    expect(coverageAt(state, TEMPLATES, at(60), VOLUNTEER)).toEqual(coveredBy('waiver-1'));
    expect(coverageAt(state, TEMPLATES, at(200 * DAY), VOLUNTEER)).toEqual(coveredBy('waiver-1'));
  });

  it('ends at the expiry, exclusive, to the nanosecond', () => {
    const state = stateOf(signAt(v1, 60, { expiresAt: '2025-06-01T00:00:00.000000002Z' }));
    expect(coverageAt(state, TEMPLATES, '2025-06-01T00:00:00.000000001Z', VOLUNTEER)).toEqual(coveredBy('waiver-1'));
    expect(coverageAt(state, TEMPLATES, '2025-06-01T00:00:00.000000002Z', VOLUNTEER)).toEqual({ covered: false, reason: 'expired', waiverId: 'waiver-1' });
  });

  it('ends at the revocation as recorded, exclusive', () => {
    const state = stateOf(signAt(v1, 60), revoke('waiver-1', 90));
    expect(coverageAt(state, TEMPLATES, '2025-03-01T01:29:59.999999999Z', VOLUNTEER)).toEqual(coveredBy('waiver-1'));
    expect(coverageAt(state, TEMPLATES, at(90), VOLUNTEER)).toEqual({ covered: false, reason: 'revoked', waiverId: 'waiver-1' });
  });

  it('covers from the version’s effective time when signed before it, inclusive', () => {
    const state = stateOf(signAt(v2, 60));
    expect(coverageAt(state, TEMPLATES, at(61), VOLUNTEER)).toEqual({ covered: false, reason: 'not-yet-effective', waiverId: 'waiver-2' });
    expect(coverageAt(state, TEMPLATES, at(30 * DAY), VOLUNTEER)).toEqual(coveredBy('waiver-2', 2, { amountMinor: 25_000, currency: 'USD' }));
  });

  it('stops at the version’s retirement, and a retirement after the incident changes nothing at the incident', () => {
    const retired = [
      ...volunteerTemplate,
      { type: 'WaiverTemplateVersionRetired' as const, data: { templateId: TEMPLATE_ID, version: 1, reason: 'flawed', retiredBy: 'admin-1', retiredAt: at(10 * DAY) } },
    ];
    const templates = templatesOf(retired);
    const state = stateOf(signAt(v1, 60));
    expect(coverageAt(state, templates, at(10 * DAY - 1), VOLUNTEER)).toEqual(coveredBy('waiver-1'));
    expect(coverageAt(state, templates, at(10 * DAY), VOLUNTEER)).toEqual({ covered: false, reason: 'version-retired', waiverId: 'waiver-1' });
  });

  it('stops at the end of the version’s effective period', () => {
    const ending = published(publish(1, { effectiveUntil: at(20 * DAY) }));
    const state = stateOf(signAt(versionFrom(ending, 1), 60));
    expect(coverageAt(state, templatesOf(ending), at(20 * DAY), VOLUNTEER)).toEqual({ covered: false, reason: 'version-ended', waiverId: 'waiver-1' });
  });

  it('applies only to the participant kinds and parcel categories the version names', () => {
    const state = stateOf(signAt(v1, 60));
    const ask = (subject: CoverageSubject) => coverageAt(state, TEMPLATES, at(100), subject);
    expect(ask({ participantKind: 'paid' })).toEqual({ covered: false, reason: 'not-applicable', waiverId: 'waiver-1' });
    expect(ask({ participantKind: 'volunteer', parcelCategory: 'pharmaceutical' })).toMatchObject({ covered: false, reason: 'not-applicable' });
    expect(ask({ participantKind: 'volunteer', parcelCategory: ['fragile', 'pharmaceutical'] })).toMatchObject({ covered: false, reason: 'not-applicable' });
    expect(ask({ participantKind: 'volunteer', parcelCategory: ['fragile', 'perishable'] })).toEqual(coveredBy('waiver-1'));
    // A parcel with no category is a general one.
    expect(ask({ participantKind: 'volunteer', parcelCategory: [] })).toEqual(coveredBy('waiver-1'));
    const any = published(publish(1, { parcelCategories: 'any' }));
    expect(coverageAt(stateOf(signAt(versionFrom(any, 1), 60)), templatesOf(any), at(100), { participantKind: 'volunteer', parcelCategory: 'pharmaceutical' })).toEqual(coveredBy('waiver-1'));
  });

  it('hands over from the superseded signature to the new one at the instant the new one covers', () => {
    const state = stateOf(signAt(v1, 60), signAt(v2, 20 * DAY));
    expect(coverageAt(state, TEMPLATES, '2025-03-30T23:59:59.999999999Z', VOLUNTEER)).toEqual(coveredBy('waiver-1'));
    expect(at(30 * DAY)).toBe('2025-03-31T00:00:00.000Z');
    expect(coverageAt(state, TEMPLATES, at(30 * DAY), VOLUNTEER)).toEqual(coveredBy('waiver-2', 2, { amountMinor: 25_000, currency: 'USD' }));
  });

  it('stops covering at once when the participant revokes a re-signature that had not yet taken over', () => {
    const state = stateOf(signAt(v1, 60), signAt(v2, 20 * DAY), revoke('waiver-2', 21 * DAY));
    expect(coverageAt(state, TEMPLATES, at(21 * DAY - 1), VOLUNTEER)).toEqual(coveredBy('waiver-1'));
    expect(coverageAt(state, TEMPLATES, at(21 * DAY), VOLUNTEER)).toEqual({ covered: false, reason: 'revoked', waiverId: 'waiver-2' });
    expect(coverageAt(state, TEMPLATES, at(31 * DAY), VOLUNTEER)).toEqual({ covered: false, reason: 'revoked', waiverId: 'waiver-2' });
  });

  it('answers with the most recent signature that applies when two templates are signed', () => {
    const state = stateOf(signAt(v1, 60), signAt(fragile, 70, { waiverId: 'waiver-fragile' }));
    const fragileCover = coveredBy('waiver-fragile', 1, { amountMinor: 5_000, currency: 'USD' }, 'fragile-goods', hash(77));
    expect(coverageAt(state, TEMPLATES, at(100), { participantKind: 'volunteer', parcelCategory: 'fragile' })).toEqual(fragileCover);
    expect(coverageAt(state, TEMPLATES, at(100), { participantKind: 'volunteer', parcelCategory: 'perishable' })).toEqual(coveredBy('waiver-1'));
    expect(coverageAt(state, TEMPLATES, at(100), { participantKind: 'paid', parcelCategory: 'fragile' })).toEqual(fragileCover);
  });

  it('explains with the latest signature that applies, not with one that never could', () => {
    const state = stateOf(signAt(v1, 60), signAt(fragile, 70, { waiverId: 'waiver-fragile' }), revoke('waiver-1', 80));
    expect(coverageAt(state, TEMPLATES, at(100), { participantKind: 'volunteer', parcelCategory: 'perishable' })).toEqual({ covered: false, reason: 'revoked', waiverId: 'waiver-1' });
  });

  it('refuses to guess when the lookup lacks a version a signature names (a wiring defect)', () => {
    expect(() => coverageAt(stateOf(signAt(v1, 60)), templatesOf(fragileTemplate), at(100), VOLUNTEER)).toThrow(/volunteer-courier version 1/);
  });

  it('accepts the instant in any valid spelling', () => {
    const state = stateOf(signAt(v1, 60, { expiresAt: at(YEAR) }));
    expect(coverageAt(state, TEMPLATES, '2025-03-01T01:00:00Z', VOLUNTEER)).toEqual(coveredBy('waiver-1'));
  });
});

describe('coverageTimeline', () => {
  it('lists each stretch of coverage with its waiver, version and cap, bounds from inclusive and until exclusive', () => {
    const commands: WaiverSigningCommand[] = [
      signAt(v1, 60, { expiresAt: at(40 * DAY) }),
      signAt(v2, 20 * DAY),
      revoke('waiver-2', 50 * DAY),
      signAt(v2, 60 * DAY, { waiverId: 'waiver-3', expiresAt: at(YEAR) }),
    ];
    const state = stateOf(...commands);
    expect(coverageTimeline(state, TEMPLATES, VOLUNTEER)).toEqual([
      { from: at(60), until: at(30 * DAY), waiverId: 'waiver-1', templateId: TEMPLATE_ID, version: 1, cap: CAP_200, textHash: hash(1) },
      { from: at(30 * DAY), until: at(50 * DAY), waiverId: 'waiver-2', templateId: TEMPLATE_ID, version: 2, cap: { amountMinor: 25_000, currency: 'USD' }, textHash: hash(2) },
      { from: at(60 * DAY), until: at(YEAR), waiverId: 'waiver-3', templateId: TEMPLATE_ID, version: 2, cap: { amountMinor: 25_000, currency: 'USD' }, textHash: hash(2) },
    ]);
  });

  it('is empty for a participant who never signed, or whose waivers never applied', () => {
    expect(coverageTimeline(waiverSigningDecider.initialState(), TEMPLATES, VOLUNTEER)).toEqual([]);
    expect(coverageTimeline(stateOf(signAt(v1, 60)), TEMPLATES, { participantKind: 'gig' })).toEqual([]);
  });
});

describe('coverageHistory', () => {
  const V2_CAP = { amountMinor: 25_000, currency: 'USD' };

  it('says why each interval ends and why each gap is uncovered: superseded, revoked, then expired for good', () => {
    const state = stateOf(signAt(v1, 60, { expiresAt: at(40 * DAY) }), signAt(v2, 20 * DAY), revoke('waiver-2', 50 * DAY), signAt(v2, 60 * DAY, { waiverId: 'waiver-3', expiresAt: at(YEAR) }));
    const history = coverageHistory(state, TEMPLATES, VOLUNTEER);
    expect(history.intervals).toEqual([
      { from: at(60), until: at(30 * DAY), waiverId: 'waiver-1', templateId: TEMPLATE_ID, version: 1, cap: CAP_200, textHash: hash(1), endsBecause: 'superseded' },
      { from: at(30 * DAY), until: at(50 * DAY), waiverId: 'waiver-2', templateId: TEMPLATE_ID, version: 2, cap: V2_CAP, textHash: hash(2), endsBecause: 'revoked' },
      { from: at(60 * DAY), until: at(YEAR), waiverId: 'waiver-3', templateId: TEMPLATE_ID, version: 2, cap: V2_CAP, textHash: hash(2), endsBecause: 'expired' },
    ]);
    expect(history.gaps).toEqual([
      { from: at(50 * DAY), until: at(60 * DAY), reason: 'revoked', waiverId: 'waiver-2' },
      { from: at(YEAR), until: null, reason: 'expired', waiverId: 'waiver-3' },
    ]);
    // The timeline is the same intervals without the reasons.
    expect(coverageTimeline(state, TEMPLATES, VOLUNTEER)).toEqual(history.intervals.map(({ endsBecause: _why, ...interval }) => interval));
  });

  it('names a gap before a version takes effect, and the end of a version and its retirement', () => {
    const ending = published(publish(1, { effectiveUntil: at(20 * DAY) }));
    expect(coverageHistory(stateOf(signAt(versionFrom(ending, 1), 60)), templatesOf(ending), VOLUNTEER)).toEqual({
      intervals: [expect.objectContaining({ from: at(60), until: at(20 * DAY), endsBecause: 'version-ended' })],
      gaps: [
        { from: at(20 * DAY), until: at(365 * DAY), reason: 'version-ended', waiverId: 'waiver-1' },
        { from: at(365 * DAY), until: null, reason: 'expired', waiverId: 'waiver-1' },
      ],
    });
    const early = coverageHistory(stateOf(signAt(v2, 60)), TEMPLATES, VOLUNTEER);
    expect(early.gaps[0]).toEqual({ from: at(60), until: at(30 * DAY), reason: 'not-yet-effective', waiverId: 'waiver-2' });
    const retired = templatesOf([
      ...volunteerTemplate,
      { type: 'WaiverTemplateVersionRetired', data: { templateId: TEMPLATE_ID, version: 1, reason: 'flawed', retiredBy: 'admin-1', retiredAt: at(10 * DAY) } },
    ]);
    expect(coverageHistory(stateOf(signAt(v1, 60)), retired, VOLUNTEER).intervals).toEqual([expect.objectContaining({ until: at(10 * DAY), endsBecause: 'version-retired' })]);
  });

  it('ends an interval with later-waiver when a more recently signed template answers while the first still covers', () => {
    const state = stateOf(signAt(v1, 60), signAt(fragile, 70, { waiverId: 'waiver-fragile', expiresAt: at(90) }));
    const history = coverageHistory(state, TEMPLATES, { participantKind: 'volunteer', parcelCategory: 'fragile' });
    // Explained as coverageAt explains it: by the latest signature that applies.
    expect(history.gaps).toEqual([{ from: at(365 * DAY), until: null, reason: 'expired', waiverId: 'waiver-fragile' }]);
    expect(history.intervals.map(({ waiverId, until, endsBecause }) => [waiverId, until, endsBecause])).toEqual([
      ['waiver-1', at(70), 'later-waiver'],
      ['waiver-fragile', at(90), 'expired'],
      ['waiver-1', at(365 * DAY), 'expired'],
    ]);
  });

  it('is empty for a participant who never signed, and all gap for one whose waivers never applied', () => {
    expect(coverageHistory(waiverSigningDecider.initialState(), TEMPLATES, VOLUNTEER)).toEqual({ intervals: [], gaps: [] });
    expect(coverageHistory(stateOf(signAt(v1, 60)), TEMPLATES, { participantKind: 'gig' })).toEqual({
      intervals: [],
      gaps: [{ from: at(60), until: null, reason: 'not-applicable', waiverId: 'waiver-1' }],
    });
  });
});
