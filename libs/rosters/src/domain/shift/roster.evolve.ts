import type { RosterEvent } from './shift.events';
import type { Roster } from './roster.state';

const kept = (state: Roster, hubId: string): Extract<Roster, { status: 'kept' }> => (state.status === 'kept' ? state : { status: 'kept', hubId, shifts: {}, worked: {} });

export const evolve = (state: Roster, event: RosterEvent): Roster => {
  switch (event.type) {
    case 'RosterShiftPublished': {
      const { hubId, shiftId, participantId, role, blockId, startsAt, endsAt, publishedBy, publishedAt } = event.data;
      const roster = kept(state, hubId);
      return { ...roster, shifts: { ...roster.shifts, [shiftId]: { shiftId, participantId, role, blockId, startsAt, endsAt, publishedBy, publishedAt, status: 'published' } } };
    }
    case 'RosterShiftChanged': {
      const roster = kept(state, event.data.hubId);
      const shift = roster.shifts[event.data.shiftId];
      if (!shift) return roster;
      return { ...roster, shifts: { ...roster.shifts, [shift.shiftId]: { ...shift, ...event.data.to } } };
    }
    case 'RosterShiftCancelled': {
      const roster = kept(state, event.data.hubId);
      const shift = roster.shifts[event.data.shiftId];
      if (!shift) return roster;
      return { ...roster, shifts: { ...roster.shifts, [shift.shiftId]: { ...shift, status: 'cancelled' } } };
    }
    case 'RosterPromiseBroken':
      return kept(state, event.data.hubId);
    case 'ShiftWorked': {
      const roster = kept(state, event.data.hubId);
      return { ...roster, worked: { ...roster.worked, [event.data.shiftId]: event.data } };
    }
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
