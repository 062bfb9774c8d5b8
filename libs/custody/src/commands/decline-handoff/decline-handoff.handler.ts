import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DeclineParcelHandoff } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { DeclineHandoffRequestDto } from './decline-handoff.request.dto';

export class DeclineHandoffCommand extends ParcelRequest<DeclineHandoffRequestDto> {}

/** The named receiver refuses the parcel, saying why; custody stays with the offerer. */
@CommandHandler(DeclineHandoffCommand)
export class DeclineHandoffHandler implements ICommandHandler<DeclineHandoffCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, handoffId, body, facts }: DeclineHandoffCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const command: DeclineParcelHandoff = { type: 'DeclineParcelHandoff', ...base, handoffId, reason: body.reason, declinedAt: at };
    return this.edge.decideParcel(command, facts);
  }
}
