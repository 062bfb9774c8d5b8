import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReturnParcelToSender } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { ReturnParcelToSenderRequestDto } from './return-parcel-to-sender.request.dto';

export class ReturnParcelToSenderCommand extends ParcelRequest<ReturnParcelToSenderRequestDto> {}

/** The holding depot sends the parcel back to its retailer; custody ends. */
@CommandHandler(ReturnParcelToSenderCommand)
export class ReturnParcelToSenderHandler implements ICommandHandler<ReturnParcelToSenderCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, body, facts }: ReturnParcelToSenderCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const command: ReturnParcelToSender = { type: 'ReturnParcelToSender', ...base, condition: { ...body.condition }, returnedAt: at };
    return this.edge.decideParcel(command, facts);
  }
}
