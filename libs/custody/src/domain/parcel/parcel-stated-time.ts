import type { PartyRef } from '../shared/party';
import type { ParcelCommand } from './parcel.commands';
import type { ParcelEvent } from './parcel.events';
import { parcelErrors } from './parcel.errors';

/**
 * The time a client states for a custody fact (ADR 0008). Offline scanners and phones sync late,
 * so a fact carries the time it happened, not the time it reached us; but a chain an insurer relies
 * on cannot hold facts from the future, facts that run backwards, or silent rewrites of last week.
 * Everything here is decided from values the edge puts on the command: no clock is read.
 */

/** What the server knew when the command arrived, and the tolerances in force. */
export interface RecordingClock {
  /** The server's clock. */
  now: string;
  /** Whether the client stated the time (`occurredAt`); if not, the command's time is `now`. */
  stated: boolean;
  /** How far ahead of `now` a stated time may be (device clocks run fast). */
  maxSkewMs: number;
  /** How far back a time may be stated by anyone; beyond it only a backfilling party, flagged `backdated`. */
  backfillWindowMs: number;
}

/**
 * Who may record a fact older than the window: a hub, whose scanning station batches a shift's
 * intake and syncs it when the connection returns. Couriers and retailers record as they go; a
 * courier whose phone was offline longer records the fact now and says when it happened in notes.
 */
export const mayBackfill = (actor: PartyRef): boolean => actor.kind === 'hub';

/** The field of each command, and of each event, that holds its time in the world. */
const COMMAND_TIME = {
  RegisterParcel: 'registeredAt',
  ReceiveParcelAtHub: 'receivedAt',
  SortParcel: 'sortedAt',
  OfferParcelHandoff: 'offeredAt',
  AcceptParcelHandoff: 'acceptedAt',
  DeclineParcelHandoff: 'declinedAt',
  WithdrawParcelHandoff: 'withdrawnAt',
  RecordFailedDeliveryAttempt: 'attemptedAt',
  DeliverParcel: 'deliveredAt',
  ReturnParcelToDepot: 'returnedAt',
  ReturnParcelToSender: 'returnedAt',
  ReportParcelIncident: 'reportedAt',
} as const satisfies { [Type in ParcelCommand['type']]: keyof Extract<ParcelCommand, { type: Type }> };

const EVENT_TIME = {
  ParcelRegistered: 'registeredAt',
  ParcelReceivedAtHub: 'receivedAt',
  ParcelSorted: 'sortedAt',
  ParcelHandoffOffered: 'offeredAt',
  ParcelHandoffAccepted: 'acceptedAt',
  ParcelHandoffDeclined: 'declinedAt',
  ParcelHandoffWithdrawn: 'withdrawnAt',
  ParcelDeliveryAttemptFailed: 'attemptedAt',
  ParcelDelivered: 'deliveredAt',
  ParcelReturnedToDepot: 'returnedAt',
  ParcelReturnedToSender: 'returnedAt',
  ParcelReportedDamaged: 'reportedAt',
  ParcelReportedLost: 'reportedAt',
  ParcelReportedStolen: 'reportedAt',
} as const satisfies { [Type in ParcelEvent['type']]: keyof Extract<ParcelEvent, { type: Type }>['data'] };

export const timeOfCommand = (command: ParcelCommand): string => (command as unknown as Record<string, string>)[COMMAND_TIME[command.type]]!;

export const timeOfEvent = (event: ParcelEvent): string => (event.data as unknown as Record<string, string>)[EVENT_TIME[event.type]]!;

/** The later of two instants (either may be missing). */
export const later = (a: string | undefined, b: string): string => (a !== undefined && Date.parse(a) > Date.parse(b) ? a : b);

/**
 * A time the server filled in (no `occurredAt`) is never dated before the parcel's last fact: that
 * fact may have been stated up to the skew ahead of our clock, and the chain must stay ordered.
 */
export function datedNoEarlierThan(command: ParcelCommand, lastFactAt: string | undefined): ParcelCommand {
  if (command.recording.stated || lastFactAt === undefined) return command;
  const at = timeOfCommand(command);
  return Date.parse(at) < Date.parse(lastFactAt) ? ({ ...command, [COMMAND_TIME[command.type]]: lastFactAt } as ParcelCommand) : command;
}

/**
 * Judges the command's time against the server's clock and the parcel's last fact: refused if
 * ahead of the clock by more than the skew (422), older than the window from a party that may not
 * backfill (422), or before the last fact (409). Answers whether the fact is a backfill.
 */
export function judgeStatedTime(command: ParcelCommand, lastFactAt: string | undefined): { backdated: boolean } {
  const { parcelId, actor, recording } = command;
  const at = timeOfCommand(command);
  const stated = Date.parse(at);
  const now = Date.parse(recording.now);
  if (stated > now + recording.maxSkewMs) throw parcelErrors.timeInFuture(parcelId, at, recording.now, recording.maxSkewMs);
  const backdated = stated < now - recording.backfillWindowMs;
  if (backdated && !mayBackfill(actor)) throw parcelErrors.backfillNotAllowed(parcelId, actor, at, recording.backfillWindowMs);
  if (lastFactAt !== undefined && stated < Date.parse(lastFactAt)) throw parcelErrors.timeOutOfOrder(parcelId, at, lastFactAt);
  return { backdated };
}

/** Marks a backfilled fact on the events themselves (an optional field: old events simply lack it). */
export const markedBackdated = (events: ParcelEvent[]): ParcelEvent[] => events.map((event) => ({ ...event, data: { ...event.data, backdated: true } }) as ParcelEvent);
