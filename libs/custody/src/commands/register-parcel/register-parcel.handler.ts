import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parcelDecider } from '../../domain/parcel/parcel.decider';
import type { RegisterParcel } from '../../domain/parcel/parcel.commands';
import { PersonalDataVault, sealPerson } from '@handoff/personal-data';
import { commandResult, type CommandResult } from '../shared/command-result';
import { CustodyEdge, type RequestFacts } from '../shared/custody-edge';
import { custodyStreams } from '../shared/custody-streams';
import type { RegisterParcelRequestDto } from './register-parcel.request.dto';

export class RegisterParcelCommand {
  constructor(
    readonly body: RegisterParcelRequestDto,
    readonly facts: RequestFacts,
  ) {}
}

/** A retailer registers a parcel; the recipient's details are sealed under a new data subject first. */
@CommandHandler(RegisterParcelCommand)
export class RegisterParcelHandler implements ICommandHandler<RegisterParcelCommand, CommandResult> {
  constructor(
    private readonly edge: CustodyEdge,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ body, facts }: RegisterParcelCommand): Promise<CommandResult> {
    const parcelId = body.parcelId ?? this.edge.newId();
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const { actor } = base;
    const existing = await this.edge.parcel(parcelId);
    // A retry of the same registration keeps its recipient subject (the decider compares subjects).
    const subjectId = existing.status !== 'unregistered' ? existing.recipient.subjectId : `recipient-${this.edge.newId()}`;
    const collective = await this.edge.participantOrNull(body.collectiveId);
    const members = collective?.profile.kind === 'collective' ? collective.profile.memberRetailerIds : [];
    const command: RegisterParcel = {
      type: 'RegisterParcel',
      ...base,
      externalReference: body.externalReference,
      collectiveId: body.collectiveId,
      retailerIsCollectiveMember: members.includes(actor.id),
      declaredValue: { amountMinor: body.declaredValue.amountMinor, currency: body.declaredValue.currency },
      categories: body.categories,
      destinationHubId: body.destinationHubId,
      recipient: await sealPerson(this.vault, subjectId, body.recipient),
      registeredAt: at,
    };
    const outcome = await this.edge.repository.handleCommand(parcelDecider, custodyStreams.parcel(parcelId), command, this.edge.context(facts));
    return { ...commandResult(parcelId, outcome), recipientSubjectId: subjectId };
  }
}
