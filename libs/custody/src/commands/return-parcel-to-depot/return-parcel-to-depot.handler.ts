import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReturnParcelToDepot } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { ReturnParcelToDepotRequestDto } from './return-parcel-to-depot.request.dto';

export class ReturnParcelToDepotCommand extends ParcelRequest<ReturnParcelToDepotRequestDto> {}

/** The depot hub takes a parcel back from whoever holds it. */
@CommandHandler(ReturnParcelToDepotCommand)
export class ReturnParcelToDepotHandler implements ICommandHandler<ReturnParcelToDepotCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, body, facts }: ReturnParcelToDepotCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const command: ReturnParcelToDepot = { type: 'ReturnParcelToDepot', ...base, condition: { ...body.condition }, returnedAt: at };
    return this.edge.decideParcel(command, facts);
  }
}
