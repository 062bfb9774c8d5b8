import fc from 'fast-check';
import { DomainError } from '@handoff/kernel';
import { epochNanosOf, type Instant } from '../shared/instant';
import { waiverErrorKinds } from '../shared/waiver.errors';
import { waiverSigningDecider } from '../signing/waiver-signing.decider';
import type { WaiverSigningCommand } from '../signing/waiver-signing.commands';
import { recording, revoke, sign } from '../signing/waiver-signing.fixtures';
import { WAIVER_REVOCATION_REASONS } from '../signing/waiver-signing.events';
import type { Signature, WaiverSignatures } from '../signing/waiver-signing.state';
import type { PublishWaiverTemplateVersion, WaiverTemplateCommand } from '../template/waiver-template.commands';
import { waiverTemplateDecider } from '../template/waiver-template.decider';
import { at, publish } from '../template/waiver-template.fixtures';
import { templateVersionsOf, versionOf, type TemplateVersionLookup, type WaiverTemplate, type WaiverTemplateVersion } from '../template/waiver-template.state';
import { coverageAt, coverageHistory, coverageTimeline, type CoverageInterval, type CoverageSubject } from './waiver-coverage';

/**
 * Random histories — templates with versions that start, end and retire at random, signatures,
 * renewals and revocations at random times, a few nanoseconds apart at times — must give a
 * coverage answer that (1) a brute-force reading of the facts justifies, (2) agrees with the
 * timeline at every instant, boundaries and their neighbouring nanoseconds included.
 */

/** The instant `nanos` nanoseconds after `instant` (both after 1970). */
function shifted(instant: Instant, nanos: number): Instant {
  const total = epochNanosOf(instant) + BigInt(nanos);
  const ms = total / 1_000_000n;
  const sub = total % 1_000_000n;
  return `${new Date(Number(ms)).toISOString().slice(0, 23)}${sub.toString().padStart(6, '0')}Z`;
}

const TEMPLATE_IDS = ['volunteer-courier', 'fragile-goods'] as const;
const KINDS = ['volunteer', 'paid'];
const CATEGORIES = ['general', 'fragile', 'pharmaceutical'];
const SUBJECTS: CoverageSubject[] = [
  { participantKind: 'volunteer' },
  { participantKind: 'volunteer', parcelCategory: 'fragile' },
  { participantKind: 'paid', parcelCategory: [] },
  { participantKind: 'volunteer', parcelCategory: ['fragile', 'pharmaceutical'] },
];

const versionTerms = fc.record({
  effectiveFrom: fc.integer({ min: 0, max: 3_000 }),
  length: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
  participantKinds: fc.subarray(KINDS, { minLength: 1 }),
  parcelCategories: fc.oneof(fc.constant('any' as const), fc.subarray(CATEGORIES, { minLength: 1 })),
  capMinor: fc.integer({ min: 0, max: 50_000 }),
});

const step = fc.record({
  kind: fc.constantFrom('sign', 'sign', 'sign', 'revoke', 'retire'),
  delta: fc.integer({ min: 0, max: 400 }),
  nanos: fc.integer({ min: 0, max: 2 }),
  template: fc.nat(1),
  version: fc.nat(2),
  expiresAfter: fc.integer({ min: 1, max: 6_000 }),
  pick: fc.nat(20),
  freshId: fc.boolean(),
  admin: fc.boolean(),
  reason: fc.constantFrom(...WAIVER_REVOCATION_REASONS),
});

const scenario = fc.record({
  versions: fc.tuple(fc.array(versionTerms, { minLength: 1, maxLength: 3 }), fc.array(versionTerms, { minLength: 1, maxLength: 1 })),
  steps: fc.array(step, { minLength: 1, maxLength: 25 }),
  probes: fc.array(fc.tuple(fc.integer({ min: 0, max: 12_000 }), fc.integer({ min: 0, max: 2 })), { maxLength: 20 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function expectDomainRefusal(run: () => void): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(Object.keys(waiverErrorKinds)).toContain((error as DomainError).code);
  }
}

function played({ versions, steps }: Scenario): { signatures: WaiverSignatures; templates: WaiverTemplate[] } {
  const templates: WaiverTemplate[] = TEMPLATE_IDS.map((templateId, t) =>
    versions[t]!.reduce((state, terms, i) => {
      const command: PublishWaiverTemplateVersion = publish(i + 1, {
        templateId,
        effectiveFrom: at(terms.effectiveFrom),
        ...(terms.length === undefined ? {} : { effectiveUntil: at(terms.effectiveFrom + terms.length) }),
        participantKinds: terms.participantKinds,
        parcelCategories: terms.parcelCategories,
        liabilityCap: { amountMinor: terms.capMinor, currency: 'USD' },
      });
      return waiverTemplateDecider.decide(command, state).reduce(waiverTemplateDecider.evolve, state);
    }, waiverTemplateDecider.initialState()),
  );
  let signatures = waiverSigningDecider.initialState();
  const ids: string[] = [];
  let minutes = 0;
  steps.forEach((s, i) => {
    minutes += s.delta;
    const now = shifted(at(minutes), s.nanos);
    const actor = s.admin ? ({ kind: 'admin', id: 'admin-1' } as const) : undefined;
    if (s.kind === 'retire') {
      const templateIndex = s.template;
      const command: WaiverTemplateCommand = {
        type: 'RetireWaiverTemplateVersion',
        templateId: TEMPLATE_IDS[templateIndex]!,
        version: s.version + 1,
        reason: 'superseded',
        adminId: 'admin-1',
        retiredAt: now,
      };
      expectDomainRefusal(() => {
        templates[templateIndex] = waiverTemplateDecider.decide(command, templates[templateIndex]!).reduce(waiverTemplateDecider.evolve, templates[templateIndex]!);
      });
      return;
    }
    let command: WaiverSigningCommand;
    if (s.kind === 'sign') {
      // Mostly a version that exists, signed by a kind it names; refusals are the decider specs' business.
      const published = templates[s.template]!;
      const count = published.status === 'published' ? published.versions.length : 1;
      const template = versionOf(published, (s.version % count) + 1)!;
      const waiverId = s.freshId || ids.length === 0 ? `w-${i}` : ids[s.pick % ids.length]!;
      const expiresAt = shifted(at(minutes + s.expiresAfter), s.pick % 3);
      const participantKind = template.participantKinds[s.pick % template.participantKinds.length]!;
      command = sign(template, { waiverId, participantKind, signedAt: now, expiresAt, recording: recording(now), ...(actor ? { actor } : {}) });
      if (!ids.includes(waiverId)) ids.push(waiverId);
    } else {
      command = revoke(ids[s.pick % Math.max(1, ids.length)] ?? 'none', 0, { revokedAt: now, reason: s.reason, ...(actor ? { actor } : {}) });
    }
    expectDomainRefusal(() => {
      signatures = waiverSigningDecider.decide(command, signatures).reduce(waiverSigningDecider.evolve, signatures);
    });
  });
  return { signatures, templates };
}

/** The facts read by brute force: does this signature cover the subject at this instant? */
function justifies(signature: Signature, version: WaiverTemplateVersion, instant: Instant, subject: CoverageSubject): boolean {
  const t = epochNanosOf(instant);
  const reached = (boundary: Instant | undefined) => boundary !== undefined && epochNanosOf(boundary) <= t;
  const categories =
    subject.parcelCategory === undefined ? [] : typeof subject.parcelCategory === 'string' ? [subject.parcelCategory] : subject.parcelCategory.length === 0 ? ['general'] : subject.parcelCategory;
  const categoriesCovered = version.parcelCategories === 'any' || categories.every((category) => (version.parcelCategories as string[]).includes(category));
  return (
    reached(signature.signedAt) &&
    reached(version.effectiveFrom) &&
    !reached(signature.expiresAt) &&
    !reached(signature.revoked?.revokedAt) &&
    !reached(signature.superseded?.from) &&
    !reached(version.retired?.retiredAt) &&
    !reached(version.effectiveUntil) &&
    version.participantKinds.includes(subject.participantKind) &&
    categoriesCovered
  );
}

function probesOf(signatures: WaiverSignatures, lookup: TemplateVersionLookup, extra: Instant[]): Instant[] {
  if (signatures.status === 'never-signed') return extra;
  const boundaries = signatures.signatures.flatMap((s) => {
    const v = lookup(s.templateId, s.version)!;
    return [s.signedAt, s.coverageFrom, s.expiresAt, s.superseded?.from, s.revoked?.revokedAt, v.effectiveFrom, v.effectiveUntil, v.retired?.retiredAt];
  });
  return [...extra, ...boundaries.filter((b): b is Instant => b !== undefined).flatMap((b) => [shifted(b, -1), b, shifted(b, 1)])];
}

const intervalAt = (timeline: CoverageInterval[], instant: Instant) => timeline.find((i) => epochNanosOf(i.from) <= epochNanosOf(instant) && epochNanosOf(instant) < epochNanosOf(i.until));

/**
 * The history's intervals are the timeline's, and with its gaps they tile the time from the first
 * signature on, end to end; at every probe the piece holding it says what coverageAt says.
 */
function expectHistoryToTile(signatures: WaiverSignatures, lookup: TemplateVersionLookup, subject: CoverageSubject, timeline: CoverageInterval[], probes: Instant[]): void {
  const history = coverageHistory(signatures, lookup, subject);
  expect(history.intervals.map(({ endsBecause: _why, ...interval }) => interval)).toEqual(timeline);
  if (signatures.status === 'never-signed') return expect(history.gaps).toEqual([]);
  const pieces = [...history.intervals.map((interval) => ({ ...interval, gap: false })), ...history.gaps.map((gap) => ({ ...gap, gap: true }))].sort((a, b) =>
    Number(epochNanosOf(a.from) - epochNanosOf(b.from)),
  );
  const firstSigned = signatures.signatures.map((signature) => epochNanosOf(signature.signedAt)).reduce((a, b) => (a < b ? a : b));
  expect(epochNanosOf(pieces[0]!.from)).toBe(firstSigned);
  pieces.forEach((piece, i) => expect(piece.until).toBe(i + 1 < pieces.length ? pieces[i + 1]!.from : null));
  for (const instant of probes.filter((probe) => epochNanosOf(probe) >= firstSigned)) {
    const t = epochNanosOf(instant);
    const holding = pieces.filter((piece) => epochNanosOf(piece.from) <= t && (piece.until === null || t < epochNanosOf(piece.until)));
    expect(holding).toHaveLength(1);
    const coverage = coverageAt(signatures, lookup, instant, subject);
    if (coverage.covered) expect(holding[0]).toMatchObject({ gap: false, waiverId: coverage.waiverId });
    else expect(holding[0]).toMatchObject({ gap: true, reason: coverage.reason, waiverId: coverage.waiverId });
  }
}

describe('coverage, for random histories', () => {
  it('is justified by the facts, and covered exactly within an interval of the timeline, with the same waiver and cap', () => {
    fc.assert(
      fc.property(scenario, (generated) => {
        const { signatures, templates } = played(generated);
        const lookup = templateVersionsOf(templates);
        const probes = probesOf(
          signatures,
          lookup,
          generated.probes.map(([minutes, nanos]) => shifted(at(minutes), nanos)),
        );
        for (const subject of SUBJECTS) {
          const timeline = coverageTimeline(signatures, lookup, subject);
          timeline.forEach((interval, i) => {
            expect(epochNanosOf(interval.from) < epochNanosOf(interval.until)).toBe(true);
            if (i > 0) expect(epochNanosOf(timeline[i - 1]!.until) <= epochNanosOf(interval.from)).toBe(true);
          });
          for (const instant of probes) {
            const coverage = coverageAt(signatures, lookup, instant, subject);
            const justifying = signatures.status === 'signed' ? signatures.signatures.filter((s) => justifies(s, lookup(s.templateId, s.version)!, instant, subject)) : [];
            expect(coverage.covered).toBe(justifying.length > 0);
            const interval = intervalAt(timeline, instant);
            if (coverage.covered) {
              expect(justifying.map((s) => s.waiverId)).toContain(coverage.waiverId);
              expect(interval).toEqual({
                from: interval?.from,
                until: interval?.until,
                waiverId: coverage.waiverId,
                templateId: coverage.templateId,
                version: coverage.version,
                cap: coverage.cap,
                textHash: coverage.textHash,
              });
            } else {
              expect(interval).toBeUndefined();
            }
          }
          expectHistoryToTile(signatures, lookup, subject, timeline, probes);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never leaves a gap when a participant re-signs before their signature expires', () => {
    const renewal = fc
      .record({
        newVersion: fc.boolean(),
        secondEffectiveFrom: fc.integer({ min: 0, max: 5_000 }),
        firstSignedAt: fc.integer({ min: 0, max: 1_000 }),
        firstLength: fc.integer({ min: 1, max: 5_000 }),
        secondAfter: fc.nat(5_000),
        secondLength: fc.integer({ min: 1, max: 5_000 }),
        nanos: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2)),
        probes: fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 20 }),
      })
      .filter((r) => {
        const secondSignedAt = r.firstSignedAt + r.secondAfter;
        const secondStarts = r.newVersion ? Math.max(secondSignedAt, r.secondEffectiveFrom) : secondSignedAt;
        return secondStarts < r.firstSignedAt + r.firstLength;
      });
    fc.assert(
      fc.property(renewal, (r) => {
        const template = [publish(1), publish(2, { effectiveFrom: at(r.secondEffectiveFrom) })].reduce(
          (state: WaiverTemplate, command) => waiverTemplateDecider.decide(command, state).reduce(waiverTemplateDecider.evolve, state),
          waiverTemplateDecider.initialState(),
        );
        const lookup = templateVersionsOf([template]);
        const [n1, n2, n3, n4] = r.nanos;
        const firstSignedAt = shifted(at(r.firstSignedAt), n1);
        const secondSignedAt = shifted(at(r.firstSignedAt + r.secondAfter), n1 + n2);
        const second = versionOf(template, r.newVersion ? 2 : 1)!;
        const secondStarts = r.newVersion ? Math.max(r.firstSignedAt + r.secondAfter, r.secondEffectiveFrom) : r.firstSignedAt + r.secondAfter;
        const commands: WaiverSigningCommand[] = [
          sign(versionOf(template, 1)!, { waiverId: 'first', signedAt: firstSignedAt, expiresAt: shifted(at(r.firstSignedAt + r.firstLength), n3), recording: recording(firstSignedAt) }),
          sign(second, { waiverId: 'second', signedAt: secondSignedAt, expiresAt: shifted(at(secondStarts + r.secondLength), n4), recording: recording(secondSignedAt) }),
        ];
        const signatures = commands.reduce((state, command) => waiverSigningDecider.decide(command, state).reduce(waiverSigningDecider.evolve, state), waiverSigningDecider.initialState());
        expect(signatures.status === 'signed' && signatures.signatures.map((s) => s.waiverId)).toEqual(['first', 'second']);
        if (signatures.status !== 'signed') return;
        const [first, last] = signatures.signatures as [Signature, Signature];

        const timeline = coverageTimeline(signatures, lookup, { participantKind: 'volunteer' });
        expect(timeline[0]!.from).toBe(first.coverageFrom);
        expect(timeline[timeline.length - 1]!.until).toBe(last.expiresAt);
        timeline.slice(1).forEach((interval, i) => expect(interval.from).toBe(timeline[i]!.until));

        const start = epochNanosOf(first.coverageFrom);
        const end = epochNanosOf(last.expiresAt);
        const probes = probesOf(
          signatures,
          lookup,
          r.probes.map((minutes) => at(minutes)),
        );
        for (const instant of probes) {
          const t = epochNanosOf(instant);
          expect(coverageAt(signatures, lookup, instant, { participantKind: 'volunteer' }).covered).toBe(start <= t && t < end);
        }
      }),
      { numRuns: 200 },
    );
  });
});
