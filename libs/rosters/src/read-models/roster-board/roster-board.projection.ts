/**
 * The roster board: one document per rostered shift (`rosterShifts`, the roster per hub and week)
 * and one per broken promise (`brokenPromises`, per hub and per coordinator who published). Every
 * change is a `$set` of what the event says, never an increment, so a replay leaves the same
 * documents; a broken promise's id is its event's place in the hub's stream.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { defineProjection, update, upsert, type ProjectionHandlers } from '@handoff/projections';
import type { RosterEvent } from '../../domain/shift/shift.events';

export const ROSTER_SHIFTS = 'rosterShifts';
export const BROKEN_PROMISES = 'brokenPromises';

type Envelope<T extends RosterEvent['type']> = RecordedEnvelope<Extract<RosterEvent, { type: T }>>;

export const shiftDocumentId = (hubId: string, shiftId: string): string => `${hubId}/${shiftId}`;

/** The Monday (UTC) of the week an instant falls in, as `YYYY-MM-DD`: rosters are read a week at a time. */
export function weekOf(instant: string): string {
  const day = new Date(Date.parse(instant));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

const handlers: ProjectionHandlers<RosterEvent> = {
  RosterShiftPublished: (event: Envelope<'RosterShiftPublished'>) => {
    const { hubId, shiftId, participantId, role, blockId, startsAt, endsAt, publishedBy, publishedAt, noticeGivenMs } = event.data;
    return [
      upsert(ROSTER_SHIFTS, shiftDocumentId(hubId, shiftId), {
        $set: { hubId, shiftId, participantId, role, blockId, startsAt, endsAt, weekOf: weekOf(startsAt), publishedBy, publishedAt, noticeGivenMs, status: 'published' },
      }),
    ];
  },
  RosterShiftChanged: (event: Envelope<'RosterShiftChanged'>) => {
    const { hubId, shiftId, to, changedAt } = event.data;
    return [update(ROSTER_SHIFTS, shiftDocumentId(hubId, shiftId), { $set: { ...to, weekOf: weekOf(to.startsAt), lastChangedAt: changedAt } })];
  },
  RosterShiftCancelled: (event: Envelope<'RosterShiftCancelled'>) => {
    const { hubId, shiftId, cancelledAt } = event.data;
    return [update(ROSTER_SHIFTS, shiftDocumentId(hubId, shiftId), { $set: { status: 'cancelled', lastChangedAt: cancelledAt } })];
  },
  RosterPromiseBroken: (event: Envelope<'RosterPromiseBroken'>) => [upsert(BROKEN_PROMISES, `${event.streamName}@${event.revision}`, { $set: { ...event.data, late: event.data.lateByMs > 0 } })],
  // Only a rostered shift has a document: hourly roles' and couriers' shifts are pay's to read.
  ShiftWorked: (event: Envelope<'ShiftWorked'>) => {
    const { hubId, shiftId, startedAt, endedAt, recordedAt } = event.data;
    return [update(ROSTER_SHIFTS, shiftDocumentId(hubId, shiftId), { $set: { worked: { startedAt, endedAt, recordedAt } } })];
  },
};

export const rosterBoardProjection = defineProjection<RosterEvent>({
  name: 'roster-board',
  version: 1,
  collections: {
    [ROSTER_SHIFTS]: { indexes: [{ key: { hubId: 1, weekOf: 1, startsAt: 1 }, name: 'hub_week_start' }] },
    [BROKEN_PROMISES]: {
      indexes: [
        { key: { hubId: 1, brokenAt: -1 }, name: 'hub_brokenAt' },
        { key: { publishedBy: 1, brokenAt: -1 }, name: 'publisher_brokenAt' },
      ],
    },
  },
  handlers,
});
