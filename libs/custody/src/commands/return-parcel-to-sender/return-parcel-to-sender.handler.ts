import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReturnParcelToSender } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { ReturnParcelToSenderRequestDto } from './return-parcel-to-sender.request.dto';

export class ReturnParcelToSenderCommand extends ParcelRequest<ReturnParcelToSenderRequestDto> {}

/** The holding depot sends the parcel back to its retailer; custody ends. */
@CommandHandler(ReturnParcelToSenderCommand)
export class ReturnParcelToSenderHandler implements ICommandHandler<ReturnParcelToSenderCommand, CommandResult> {
  constructor(
    private readonly edge: CustodyEdge,
  ) {}

  async execute({ parcelId, body, facts }: ReturnParcelToSenderCommand): Promise<CommandResult> {
    const actor = await this.edge.partyOf(facts.actor);
    const command: ReturnParcelToSender = { type: 'ReturnParcelToSender', parcelId, actor, condition: { ...body.condition }, returnedAt: this.edge.timeOf(facts) };
    return this.edge.decideParcel(command, facts);
  }
}
