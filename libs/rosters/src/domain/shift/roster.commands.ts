import type { HubActor, HubStanding } from '../shared/hub-authority';
import type { ShiftChangeReason, ShiftTerms, ShiftWork } from './shift.events';

/** A participant as the roster rules read them, resolved at the edge; null: there is no such participant. */
export interface RosterParticipant {
  participantId: string;
  /** The participant kind (`courier`, `coordinator`…). */
  kind: string;
  /** A courier's engagement (`volunteer`, `paid`, `gig`). */
  engagement?: string;
  suspended: boolean;
}

/** What every roster command carries from the edge: who acts, the hub as it is now, and the server's clock. */
interface RosterCommandBase {
  hubId: string;
  actor: HubActor;
  hub: HubStanding | null;
  /** The server's clock. */
  now: string;
}

export interface PublishedShift extends ShiftTerms {
  shiftId: string;
}

export interface PublishRosterShifts extends RosterCommandBase {
  type: 'PublishRosterShifts';
  shifts: PublishedShift[];
  /** Every participant the shifts name, as the participants context knows them now. */
  participants: Record<string, RosterParticipant | null>;
  /** The notice period a roster is published with (config, 6 days by default). */
  noticeMs: number;
}

export interface ChangeRosterShift extends RosterCommandBase {
  type: 'ChangeRosterShift';
  shiftId: string;
  /** The shift's new terms, whole. */
  to: ShiftTerms;
  reason: ShiftChangeReason;
  participant: RosterParticipant | null;
  noticeMs: number;
}

export interface CancelRosterShift extends RosterCommandBase {
  type: 'CancelRosterShift';
  shiftId: string;
  reason: ShiftChangeReason;
  noticeMs: number;
}

export interface RecordShiftWorked extends RosterCommandBase {
  type: 'RecordShiftWorked';
  shiftId: string;
  participantId: string;
  work: ShiftWork;
  /** Stated by the recorder (claims, judged against the server's clock). */
  startedAt: string;
  endedAt: string;
  participant: RosterParticipant | null;
  /** How far ahead of `now` an end may be stated, and how far back a start may be by anyone but an admin. */
  statedTime: { maxSkewMs: number; backfillWindowMs: number };
}

export type RosterCommand = PublishRosterShifts | ChangeRosterShift | CancelRosterShift | RecordShiftWorked;
