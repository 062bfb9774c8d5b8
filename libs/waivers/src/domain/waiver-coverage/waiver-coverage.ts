import { compareInstants, isBefore, isWithin, normaliseInstant, type Instant } from '../shared/instant';
import type { Money, Sha256 } from '../shared/values';
import type { Signature, WaiverSignatures } from '../signing/waiver-signing.state';
import { GENERAL_PARCEL_CATEGORY } from '../template/waiver-template.events';
import type { TemplateVersionLookup, WaiverTemplateVersion } from '../template/waiver-template.state';

/**
 * "At T, was P covered, by which version, with what cap?" — answered from a participant's folded
 * signatures and the versions they name, with no clock and no I/O, so custody's handler can ask it
 * from the write side at the very instant of a handoff, and a read model can answer it the same way.
 *
 * Boundaries, all compared exactly (nanoseconds, see instant.ts):
 * - a signature exists from `signedAt` (inclusive);
 * - it covers from `coverageFrom` (inclusive: the later of `signedAt` and the version's `effectiveFrom`);
 * - it stops covering at `expiresAt`, at the version's `effectiveUntil`, at the version's `retiredAt`,
 *   at its `supersededFrom` and at its `revokedAt`: each exclusive (at that instant it no longer covers);
 *   retirement and revocation take effect at the time they were recorded.
 */
export interface CoverageSubject {
  /** The participant's kind at T, in the words versions list (`volunteer`, `paid`, `gig`…). */
  participantKind: string;
  /**
   * The parcel's categories (one, or all of a parcel's: a version must cover every one of them).
   * An empty list is a parcel with no category (`general`). Absent: coverage of the participant,
   * whatever they carry.
   */
  parcelCategory?: string | readonly string[];
}

export type NotCoveredReason = 'never-signed' | 'not-yet-effective' | 'expired' | 'revoked' | 'version-retired' | 'version-ended' | 'not-applicable';

export type Coverage =
  | { covered: true; waiverId: string; templateId: string; version: number; cap: Money; textHash: Sha256 }
  /** `waiverId`: the signature the reason is about (the latest that applies), when there is one. */
  | { covered: false; reason: NotCoveredReason; waiverId?: string };

/** One stretch of coverage by one waiver: `from` inclusive, `until` exclusive. */
export interface CoverageInterval {
  from: Instant;
  until: Instant;
  waiverId: string;
  templateId: string;
  version: number;
  cap: Money;
  textHash: Sha256;
}

/** What one signature says at an instant: it covers, or why not (`superseded`: its successor answers instead). */
type Verdict = 'covers' | Exclude<NotCoveredReason, 'never-signed'> | 'superseded';

export function coverageAt(signatures: WaiverSignatures, templates: TemplateVersionLookup, instant: Instant, subject: CoverageSubject): Coverage {
  const at = normaliseInstant(instant);
  if (signatures.status === 'never-signed') return { covered: false, reason: 'never-signed' };
  // In signing order, which is also the order of signedAt (the decider keeps facts in order).
  const judged = signatures.signatures
    .filter((signature) => !isBefore(at, signature.signedAt))
    .map((signature) => {
      const version = versionFor(templates, signature);
      const applicable = applies(version, subject);
      return { signature, applies: applicable, verdict: verdictAt(signature, version, at, applicable) };
    });
  if (judged.length === 0) return { covered: false, reason: 'never-signed' };

  const covering = judged.filter((entry) => entry.verdict === 'covers');
  if (covering.length > 0) {
    // Two templates may cover at once (a general waiver and a fragile-goods one): the most recently signed answers.
    const { signature } = covering[covering.length - 1]!;
    return { covered: true, waiverId: signature.waiverId, templateId: signature.templateId, version: signature.version, cap: { ...signature.liabilityCap }, textHash: signature.textHash };
  }
  // Explained by the latest signature that applies to the subject and was not replaced: a superseded
  // signature's successor is itself among the judged (it was signed no later than it took over).
  const inForce = judged.filter((entry) => entry.verdict !== 'superseded');
  const applicable = inForce.filter((entry) => entry.applies);
  if (applicable.length === 0) return { covered: false, reason: 'not-applicable', waiverId: inForce[inForce.length - 1]!.signature.waiverId };
  const { signature, verdict } = applicable[applicable.length - 1]!;
  return { covered: false, reason: verdict as NotCoveredReason, waiverId: signature.waiverId };
}

/**
 * Every stretch of time the participant was covered for the subject, in order, each with the
 * waiver, version and cap in force. Coverage only changes at the instants the signatures and their
 * versions name, so it is computed at each of them and holds until the next one; by the last of
 * them every signature has expired, so every interval ends.
 */
export function coverageTimeline(signatures: WaiverSignatures, templates: TemplateVersionLookup, subject: CoverageSubject): CoverageInterval[] {
  return coverageHistory(signatures, templates, subject).intervals.map(({ endsBecause: _why, ...interval }) => interval);
}

/**
 * Why an interval of coverage ends at its `until`: its signature expired, was revoked or
 * superseded, its version was retired or ended, or (`later-waiver`) it still covered but a more
 * recently signed waiver of another template answers from then on.
 */
export type CoverageEnd = Exclude<Verdict, 'covers' | 'not-yet-effective' | 'not-applicable'> | 'later-waiver';

export interface EndingCoverageInterval extends CoverageInterval {
  endsBecause: CoverageEnd;
}

/**
 * A stretch without coverage after the first signature, with why (as `coverageAt` answers at its
 * start) and the signature the reason is about. `until` exclusive; null: nothing recorded covers
 * again. A supersession never makes a gap (the successor covers from the instant the old one stops,
 * ADR 0024 §4): it shows as the end of an interval.
 */
export interface CoverageGap {
  from: Instant;
  until: Instant | null;
  reason: NotCoveredReason;
  waiverId?: string;
}

export interface CoverageHistory {
  intervals: EndingCoverageInterval[];
  gaps: CoverageGap[];
}

/**
 * The timeline with its reasons: the intervals of coverage, each with why it ends, and the gaps
 * between them and after the last, each with why nothing covers. Together they tile the time from
 * the first signature on, each piece answered by `coverageAt` at its start, so the history, the
 * point answer and custody's check cannot disagree. Future instants (an expiry still to come) are
 * in it as recorded: the query at T decides what is past.
 */
export function coverageHistory(signatures: WaiverSignatures, templates: TemplateVersionLookup, subject: CoverageSubject): CoverageHistory {
  if (signatures.status === 'never-signed') return { intervals: [], gaps: [] };
  // From the first signature on: before it there is nothing to explain (a version's effectiveFrom may be earlier).
  const firstSigned = signatures.signatures.map((signature) => normaliseInstant(signature.signedAt)).sort(compareInstants)[0]!;
  const boundaries = uniqueSorted(signatures.signatures.flatMap((signature) => boundariesOf(signature, versionFor(templates, signature)))).filter((instant) => !isBefore(instant, firstSigned));
  const covered: CoverageInterval[] = [];
  const gaps: CoverageGap[] = [];
  for (let i = 0; i < boundaries.length; i++) {
    const from = boundaries[i]!;
    const until = boundaries[i + 1] ?? null;
    const coverage = coverageAt(signatures, templates, from, subject);
    if (coverage.covered) {
      // After the last boundary every signature has expired: a covered stretch always has an end.
      const end = until!;
      const last = covered[covered.length - 1];
      if (last && last.until === from && last.waiverId === coverage.waiverId) last.until = end;
      else covered.push({ from, until: end, waiverId: coverage.waiverId, templateId: coverage.templateId, version: coverage.version, cap: coverage.cap, textHash: coverage.textHash });
      continue;
    }
    const last = gaps[gaps.length - 1];
    if (last && last.until === from && last.reason === coverage.reason && last.waiverId === coverage.waiverId) last.until = until;
    else gaps.push(coverage.waiverId === undefined ? { from, until, reason: coverage.reason } : { from, until, reason: coverage.reason, waiverId: coverage.waiverId });
  }
  const intervals = covered.map((interval) => ({ ...interval, endsBecause: endOf(signatures.signatures, templates, interval) }));
  return { intervals, gaps };
}

function endOf(signatures: readonly Signature[], templates: TemplateVersionLookup, interval: CoverageInterval): CoverageEnd {
  const signature = signatures.find((candidate) => candidate.waiverId === interval.waiverId)!;
  const verdict = verdictAt(signature, versionFor(templates, signature), interval.until, true);
  return verdict === 'covers' || verdict === 'not-yet-effective' || verdict === 'not-applicable' ? 'later-waiver' : verdict;
}

function verdictAt(signature: Signature, version: WaiverTemplateVersion, at: Instant, applicable: boolean): Verdict {
  const reached = (instant: Instant | undefined) => instant !== undefined && !isBefore(at, instant);
  if (reached(signature.revoked?.revokedAt)) return 'revoked';
  if (reached(signature.superseded?.from)) return 'superseded';
  if (reached(signature.expiresAt)) return 'expired';
  if (reached(version.retired?.retiredAt)) return 'version-retired';
  if (reached(version.effectiveUntil)) return 'version-ended';
  if (!isWithin(at, signature.coverageFrom)) return 'not-yet-effective';
  if (!applicable) return 'not-applicable';
  return 'covers';
}

function applies(version: WaiverTemplateVersion, subject: CoverageSubject): boolean {
  if (!version.participantKinds.includes(subject.participantKind)) return false;
  if (subject.parcelCategory === undefined || version.parcelCategories === 'any') return true;
  const named = typeof subject.parcelCategory === 'string' ? [subject.parcelCategory] : subject.parcelCategory;
  const categories = named.length === 0 ? [GENERAL_PARCEL_CATEGORY] : named;
  const covered = version.parcelCategories;
  return categories.every((category) => covered.includes(category));
}

function versionFor(templates: TemplateVersionLookup, signature: Signature): WaiverTemplateVersion {
  const version = templates(signature.templateId, signature.version);
  // Versions are never deleted: a missing one is a lookup that was not given every template, a wiring defect.
  if (!version) throw new Error(`waiver ${signature.waiverId} names waiver template ${signature.templateId} version ${signature.version}, which the lookup does not have`);
  return version;
}

function boundariesOf(signature: Signature, version: WaiverTemplateVersion): Instant[] {
  const instants = [
    signature.signedAt,
    signature.coverageFrom,
    signature.expiresAt,
    signature.superseded?.from,
    signature.revoked?.revokedAt,
    version.effectiveFrom,
    version.effectiveUntil,
    version.retired?.retiredAt,
  ];
  return instants.filter((instant): instant is Instant => instant !== undefined).map(normaliseInstant);
}

function uniqueSorted(instants: Instant[]): Instant[] {
  return [...new Set(instants)].sort(compareInstants);
}
