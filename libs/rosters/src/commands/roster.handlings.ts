import { handleCommand } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import type { RostersConfig } from '@handoff/shared';
import type {
  CancelRosterShift as CancelDomain,
  ChangeRosterShift as ChangeDomain,
  PublishRosterShifts as PublishDomain,
  RecordShiftWorked as WorkedDomain,
  RosterCommand,
} from '../domain/shift/roster.commands';
import { rosterDecider } from '../domain/shift/roster.decider';
import type { Roster } from '../domain/shift/roster.state';
import type { RosterEvent } from '../domain/shift/shift.events';
import type { RosterRecords } from './roster-records';
import { rosterStreams } from './roster-streams';

/** The decider's commands without what the metadata gives (the actor, the clock) and what the handling resolves (hub, participants, notice). */
export type PublishRosterShifts = Command<'PublishRosterShifts', Pick<PublishDomain, 'hubId' | 'shifts'>>;
export type ChangeRosterShift = Command<'ChangeRosterShift', Pick<ChangeDomain, 'hubId' | 'shiftId' | 'to' | 'reason'>>;
export type CancelRosterShift = Command<'CancelRosterShift', Pick<CancelDomain, 'hubId' | 'shiftId' | 'reason'>>;
export type RecordShiftWorked = Command<'RecordShiftWorked', Pick<WorkedDomain, 'hubId' | 'shiftId' | 'participantId' | 'work' | 'startedAt' | 'endedAt'>>;

type RosterCommandType = PublishRosterShifts | ChangeRosterShift | CancelRosterShift | RecordShiftWorked;

/**
 * How roster commands are decided (ADR 0016, ADR 0028): all on the hub's `roster-<hubId>`, by its
 * coordinator or an admin, at the server's time; the notice period is the configured one.
 */
export function rosterHandlings(records: RosterRecords, config: RostersConfig, statedTime: { maxSkewMs: number; backfillWindowMs: number }) {
  const onRoster = <C extends RosterCommandType>(type: C['type'], toDomain: (command: C, base: Pick<PublishDomain, 'hubId' | 'actor' | 'hub' | 'now'>) => Promise<RosterCommand>) =>
    handleCommand<C, RosterCommand, Roster, RosterEvent>({
      type,
      decider: rosterDecider,
      roles: ['coordinator', 'admin'],
      streamOf: (command) => rosterStreams.roster(command.data.hubId),
      toDomain: async (command) => toDomain(command, { hubId: command.data.hubId, now: command.metadata.now, ...(await records.hubActor(command.metadata.actor, command.data.hubId)) }),
      created: ({ data }): Record<string, string> => ('shiftId' in data ? { shiftId: data.shiftId } : {}),
    });

  return [
    onRoster<PublishRosterShifts>('PublishRosterShifts', async ({ data }, base) => ({
      ...base,
      type: 'PublishRosterShifts',
      shifts: data.shifts,
      participants: await records.participants(data.shifts.map((shift) => shift.participantId)),
      noticeMs: config.noticeMs,
    })),
    onRoster<ChangeRosterShift>('ChangeRosterShift', async ({ data }, base) => ({
      ...base,
      type: 'ChangeRosterShift',
      shiftId: data.shiftId,
      to: data.to,
      reason: data.reason,
      participant: await records.participant(data.to.participantId),
      noticeMs: config.noticeMs,
    })),
    onRoster<CancelRosterShift>('CancelRosterShift', async ({ data }, base) => ({ ...base, type: 'CancelRosterShift', shiftId: data.shiftId, reason: data.reason, noticeMs: config.noticeMs })),
    onRoster<RecordShiftWorked>('RecordShiftWorked', async ({ data }, base) => ({
      ...base,
      ...data,
      type: 'RecordShiftWorked',
      participant: await records.participant(data.participantId),
      statedTime,
    })),
  ];
}
