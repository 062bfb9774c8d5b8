import type { DomainEvent } from '@handoff/kernel';

/**
 * What kind of work a shift was: an hourly role (a dispatcher, paid by the hour), a volunteer's
 * shift (earns credits), or a courier's loop or shift (the dead-mile guarantee's unit).
 */
export type ShiftWork = { kind: 'hourly'; role: string } | { kind: 'volunteer' } | { kind: 'courier'; run: 'loop' | 'shift'; routeId: string | null };

/**
 * A shift was worked, as recorded at its hub: the one fact the pay context prices shifts from
 * (hourly pay, volunteer credits, the dead-mile top-up of a courier's loop). `[startedAt, endedAt)`
 * are the stated times; `recordedAt` is the server's.
 */
export type ShiftWorked = DomainEvent<
  'ShiftWorked',
  { shiftId: string; hubId: string; participantId: string; work: ShiftWork; startedAt: string; endedAt: string; recordedBy: string; recordedAt: string }
>;

/** Who works a rostered shift, where and when: `[startsAt, endsAt)`. `blockId` names the block a sorter sorts (null for roles with none). */
export interface ShiftTerms {
  participantId: string;
  /** A word: `sorter` (the volunteer who sorts a block, who gets surge first refusal for it), `runner`, `intake`… */
  role: string;
  blockId: string | null;
  startsAt: string;
  endsAt: string;
}

/**
 * Stream `roster-<hubId>`: a volunteer shift on the hub's roster, published by its coordinator (or
 * an admin) with `noticeGivenMs` of notice (at least the configured notice period, 6 days by default).
 */
export type RosterShiftPublished = DomainEvent<'RosterShiftPublished', ShiftTerms & { hubId: string; shiftId: string; publishedBy: string; publishedAt: string; noticeGivenMs: number }>;

/** Why a published shift changed: a reason from a fixed list, never free text (no one's health or life story in an event). */
export const SHIFT_CHANGE_REASONS = ['volunteer-unavailable', 'coordinator-unavailable', 'volume-changed', 'hub-closed', 'published-in-error', 'other'] as const;
export type ShiftChangeReason = (typeof SHIFT_CHANGE_REASONS)[number];

/** A published shift got new terms (another volunteer, block, role or time). Always followed by its RosterPromiseBroken. */
export type RosterShiftChanged = DomainEvent<
  'RosterShiftChanged',
  { hubId: string; shiftId: string; from: ShiftTerms; to: ShiftTerms; reason: ShiftChangeReason; changedBy: string; changedAt: string }
>;

/** A published shift was called off. Always followed by its RosterPromiseBroken. */
export type RosterShiftCancelled = DomainEvent<'RosterShiftCancelled', { hubId: string; shiftId: string; reason: ShiftChangeReason; cancelledBy: string; cancelledAt: string }>;

/**
 * A published roster is a promise to the volunteers on it: every change or cancellation breaks it,
 * and says who published it (the coordinator it counts against), who broke it, why, and how late:
 * `noticeGivenMs` is the time from the change to the shift's earlier start (old or new), and
 * `lateByMs` how far inside the notice period that was (0: the full notice was still given).
 */
export type RosterPromiseBroken = DomainEvent<
  'RosterPromiseBroken',
  {
    hubId: string;
    shiftId: string;
    change: 'changed' | 'cancelled';
    publishedBy: string;
    brokenBy: string;
    reason: ShiftChangeReason;
    brokenAt: string;
    shiftStartsAt: string;
    noticeRequiredMs: number;
    noticeGivenMs: number;
    lateByMs: number;
  }
>;

export type RosterEvent = RosterShiftPublished | RosterShiftChanged | RosterShiftCancelled | RosterPromiseBroken | ShiftWorked;

export const rosterEventSchemaVersions = {
  RosterShiftPublished: 1,
  RosterShiftChanged: 1,
  RosterShiftCancelled: 1,
  RosterPromiseBroken: 1,
  ShiftWorked: 1,
} as const satisfies Record<RosterEvent['type'], number>;
