import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { participantDecider } from '../../domain/participants/participant.decider';
import { commandResult, type CommandResult } from '../shared/command-result';
import { CustodyEdge } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';
import { ManageParticipantCommand } from '../shared/participant-command';

/** Registers, changes, suspends and reinstates participants: load the participant, decide, append. */
@CommandHandler(ManageParticipantCommand)
export class ManageParticipantHandler implements ICommandHandler<ManageParticipantCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ participantId, build, facts }: ManageParticipantCommand): Promise<CommandResult> {
    const command = build(this.edge.timeOf(facts));
    const outcome = await this.edge.repository.handleCommand(participantDecider, custodyStreams.participant(participantId), command, this.edge.context(facts));
    return commandResult(participantId, outcome);
  }
}
