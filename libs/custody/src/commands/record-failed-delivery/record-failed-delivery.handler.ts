import { Inject } from '@nestjs/common';
import { RequestValidationError } from '@handoff/shared/http';
import type { DeliveryCardChoice } from '../../domain/parcel/parcel.commands';
import { PersonalDataVault, sealPerson } from '@handoff/personal-data';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordFailedDeliveryAttempt } from '../../domain/parcel/parcel.commands';
import type { CommandResult } from '../shared/command-result';
import { CustodyEdge, ParcelRequest } from '../shared/custody-edge';
import type { RecordFailedDeliveryRequestDto } from './record-failed-delivery.request.dto';

export class RecordFailedDeliveryCommand extends ParcelRequest<RecordFailedDeliveryRequestDto> {}

/** The recipient was away: the courier fills in the card (I accept / leave with a neighbour / return to depot on a date). */
@CommandHandler(RecordFailedDeliveryCommand)
export class RecordFailedDeliveryHandler implements ICommandHandler<RecordFailedDeliveryCommand, CommandResult> {
  constructor(
    private readonly edge: CustodyEdge,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ parcelId, body, facts }: RecordFailedDeliveryCommand): Promise<CommandResult> {
    const { base, at } = await this.edge.parcelCommand(parcelId, facts);
    const attemptId = body.attemptId ?? this.edge.newId();
    const { card, neighbourSubjectId } = await this.cardOf(body);
    const command: RecordFailedDeliveryAttempt = { type: 'RecordFailedDeliveryAttempt', ...base, attemptId, reason: body.reason, card, geo: { ...body.geo }, attemptedAt: at };
    return { ...(await this.edge.decideParcel(command, facts)), attemptId, ...(neighbourSubjectId ? { neighbourSubjectId } : {}) };
  }

  private async cardOf(body: RecordFailedDeliveryRequestDto): Promise<{ card: DeliveryCardChoice; neighbourSubjectId?: string }> {
    const { card } = body;
    const missing = (field: string) => new RequestValidationError([{ field: `card.${field}`, message: `is required for ${card.option}` }]);
    if (card.option === 'i-accept') return { card: { option: 'i-accept' } };
    if (card.option === 'return-to-depot') {
      if (!card.returnOn) throw missing('returnOn');
      return { card: { option: 'return-to-depot', returnOn: card.returnOn } };
    }
    if (!card.neighbour) throw missing('neighbour');
    if (!card.condition) throw missing('condition');
    if (!card.deviceTime) throw missing('deviceTime');
    const subjectId = `neighbour-${this.edge.newId()}`;
    const neighbour = { subjectId, personalData: await sealPerson(this.vault, subjectId, card.neighbour) };
    const choice: DeliveryCardChoice = {
      option: 'leave-with-neighbour',
      neighbour,
      handoffId: this.edge.newId(),
      condition: { ...card.condition },
      evidence: card.evidence ?? [],
      deviceTime: card.deviceTime,
    };
    return { card: choice, neighbourSubjectId: subjectId };
  }
}
