import { Inject } from '@nestjs/common';
import { RequestValidationError } from '@handoff/shared/http';
import { PersonalDataVault, sealPerson } from '@handoff/personal-data';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DeliverParcel } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { DeliverParcelRequestDto } from './deliver-parcel.request.dto';

export class DeliverParcelCommand extends ParcelRequest<DeliverParcelRequestDto> {}

/** The holding courier hands the parcel to the recipient (or a neighbour, whose details are sealed), with proof. */
@CommandHandler(DeliverParcelCommand)
export class DeliverParcelHandler implements ICommandHandler<DeliverParcelCommand, CommandResult> {
  constructor(
    private readonly edge: CustodyEdge,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ parcelId, body, facts }: DeliverParcelCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    let neighbourSubjectId: string | undefined;
    let receivedBy: DeliverParcel['receivedBy'] = { kind: 'recipient' };
    if (body.receivedBy.kind === 'neighbour') {
      if (!body.receivedBy.neighbour) throw new RequestValidationError([{ field: 'receivedBy.neighbour', message: 'is required when a neighbour received the parcel' }]);
      neighbourSubjectId = `neighbour-${this.edge.newId()}`;
      receivedBy = { kind: 'neighbour', neighbour: { subjectId: neighbourSubjectId, personalData: await sealPerson(this.vault, neighbourSubjectId, body.receivedBy.neighbour) } };
    }
    const command: DeliverParcel = { type: 'DeliverParcel', ...base, receivedBy, evidence: body.evidence, geo: { ...body.geo }, deliveredAt: at };
    return { ...(await this.edge.decideParcel(command, facts)), ...(neighbourSubjectId ? { neighbourSubjectId } : {}) };
  }
}
