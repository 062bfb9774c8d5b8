import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReturnParcelToDepot } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { ReturnParcelToDepotRequestDto } from './return-parcel-to-depot.request.dto';

export class ReturnParcelToDepotCommand extends ParcelRequest<ReturnParcelToDepotRequestDto> {}

/** The depot hub takes a parcel back from whoever holds it. */
@CommandHandler(ReturnParcelToDepotCommand)
export class ReturnParcelToDepotHandler implements ICommandHandler<ReturnParcelToDepotCommand, CommandResult> {
  constructor(
    private readonly edge: CustodyEdge,
  ) {}

  async execute({ parcelId, body, facts }: ReturnParcelToDepotCommand): Promise<CommandResult> {
    const actor = await this.edge.partyOf(facts.actor);
    const command: ReturnParcelToDepot = { type: 'ReturnParcelToDepot', parcelId, actor, condition: { ...body.condition }, returnedAt: this.edge.timeOf(facts) };
    return this.edge.decideParcel(command, facts);
  }
}
