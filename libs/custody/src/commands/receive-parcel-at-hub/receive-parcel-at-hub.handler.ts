import { hubCycleDecider } from '../../domain/hub-cycle/hub-cycle.decider';
import { hubCycleErrors } from '../../domain/hub-cycle/hub-cycle.errors';
import { intakeOf } from '../../domain/hub-cycle/hub-cycle.state';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReceiveParcelAtHub } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest, type RequestFacts } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';
import type { ReceiveParcelAtHubRequestDto } from './receive-parcel-at-hub.request.dto';

export class ReceiveParcelAtHubCommand extends ParcelRequest<ReceiveParcelAtHubRequestDto> {}

/** The hub scans a parcel in (from whoever holds it); counted against the hub's open cycle when one is named. */
@CommandHandler(ReceiveParcelAtHubCommand)
export class ReceiveParcelAtHubHandler implements ICommandHandler<ReceiveParcelAtHubCommand, CommandResult> {
  constructor(
    private readonly edge: CustodyEdge,
  ) {}

  async execute({ parcelId, body, facts }: ReceiveParcelAtHubCommand): Promise<CommandResult> {
    const actor = await this.edge.partyOf(facts.actor);
    const receivedAt = this.edge.timeOf(facts);
    const cycle = body.cycleId ? await this.recordIntake(body.cycleId, actor.id, parcelId, receivedAt, facts) : null;
    const command: ReceiveParcelAtHub = { type: 'ReceiveParcelAtHub', parcelId, actor, condition: { ...body.condition }, cycle, receivedAt };
    return this.edge.decideParcel(command, facts);
  }

  /** The cycle's own stream counts the intake first; the parcel then records how it counted. */
  private async recordIntake(cycleId: string, hubId: string, parcelId: string, receivedAt: string, facts: RequestFacts) {
    const stream = custodyStreams.hubCycle(cycleId);
    const { state } = await this.edge.repository.load(hubCycleDecider, stream);
    if (state.status !== 'unopened' && state.hubId !== hubId) throw hubCycleErrors.notOpened(cycleId);
    const outcome = await this.edge.repository.handleCommand(hubCycleDecider, stream, { type: 'RecordHubCycleIntake', cycleId, parcelId, receivedAt }, this.edge.context(facts));
    return intakeOf(outcome.state, parcelId);
  }
}
