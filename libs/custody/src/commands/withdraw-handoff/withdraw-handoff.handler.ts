import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WithdrawParcelHandoff } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { WithdrawHandoffRequestDto } from './withdraw-handoff.request.dto';

export class WithdrawHandoffCommand extends ParcelRequest<WithdrawHandoffRequestDto> {}

/** The offerer takes an unanswered offer back. */
@CommandHandler(WithdrawHandoffCommand)
export class WithdrawHandoffHandler implements ICommandHandler<WithdrawHandoffCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, handoffId, body, facts }: WithdrawHandoffCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const command: WithdrawParcelHandoff = { type: 'WithdrawParcelHandoff', ...base, handoffId, reason: body.reason, withdrawnAt: at };
    return this.edge.decideParcel(command, facts);
  }
}
