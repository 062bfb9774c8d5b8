import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SortParcel } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { SortParcelRequestDto } from './sort-parcel.request.dto';

export class SortParcelCommand extends ParcelRequest<SortParcelRequestDto> {}

/** The holding hub sorts a parcel into a tote and a route. */
@CommandHandler(SortParcelCommand)
export class SortParcelHandler implements ICommandHandler<SortParcelCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, body, facts }: SortParcelCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const command: SortParcel = { type: 'SortParcel', ...base, toteId: body.toteId, routeId: body.routeId, sortedAt: at };
    return this.edge.decideParcel(command, facts);
  }
}
