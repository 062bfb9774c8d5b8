import type { PartyRef } from '../shared/party';
import type { DeliveryCardChoice, RecordFailedDeliveryAttempt } from './parcel.commands';
import type { DeliveryCard, ParcelEvent } from './parcel.events';
import { parcelErrors } from './parcel.errors';
import { actingAs, check, heldBy, liveParcel, registeredParcel, withoutOpenOffer } from './parcel.guards';
import type { Parcel } from './parcel.state';

/**
 * The recipient was away and the courier fills in the three-option card. Leaving the parcel with
 * a neighbour is a custody change like any other, so it is recorded as a handoff offered and
 * accepted on the spot (the neighbour's signature hash is the acceptance's evidence): the chain
 * never shows a parcel with nobody, or with two holders.
 */
export function recordFailedDeliveryAttempt(command: RecordFailedDeliveryAttempt, state: Parcel): ParcelEvent[] {
  const { parcelId, attemptId, actor, reason, card, geo, attemptedAt } = command;
  if (registeredParcel(state, parcelId).attemptIds.includes(attemptId)) return [];
  const parcel = liveParcel(state, parcelId);
  actingAs(parcelId, actor, 'courier', 'record a delivery attempt');
  withoutOpenOffer(heldBy(parcel, actor));
  const fields = check(parcelId);
  fields.text('attemptId', attemptId);
  fields.text('reason', reason);
  fields.geo('geo', geo);
  fields.instant('attemptedAt', attemptedAt);
  checkCard(parcelId, card);

  const attempt: ParcelEvent = {
    type: 'ParcelDeliveryAttemptFailed',
    data: { parcelId, attemptId, courierId: actor.id, reason, card: cardAsRecorded(card), geo, attemptedAt },
  };
  if (card.option !== 'leave-with-neighbour') return [attempt];

  const { handoffId, neighbour, condition, evidence, deviceTime } = card;
  const reused = parcel.settledHandoffs.find((handoff) => handoff.handoffId === handoffId);
  if (reused) throw parcelErrors.handoffAlreadySettled(parcelId, handoffId, reused.outcome);
  const to: PartyRef = { kind: 'neighbour', id: neighbour.subjectId };
  return [
    attempt,
    { type: 'ParcelHandoffOffered', data: { parcelId, handoffId, from: parcel.holder, to, offeredAt: attemptedAt } },
    {
      type: 'ParcelHandoffAccepted',
      data: { parcelId, handoffId, from: parcel.holder, to, condition, evidence, geo, deviceTime, waiver: null, acceptedAt: attemptedAt },
    },
  ];
}

function checkCard(parcelId: string, card: DeliveryCardChoice): void {
  const fields = check(parcelId);
  switch (card.option) {
    case 'i-accept':
      return;
    case 'return-to-depot':
      return fields.date('card.returnOn', card.returnOn);
    case 'leave-with-neighbour':
      fields.text('card.handoffId', card.handoffId);
      fields.text('card.neighbour.subjectId', card.neighbour.subjectId);
      fields.condition('card.condition', card.condition);
      fields.evidence('card.evidence', card.evidence, { atLeastOne: true });
      return fields.instant('card.deviceTime', card.deviceTime);
    default: {
      const _never: never = card;
      return _never;
    }
  }
}

function cardAsRecorded(card: DeliveryCardChoice): DeliveryCard {
  switch (card.option) {
    case 'i-accept':
      return { option: 'i-accept' };
    case 'return-to-depot':
      return { option: 'return-to-depot', returnOn: card.returnOn };
    case 'leave-with-neighbour':
      return { option: 'leave-with-neighbour', neighbour: card.neighbour };
    default: {
      const _never: never = card;
      return _never;
    }
  }
}
