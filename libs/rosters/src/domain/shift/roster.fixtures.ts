import { at, coordinator, DAY, HOUR, hub, HUB_ID, NOTICE_MS, recorded, volunteer } from '../shared/roster.fixtures';
import type { CancelRosterShift, ChangeRosterShift, PublishedShift, PublishRosterShifts, RecordShiftWorked } from './roster.commands';
import { rosterDecider } from './roster.decider';
import type { RosterEvent } from './shift.events';

/** Ana sorts block b-north from day 7, 08:00 to 12:00: published at BASE, that is 7 days and 8 hours ahead. */
export const anaSorts = (overrides: Partial<PublishedShift> = {}): PublishedShift => ({
  shiftId: 'shift-ana-1',
  participantId: 'vol-ana',
  role: 'sorter',
  blockId: 'b-north',
  startsAt: at(7 * DAY + 8 * HOUR),
  endsAt: at(7 * DAY + 12 * HOUR),
  ...overrides,
});

export const publish = (shifts: PublishedShift[] = [anaSorts()], overrides: Partial<PublishRosterShifts> = {}): PublishRosterShifts => ({
  type: 'PublishRosterShifts',
  hubId: HUB_ID,
  actor: coordinator,
  hub,
  now: at(0),
  shifts,
  participants: { 'vol-ana': volunteer('vol-ana'), 'vol-ben': volunteer('vol-ben') },
  noticeMs: NOTICE_MS,
  ...overrides,
});

export const changeShift = (overrides: Partial<ChangeRosterShift> = {}): ChangeRosterShift => {
  const { shiftId: _id, ...terms } = anaSorts();
  return {
    type: 'ChangeRosterShift',
    hubId: HUB_ID,
    actor: coordinator,
    hub,
    now: at(2 * DAY),
    shiftId: 'shift-ana-1',
    to: terms,
    reason: 'volunteer-unavailable',
    participant: null,
    noticeMs: NOTICE_MS,
    ...overrides,
  };
};

export const cancelShift = (overrides: Partial<CancelRosterShift> = {}): CancelRosterShift => ({
  type: 'CancelRosterShift',
  hubId: HUB_ID,
  actor: coordinator,
  hub,
  now: at(2 * DAY),
  shiftId: 'shift-ana-1',
  reason: 'hub-closed',
  noticeMs: NOTICE_MS,
  ...overrides,
});

export const recordWorked = (overrides: Partial<RecordShiftWorked> = {}): RecordShiftWorked => ({
  type: 'RecordShiftWorked',
  hubId: HUB_ID,
  actor: coordinator,
  hub,
  now: at(7 * DAY + 12 * HOUR + 5 * 60_000),
  shiftId: 'shift-ana-1',
  participantId: 'vol-ana',
  work: { kind: 'volunteer' },
  startedAt: at(7 * DAY + 8 * HOUR),
  endedAt: at(7 * DAY + 12 * HOUR),
  participant: volunteer('vol-ana'),
  statedTime: { maxSkewMs: 5 * 60_000, backfillWindowMs: 72 * HOUR },
  ...overrides,
});

export const rosterEvents = (...commands: Parameters<typeof rosterDecider.decide>[0][]): RosterEvent[] => recorded(rosterDecider, ...commands);
