import { assertActsForHub } from '../shared/hub-authority';
import { isId, isInstant, isWord, msOf, normalised } from '../shared/instants';
import { rosterErrors } from '../shared/roster.errors';
import type { CancelRosterShift, ChangeRosterShift, PublishRosterShifts, RecordShiftWorked, RosterCommand, RosterParticipant } from './roster.commands';
import { shiftOf, workedOf, type RosteredShift, type Roster } from './roster.state';
import { SHIFT_CHANGE_REASONS, type RosterEvent, type RosterPromiseBroken, type ShiftTerms, type ShiftWork, type ShiftWorked } from './shift.events';

const MAX_SHIFT_MS = 24 * 3_600_000;
const MAX_SHIFTS_PER_PUBLICATION = 500;

/**
 * A hub's roster: shifts published with at least the notice period, changed or cancelled only as a
 * recorded broken promise, and shifts worked recorded once each (ADR 0028).
 */
export const decide = (command: RosterCommand, state: Roster): RosterEvent[] => {
  assertActsForHub(command.actor, command.hubId, command.hub);
  switch (command.type) {
    case 'PublishRosterShifts':
      return publish(command, state);
    case 'ChangeRosterShift':
      return change(command, state);
    case 'CancelRosterShift':
      return cancel(command, state);
    case 'RecordShiftWorked':
      return recordWorked(command, state);
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

function publish(command: PublishRosterShifts, state: Roster): RosterEvent[] {
  const { hubId, shifts, now, noticeMs } = command;
  if (!Array.isArray(shifts) || shifts.length === 0 || shifts.length > MAX_SHIFTS_PER_PUBLICATION)
    throw rosterErrors.invalidDetails(`Roster of hub ${hubId}`, 'shifts', `must list 1 to ${MAX_SHIFTS_PER_PUBLICATION} shifts`);
  if (new Set(shifts.map((shift) => shift.shiftId)).size !== shifts.length) throw rosterErrors.invalidDetails(`Roster of hub ${hubId}`, 'shifts', 'must name each shift id once');
  const events: RosterEvent[] = [];
  for (const { shiftId, ...proposed } of shifts) {
    if (!isId(shiftId)) throw rosterErrors.invalidDetails(`Roster of hub ${hubId}`, 'shiftId', 'must not be empty');
    const terms = validTerms(`Shift ${shiftId}`, proposed);
    const published = shiftOf(state, shiftId);
    if (published) {
      if (sameTerms(published, terms) && published.status === 'published') continue;
      throw rosterErrors.shiftAlreadyPublished(hubId, shiftId);
    }
    if (workedOf(state, shiftId)) throw rosterErrors.shiftAlreadyWorked(hubId, shiftId);
    assertVolunteer(terms.participantId, command.participants[terms.participantId] ?? null);
    const noticeGivenMs = msOf(terms.startsAt) - msOf(now);
    // Exactly the notice period is enough: "at least 6 days ahead".
    if (noticeGivenMs < noticeMs) throw rosterErrors.noticeTooShort(hubId, shiftId, noticeGivenMs, noticeMs);
    events.push({ type: 'RosterShiftPublished', data: { hubId, shiftId, ...terms, publishedBy: command.actor.id, publishedAt: normalised(now), noticeGivenMs } });
  }
  return events;
}

function change(command: ChangeRosterShift, state: Roster): RosterEvent[] {
  const { hubId, shiftId, now, reason } = command;
  const shift = rosteredShift(state, hubId, shiftId, now);
  const to = validTerms(`Shift ${shiftId}`, command.to);
  if (sameTerms(shift, to)) return [];
  assertReason(shiftId, reason);
  if (to.participantId !== shift.participantId) assertVolunteer(to.participantId, command.participant);
  if (msOf(to.startsAt) <= msOf(now)) throw rosterErrors.invalidDetails(`Shift ${shiftId}`, 'startsAt', 'must be in the future');
  const changedAt = normalised(now);
  const { shiftId: _id, publishedBy: _by, publishedAt: _at, status: _status, ...from } = shift;
  // Moving a shift earlier breaks the promise by more than its old start says: count from the earlier start.
  const earlierStart = msOf(to.startsAt) < msOf(from.startsAt) ? to.startsAt : from.startsAt;
  return [{ type: 'RosterShiftChanged', data: { hubId, shiftId, from, to, reason, changedBy: command.actor.id, changedAt } }, promiseBroken(command, shift, 'changed', earlierStart)];
}

function cancel(command: CancelRosterShift, state: Roster): RosterEvent[] {
  const { hubId, shiftId, now, reason } = command;
  const found = shiftOf(state, shiftId);
  if (found?.status === 'cancelled') return [];
  const shift = rosteredShift(state, hubId, shiftId, now);
  assertReason(shiftId, reason);
  return [{ type: 'RosterShiftCancelled', data: { hubId, shiftId, reason, cancelledBy: command.actor.id, cancelledAt: normalised(now) } }, promiseBroken(command, shift, 'cancelled', shift.startsAt)];
}

function recordWorked(command: RecordShiftWorked, state: Roster): RosterEvent[] {
  const { hubId, shiftId, participantId, now } = command;
  const subject = `Shift ${shiftId}`;
  if (!isId(shiftId)) throw rosterErrors.invalidDetails('Shift worked', 'shiftId', 'must not be empty');
  const work = validWork(subject, command.work);
  if (!isInstant(command.startedAt)) throw rosterErrors.invalidDetails(subject, 'startedAt', 'must be a UTC ISO-8601 instant');
  if (!isInstant(command.endedAt)) throw rosterErrors.invalidDetails(subject, 'endedAt', 'must be a UTC ISO-8601 instant');
  const startedAt = normalised(command.startedAt);
  const endedAt = normalised(command.endedAt);
  const length = msOf(endedAt) - msOf(startedAt);
  if (length <= 0 || length > MAX_SHIFT_MS) throw rosterErrors.invalidDetails(subject, 'endedAt', 'must be after startedAt, at most 24 hours later');
  const data: ShiftWorked['data'] = { shiftId, hubId, participantId, work, startedAt, endedAt, recordedBy: command.actor.id, recordedAt: normalised(now) };
  const recorded = workedOf(state, shiftId);
  if (recorded) {
    if (sameWorked(recorded, data)) return [];
    throw rosterErrors.shiftAlreadyWorked(hubId, shiftId);
  }
  // Stated times are claims (ADR 0008): nothing worked in the future, nothing older than the backfill window but an admin's.
  if (msOf(endedAt) - msOf(now) > command.statedTime.maxSkewMs) throw rosterErrors.timeInFuture('endedAt', endedAt, now);
  if (msOf(now) - msOf(startedAt) > command.statedTime.backfillWindowMs && command.actor.kind !== 'admin')
    throw rosterErrors.backfillNotAllowed('startedAt', startedAt, command.statedTime.backfillWindowMs);
  const participant = command.participant;
  if (!participant) throw rosterErrors.participantNotFound(participantId);
  if (participant.suspended) throw rosterErrors.participantSuspended(participantId);
  const rostered = shiftOf(state, shiftId);
  switch (work.kind) {
    case 'volunteer':
      // A volunteer's shift is one on the roster, worked by the volunteer rostered for it.
      if (!rostered || rostered.status === 'cancelled') throw rosterErrors.shiftNotFound(hubId, shiftId);
      if (rostered.participantId !== participantId) throw rosterErrors.notOnRoster(hubId, shiftId, participantId);
      assertVolunteer(participantId, participant);
      break;
    case 'courier':
      if (rostered) throw rosterErrors.wrongWork(participantId, `shift ${shiftId} is a rostered volunteer shift, not a courier's loop`);
      if (participant.kind !== 'courier') throw rosterErrors.wrongWork(participantId, "a loop or shift for the dead-mile guarantee is a courier's");
      break;
    case 'hourly':
      if (rostered) throw rosterErrors.wrongWork(participantId, `shift ${shiftId} is a rostered volunteer shift, not an hourly role's`);
      if (participant.kind === 'courier' && participant.engagement === 'volunteer') throw rosterErrors.wrongWork(participantId, 'a volunteer earns credits for rostered shifts, not an hourly wage');
      break;
    default: {
      const _never: never = work;
      return _never;
    }
  }
  return [{ type: 'ShiftWorked', data }];
}

/** The published shift to change or cancel: it exists, is not cancelled, and has not started. */
function rosteredShift(state: Roster, hubId: string, shiftId: string, now: string): RosteredShift {
  const shift = shiftOf(state, shiftId);
  if (!shift) throw rosterErrors.shiftNotFound(hubId, shiftId);
  if (shift.status === 'cancelled') throw rosterErrors.shiftCancelled(hubId, shiftId);
  if (msOf(shift.startsAt) <= msOf(now)) throw rosterErrors.shiftStarted(hubId, shiftId, shift.startsAt);
  return shift;
}

function promiseBroken(command: ChangeRosterShift | CancelRosterShift, shift: RosteredShift, change: 'changed' | 'cancelled', shiftStartsAt: string): RosterPromiseBroken {
  const noticeGivenMs = msOf(shiftStartsAt) - msOf(command.now);
  return {
    type: 'RosterPromiseBroken',
    data: {
      hubId: command.hubId,
      shiftId: shift.shiftId,
      change,
      publishedBy: shift.publishedBy,
      brokenBy: command.actor.id,
      reason: command.reason,
      brokenAt: normalised(command.now),
      shiftStartsAt,
      noticeRequiredMs: command.noticeMs,
      noticeGivenMs,
      lateByMs: Math.max(0, command.noticeMs - noticeGivenMs),
    },
  };
}

function assertVolunteer(participantId: string, participant: RosterParticipant | null): void {
  if (!participant) throw rosterErrors.participantNotFound(participantId);
  if (participant.kind !== 'courier' || participant.engagement !== 'volunteer') throw rosterErrors.notAVolunteer(participantId);
  if (participant.suspended) throw rosterErrors.participantSuspended(participantId);
}

function assertReason(shiftId: string, reason: string): void {
  if (!(SHIFT_CHANGE_REASONS as readonly string[]).includes(reason)) throw rosterErrors.invalidDetails(`Shift ${shiftId}`, 'reason', `must be one of ${SHIFT_CHANGE_REASONS.join(', ')}`);
}

function validTerms(subject: string, terms: ShiftTerms): ShiftTerms {
  const { participantId, role, blockId, startsAt, endsAt } = terms;
  if (!isId(participantId)) throw rosterErrors.invalidDetails(subject, 'participantId', 'must not be empty');
  if (!isWord(role)) throw rosterErrors.invalidDetails(subject, 'role', 'must be a lowercase word (sorter, runner, intake)');
  if (blockId !== null && !isWord(blockId)) throw rosterErrors.invalidDetails(subject, 'blockId', 'must be a lowercase word or null');
  if (role === 'sorter' && blockId === null) throw rosterErrors.invalidDetails(subject, 'blockId', 'must name the block a sorter sorts');
  if (!isInstant(startsAt)) throw rosterErrors.invalidDetails(subject, 'startsAt', 'must be a UTC ISO-8601 instant');
  if (!isInstant(endsAt)) throw rosterErrors.invalidDetails(subject, 'endsAt', 'must be a UTC ISO-8601 instant');
  const length = msOf(endsAt) - msOf(startsAt);
  if (length <= 0 || length > MAX_SHIFT_MS) throw rosterErrors.invalidDetails(subject, 'endsAt', 'must be after startsAt, at most 24 hours later');
  return { participantId, role, blockId, startsAt: normalised(startsAt), endsAt: normalised(endsAt) };
}

function validWork(subject: string, work: ShiftWork): ShiftWork {
  switch (work?.kind) {
    case 'volunteer':
      return { kind: 'volunteer' };
    case 'hourly':
      if (!isWord(work.role)) throw rosterErrors.invalidDetails(subject, 'work.role', 'must be a lowercase word (dispatcher)');
      return { kind: 'hourly', role: work.role };
    case 'courier':
      if (work.run !== 'loop' && work.run !== 'shift') throw rosterErrors.invalidDetails(subject, 'work.run', 'must be loop or shift');
      if (work.routeId !== null && !isId(work.routeId)) throw rosterErrors.invalidDetails(subject, 'work.routeId', 'must be an id or null');
      return { kind: 'courier', run: work.run, routeId: work.routeId };
    default:
      throw rosterErrors.invalidDetails(subject, 'work.kind', 'must be volunteer, hourly or courier');
  }
}

/** Field by field: a state replayed from the store may order keys differently. */
const sameTerms = (a: ShiftTerms, b: ShiftTerms): boolean =>
  a.participantId === b.participantId && a.role === b.role && a.blockId === b.blockId && normalised(a.startsAt) === normalised(b.startsAt) && normalised(a.endsAt) === normalised(b.endsAt);

/** The same work, by the same participant, at the same times (who recorded it and when does not make a repeat different). */
const sameWorked = (a: ShiftWorked['data'], b: ShiftWorked['data']): boolean =>
  a.participantId === b.participantId && a.startedAt === b.startedAt && a.endedAt === b.endedAt && JSON.stringify(workKey(a.work)) === JSON.stringify(workKey(b.work));

const workKey = (work: ShiftWork): unknown[] => (work.kind === 'hourly' ? [work.kind, work.role] : work.kind === 'courier' ? [work.kind, work.run, work.routeId] : [work.kind]);
