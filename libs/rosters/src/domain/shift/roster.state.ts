import type { ShiftTerms, ShiftWorked } from './shift.events';

export interface RosteredShift extends ShiftTerms {
  shiftId: string;
  publishedBy: string;
  publishedAt: string;
  status: 'published' | 'cancelled';
}

/** One hub's roster: its shifts as published and changed, and every shift recorded as worked there (rostered or not). */
export type Roster = { status: 'empty' } | { status: 'kept'; hubId: string; shifts: Record<string, RosteredShift>; worked: Record<string, ShiftWorked['data']> };

export const initialState = (): Roster => ({ status: 'empty' });

export const shiftOf = (roster: Roster, shiftId: string): RosteredShift | undefined => (roster.status === 'kept' ? roster.shifts[shiftId] : undefined);

export const workedOf = (roster: Roster, shiftId: string): ShiftWorked['data'] | undefined => (roster.status === 'kept' ? roster.worked[shiftId] : undefined);

/**
 * Who sorts a block at an instant (surge first refusal, ADR 0028): the volunteer on a published,
 * not cancelled `sorter` shift for that block covering the instant (`startsAt <= at < endsAt`);
 * if two overlap, the one whose shift started first (then the smaller shift id), so the answer
 * never depends on the order shifts were published in.
 */
export function sortersOf(roster: Roster, blockId: string, at: string): RosteredShift[] {
  if (roster.status !== 'kept') return [];
  const instant = Date.parse(at);
  return Object.values(roster.shifts)
    .filter((shift) => shift.status === 'published' && shift.role === 'sorter' && shift.blockId === blockId && Date.parse(shift.startsAt) <= instant && instant < Date.parse(shift.endsAt))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.shiftId < b.shiftId ? -1 : a.shiftId > b.shiftId ? 1 : 0));
}
