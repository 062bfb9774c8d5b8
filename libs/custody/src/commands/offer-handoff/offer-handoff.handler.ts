import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CollectivePolicySnapshot, OfferParcelHandoff } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { OfferHandoffRequestDto } from './offer-handoff.request.dto';

export class OfferHandoffCommand extends ParcelRequest<OfferHandoffRequestDto> {}

/** The holder offers the parcel to a named courier or hub; it moves only when they accept. */
@CommandHandler(OfferHandoffCommand)
export class OfferHandoffHandler implements ICommandHandler<OfferHandoffCommand, CommandResult> {
  constructor(private readonly edge: CustodyEdge) {}

  async execute({ parcelId, body, facts }: OfferHandoffCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const handoffId = body.handoffId ?? this.edge.newId();
    const receiver = await this.edge.receiverStanding({ kind: body.to.kind, id: body.to.id });
    const command = (policy: CollectivePolicySnapshot): OfferParcelHandoff => ({ type: 'OfferParcelHandoff', ...base, handoffId, receiver, policy, offeredAt: at });
    return { ...(await this.edge.decideParcelUnderPolicy(parcelId, command, facts)), handoffId };
  }
}
