import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { hubCycleDecider } from '../../domain/hub-cycle/hub-cycle.decider';
import { commandResult, type CommandResult } from '../shared/command-result';
import { CustodyEdge, type RequestFacts } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';

export class OpenHubCycleCommand {
  constructor(
    readonly cycleId: string | undefined,
    readonly facts: RequestFacts,
  ) {}
}

export class CloseHubCycleCommand {
  constructor(
    readonly cycleId: string,
    readonly facts: RequestFacts,
  ) {}
}

/** A coordinator opens a cycle at their hub, with the hub's current cap. */
@CommandHandler(OpenHubCycleCommand)
export class OpenHubCycleHandler implements ICommandHandler<OpenHubCycleCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ cycleId: given, facts }: OpenHubCycleCommand): Promise<CommandResult> {
    const { party: hub, suspended } = await this.edge.acting(facts.actor);
    const { profile } = await this.edge.participant(hub.id, 'hub');
    const cycleId = given ?? this.edge.newId();
    const command = { type: 'OpenHubCycle' as const, cycleId, hubId: hub.id, cap: profile.perCycleCap, hubSuspended: suspended, openedAt: this.edge.timeOf(facts) };
    return commandResult(cycleId, await this.edge.repository.handleCommand(hubCycleDecider, custodyStreams.hubCycle(cycleId), command, this.edge.context(facts)));
  }
}

/** Only the hub's own coordinator closes its cycle. */
@CommandHandler(CloseHubCycleCommand)
export class CloseHubCycleHandler implements ICommandHandler<CloseHubCycleCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ cycleId, facts }: CloseHubCycleCommand): Promise<CommandResult> {
    const hub = await this.edge.partyOf(facts.actor);
    const command = { type: 'CloseHubCycle' as const, cycleId, hubId: hub.id, closedAt: this.edge.timeOf(facts) };
    return commandResult(cycleId, await this.edge.repository.handleCommand(hubCycleDecider, custodyStreams.hubCycle(cycleId), command, this.edge.context(facts)));
  }
}
