/**
 * A parcel's custody chain as people read it: holder-by-holder segments, the gaps between them
 * and the flags an insurer or a collective looks for, computed from the chain document's steps
 * for any instant (`asOf`) — pure, so "as of" and "now" are the same code.
 */
import { sameParty } from '../../domain/shared/party';
import type { PartyRef } from '../../domain/shared/party';
import type { ParcelCondition, WaiverInEffect } from '../../domain/parcel/parcel.events';
import type { CustodyChainDocument, CustodyStep } from './custody-chain.projection';

export const LONG_HOLD_MS = 24 * 60 * 60 * 1000;

export interface SegmentEdge {
  how: CustodyStep['type'];
  /** The time the client stated, and when the server recorded it. */
  at: string;
  recordedAt: string;
  backdated?: true;
  eventId: string;
  handoffId?: string;
  condition?: ParcelCondition;
  evidence?: string[];
  reason?: string;
}

export interface CustodySegment {
  holder: PartyRef;
  from: string;
  /** null while the holder still has the parcel (at `asOf`). */
  to: string | null;
  started: SegmentEdge;
  ended: SegmentEdge | null;
  heldMs: number;
  flags: SegmentFlag[];
  /**
   * The waiver in effect when the holder took custody (id, template, version, text hash, cap,
   * gross-negligence clause), as the accepted handoff recorded it: what an insurer reads at an
   * incident in this segment. null when none was recorded: the holder is not a courier, or had
   * none and the collective did not require one. On a handoff recorded before the terms were
   * (ParcelHandoffAccepted v1), template, version, cap and clause are null: not recorded.
   */
  waiver: WaiverInEffect | null;
}

export type SegmentFlag = 'held-over-24h' | 'over-cap-cycle' | 'condition-changed' | 'incident-reported' | 'backdated';

/**
 * A break in the chain. `no-holder`: nobody is on record between two segments. `unrecorded-handover`:
 * the next holder took the parcel from someone other than the holder on record, so a link is missing.
 */
export interface CustodyGap {
  kind: 'no-holder' | 'unrecorded-handover';
  from: string;
  to: string;
  /** The holder on record before the break, and the party the parcel came from after it. */
  after: PartyRef;
  before: PartyRef;
}

export interface DeclinedOffer {
  handoffId?: string;
  from?: PartyRef;
  to?: PartyRef;
  reason?: string;
  at: string;
  recordedAt: string;
}

export interface CustodyChainView {
  parcelId: string;
  asOf: string;
  /** The holder at `asOf`; null before registration and after custody ended. */
  currentHolder: PartyRef | null;
  segments: CustodySegment[];
  gaps: CustodyGap[];
  declinedOffers: DeclinedOffer[];
  incidents: Array<{ kind: 'damaged' | 'lost' | 'stolen'; reportedBy?: PartyRef; at: string; recordedAt: string; discoveredAt?: string; description?: string }>;
  /** Every distinct flag raised anywhere in the chain, plus `declined-offer` and `gap`. */
  flags: Array<SegmentFlag | 'declined-offer' | 'gap'>;
  /** Steps (facts) taken into account, in recorded order. */
  steps: number;
}

/**
 * Builds the chain as it stood at `asOf` (default: `now`). Facts whose world time is after
 * `asOf` are left out; a segment still open at `asOf` is measured up to `asOf`.
 */
export function custodyChainView(document: CustodyChainDocument, options: { now: string; asOf?: string }): CustodyChainView {
  const asOf = options.asOf ?? options.now;
  const cutoff = Date.parse(asOf);
  const steps = [...document.steps].sort((a, b) => a.position - b.position).filter((step) => Date.parse(step.at) <= cutoff);
  const segments: CustodySegment[] = [];
  const declinedOffers: DeclinedOffer[] = [];
  const incidents: CustodyChainView['incidents'] = [];
  const gaps: CustodyGap[] = [];
  let open: CustodySegment | undefined;
  let lastEnded: CustodySegment | undefined;
  const overCapCycles = new Set((document.intakes ?? []).filter((intake) => intake.overCap).map((intake) => intake.cycleId));

  for (const step of steps) {
    const edge = edgeOf(step);
    if (step.effect === 'takes-custody' && step.holder) {
      if (open && step.from && !sameParty(open.holder, step.from)) {
        gaps.push({ kind: 'unrecorded-handover', from: step.at, to: step.at, after: open.holder, before: step.from });
      }
      if (!open && lastEnded?.to) {
        gaps.push({ kind: 'no-holder', from: lastEnded.to, to: step.at, after: lastEnded.holder, before: step.from ?? step.holder });
      }
      if (open) close(open, edge);
      open = { holder: step.holder, from: step.at, to: null, started: edge, ended: null, heldMs: 0, flags: [], waiver: step.waiver ?? null };
      if (step.cycle && overCapCycles.has(step.cycle.cycleId)) open.flags.push('over-cap-cycle');
      segments.push(open);
    } else if (step.effect === 'ends-custody') {
      if (step.incident) incidents.push(incidentOf(step));
      if (open) {
        close(open, edge);
        if (step.incident) addFlag(open, 'incident-reported');
        lastEnded = open;
        open = undefined;
      }
    } else if (step.incident) {
      incidents.push(incidentOf(step));
      if (open) addFlag(open, 'incident-reported');
    } else if (step.type === 'ParcelHandoffDeclined') {
      declinedOffers.push({ handoffId: step.handoffId, from: step.from, to: step.to, reason: step.reason, at: step.at, recordedAt: step.recordedAt });
    }
  }

  for (const [index, segment] of segments.entries()) {
    const end = segment.to ? Date.parse(segment.to) : cutoff;
    segment.heldMs = Math.max(0, end - Date.parse(segment.from));
    if (segment.heldMs > LONG_HOLD_MS) addFlag(segment, 'held-over-24h');
    if (segment.started.backdated || segment.ended?.backdated) addFlag(segment, 'backdated');
    const previous = segments[index - 1];
    if (previous && conditionAtStart(previous) !== undefined && conditionAtStart(segment) !== undefined && conditionAtStart(previous) !== conditionAtStart(segment)) {
      // The parcel was handed over in another condition than it was taken in: the change
      // happened during the previous holder's custody.
      addFlag(previous, 'condition-changed');
    }
  }

  const flags = new Set<CustodyChainView['flags'][number]>(segments.flatMap((segment) => segment.flags));
  if (declinedOffers.length > 0) flags.add('declined-offer');
  if (gaps.length > 0) flags.add('gap');
  if (steps.some((step) => step.backdated)) flags.add('backdated');
  return {
    parcelId: document._id,
    asOf,
    currentHolder: open?.holder ?? null,
    segments,
    gaps,
    declinedOffers,
    incidents,
    flags: [...flags],
    steps: steps.length,
  };
}

function edgeOf(step: CustodyStep): SegmentEdge {
  const edge: SegmentEdge = { how: step.type, at: step.at, recordedAt: step.recordedAt, eventId: step.eventId };
  if (step.backdated) edge.backdated = true;
  if (step.handoffId) edge.handoffId = step.handoffId;
  if (step.condition) edge.condition = step.condition;
  if (step.evidence && step.evidence.length > 0) edge.evidence = step.evidence;
  if (step.reason) edge.reason = step.reason;
  return edge;
}

function close(segment: CustodySegment, edge: SegmentEdge): void {
  segment.to = edge.at;
  segment.ended = edge;
}

function addFlag(segment: CustodySegment, flag: SegmentFlag): void {
  if (!segment.flags.includes(flag)) segment.flags.push(flag);
}

function conditionAtStart(segment: CustodySegment): ParcelCondition | undefined {
  return segment.started.condition;
}

function incidentOf(step: CustodyStep): CustodyChainView['incidents'][number] {
  return { kind: step.incident!, reportedBy: step.from, at: step.at, recordedAt: step.recordedAt, discoveredAt: step.discoveredAt, description: step.reason };
}
