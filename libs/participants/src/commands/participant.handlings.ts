import { handleCommand, timeOf } from '@handoff/commands';
import type { Command } from '@handoff/kernel';
import type { ParticipantCommand } from '../domain/participant/participant.commands';
import { participantDecider } from '../domain/participant/participant.decider';
import type { ParticipantEvent } from '../domain/participant/participant.events';
import type { Participant } from '../domain/participant/participant.state';
import { participantStreams } from '../participant-streams';

type ParticipantCommandType = ParticipantCommand['type'];
type DomainCommandOf<Type extends ParticipantCommandType> = Extract<ParticipantCommand, { type: Type }>;

/** The field of each participant command that the command's time goes in (`<verb>edAt`). */
const TIME_FIELDS = {
  RegisterParticipant: 'registeredAt',
  RenameParticipant: 'renamedAt',
  ChangeHubAddress: 'changedAt',
  AssignHubCoordinator: 'assignedAt',
  ChangeHubCycleCap: 'changedAt',
  ChangeCourierEngagement: 'changedAt',
  ChangeCourierVetting: 'changedAt',
  ChangeCollectivePolicy: 'changedAt',
  AdmitCollectiveMember: 'admittedAt',
  RemoveCollectiveMember: 'removedAt',
  SuspendParticipant: 'suspendedAt',
  ReinstateParticipant: 'reinstatedAt',
} as const satisfies { [Type in ParticipantCommandType]: keyof DomainCommandOf<Type> };

type TimeField = (typeof TIME_FIELDS)[ParticipantCommandType];

/** A participant command as data: the decider's command without its type and time, which the command's type and metadata give. */
export type ParticipantCommandData<Type extends ParticipantCommandType = ParticipantCommandType> = Omit<DomainCommandOf<Type>, 'type' | TimeField>;

/**
 * How participant commands are decided (ADR 0016): each is an admin's, on the participant's own
 * stream, and its data is the decider's command but for the time, taken from the command's metadata.
 */
export const participantHandlings = () =>
  (Object.keys(TIME_FIELDS) as ParticipantCommandType[]).map((type) =>
    handleCommand<Command<ParticipantCommandType, ParticipantCommandData>, ParticipantCommand, Participant, ParticipantEvent>({
      type,
      decider: participantDecider,
      roles: ['admin'],
      streamOf: (command) => participantStreams.participant(command.data.participantId),
      toDomain: (command) => ({ ...command.data, type, [TIME_FIELDS[type]]: timeOf(command) }) as ParticipantCommand,
    }),
  );
