import { hubCycleDecider } from '../../domain/hub-cycle/hub-cycle.decider';
import { intakeOf } from '../../domain/hub-cycle/hub-cycle.state';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReceiveParcelAtHub } from '../../domain/parcel/parcel.commands';
import { parcelDecider } from '../../domain/parcel/parcel.decider';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest, type RequestFacts } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';
import type { ReceiveParcelAtHubRequestDto } from './receive-parcel-at-hub.request.dto';

export class ReceiveParcelAtHubCommand extends ParcelRequest<ReceiveParcelAtHubRequestDto> {}

/** The hub scans a parcel in (from whoever holds it); counted against the hub's open cycle when one is named. */
@CommandHandler(ReceiveParcelAtHubCommand)
export class ReceiveParcelAtHubHandler implements ICommandHandler<ReceiveParcelAtHubCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, body, facts }: ReceiveParcelAtHubCommand): Promise<CommandResult> {
    const { base, at: receivedAt } = await this.edge.parcelCommand(parcelId, facts);
    const command = (cycle: ReceiveParcelAtHub['cycle']): ReceiveParcelAtHub => ({ type: 'ReceiveParcelAtHub', ...base, condition: { ...body.condition }, cycle, receivedAt });
    const { cycleId } = body;
    if (!cycleId) return this.edge.decideParcel(command(null), facts);
    // The parcel is judged first, on the state its append will expect (the cycle only shapes the
    // event's data, never the verdict), so a refused parcel is never counted in the cycle. Only a
    // write to the parcel between this judgement and the append can still refuse after counting.
    return this.edge.decideParcelFrom(
      parcelId,
      async (parcel) => {
        const judged = parcelDecider.decide(command({ cycleId, overCap: false }), parcel);
        if (judged.length === 0) return command(null);
        return command(await this.recordIntake(cycleId, base.actor.id, parcelId, receivedAt, facts));
      },
      facts,
    );
  }

  /** The cycle's own stream counts the intake; the parcel then records how it counted. */
  private async recordIntake(cycleId: string, hubId: string, parcelId: string, receivedAt: string, facts: RequestFacts) {
    const command = { type: 'RecordHubCycleIntake' as const, cycleId, hubId, parcelId, receivedAt };
    const outcome = await this.edge.repository.handleCommand(hubCycleDecider, custodyStreams.hubCycle(cycleId), command, this.edge.context(facts));
    return intakeOf(outcome.state, parcelId);
  }
}
