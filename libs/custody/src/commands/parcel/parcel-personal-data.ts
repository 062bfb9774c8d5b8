import { Inject, Injectable } from '@nestjs/common';
import type { PersonalDataEnvelope } from '@handoff/kernel';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { RequestValidationError } from '@handoff/shared/http';
import type { DeliveryCardChoice } from '../../domain/parcel/parcel.commands';
import type { DeliveryReceiver, NeighbourRef } from '../../domain/parcel/parcel.events';
import { PersonalDataVault, sealPerson } from '@handoff/personal-data';
import { CustodyEdge } from '../shared/custody-edge';
import type { PersonDto } from '../shared/request.dto';
import type { DeliveryCardDto, DeliveryReceiverDto } from './parcel.request.dto';

/**
 * Personal data is sealed at the edge, before it enters a command (ADR 0016): a command, logged or
 * replayed, carries ciphertext under the person's own subject key, never the person. New subjects
 * (and a neighbour's handoff) get their ids here too, so a replayed command is the same command.
 */
@Injectable()
export class ParcelPersonalData {
  constructor(
    private readonly edge: CustodyEdge,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The recipient, sealed under a new subject; a retry of the same registration keeps its subject (the decider compares subjects). */
  async recipient(parcelId: string, person: PersonDto): Promise<PersonalDataEnvelope> {
    const existing = await this.edge.parcel(parcelId);
    const subjectId = existing.status !== 'unregistered' ? existing.recipient.subjectId : `recipient-${this.ids.next()}`;
    return sealPerson(this.vault, subjectId, person);
  }

  /** Who took the parcel at delivery: the recipient, or a neighbour sealed under a new subject. */
  async receiver(receivedBy: DeliveryReceiverDto): Promise<DeliveryReceiver> {
    if (receivedBy.kind === 'recipient') return { kind: 'recipient' };
    if (!receivedBy.neighbour) throw new RequestValidationError([{ field: 'receivedBy.neighbour', message: 'is required when a neighbour received the parcel' }]);
    return { kind: 'neighbour', neighbour: await this.neighbour(receivedBy.neighbour) };
  }

  /** A failed delivery's card: the chosen option's fields are required; leaving it with a neighbour seals them and names the handoff to them. */
  async card(card: DeliveryCardDto): Promise<DeliveryCardChoice> {
    const missing = (field: string) => new RequestValidationError([{ field: `card.${field}`, message: `is required for ${card.option}` }]);
    if (card.option === 'i-accept') return { option: 'i-accept' };
    if (card.option === 'return-to-depot') {
      if (!card.returnOn) throw missing('returnOn');
      return { option: 'return-to-depot', returnOn: card.returnOn };
    }
    if (!card.neighbour) throw missing('neighbour');
    if (!card.condition) throw missing('condition');
    if (!card.deviceTime) throw missing('deviceTime');
    return {
      option: 'leave-with-neighbour',
      neighbour: await this.neighbour(card.neighbour),
      handoffId: this.ids.next(),
      condition: { ...card.condition },
      evidence: card.evidence ?? [],
      deviceTime: card.deviceTime,
    };
  }

  private async neighbour(person: PersonDto): Promise<NeighbourRef> {
    const subjectId = `neighbour-${this.ids.next()}`;
    return { subjectId, personalData: await sealPerson(this.vault, subjectId, person) };
  }
}
