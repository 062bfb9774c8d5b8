import { sameParty, type PartyRef } from '../shared/party';
import { isValidMoney } from '../shared/values';
import type {
  DeliverParcel,
  ParcelCommand,
  ReceiveParcelAtHub,
  RegisterParcel,
  ReportParcelIncident,
  ReturnParcelToDepot,
  ReturnParcelToSender,
  SortParcel,
} from './parcel.commands';
import { recordFailedDeliveryAttempt } from './parcel-delivery-attempt.decide';
import { acceptHandoff, declineHandoff, offerHandoff, withdrawHandoff } from './parcel-handoff.decide';
import type { ParcelCategory, ParcelEvent } from './parcel.events';
import { parcelErrors } from './parcel.errors';
import { actingAs, check, heldBy, liveParcel, registeredParcel, withoutOpenOffer } from './parcel.guards';
import { isLive, type Parcel } from './parcel.state';

/**
 * Answers a parcel command with the events it causes, or throws the refusal. Pure: the actor,
 * time, ids and facts owned elsewhere all arrive on the command. An empty answer means the
 * command repeats something already recorded.
 */
export const decide = (command: ParcelCommand, state: Parcel): ParcelEvent[] => {
  switch (command.type) {
    case 'RegisterParcel':
      return register(command, state);
    case 'ReceiveParcelAtHub':
      return receiveAtHub(command, state);
    case 'SortParcel':
      return sort(command, state);
    case 'OfferParcelHandoff':
      return offerHandoff(command, state);
    case 'AcceptParcelHandoff':
      return acceptHandoff(command, state);
    case 'DeclineParcelHandoff':
      return declineHandoff(command, state);
    case 'WithdrawParcelHandoff':
      return withdrawHandoff(command, state);
    case 'RecordFailedDeliveryAttempt':
      return recordFailedDeliveryAttempt(command, state);
    case 'DeliverParcel':
      return deliver(command, state);
    case 'ReturnParcelToDepot':
      return returnToDepot(command, state);
    case 'ReturnParcelToSender':
      return returnToSender(command, state);
    case 'ReportParcelIncident':
      return reportIncident(command, state);
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

const CATEGORIES: readonly ParcelCategory[] = ['pharmaceutical', 'fragile', 'perishable', 'oversized'];

function register(command: RegisterParcel, state: Parcel): ParcelEvent[] {
  const { parcelId, actor, externalReference, collectiveId, declaredValue, categories, destinationHubId, recipient, registeredAt } = command;
  if (state.status !== 'unregistered') {
    // A retry re-encrypts the recipient (new IV) and stamps a new time: compare what it means.
    const same =
      state.retailerId === actor.id &&
      state.externalReference === externalReference &&
      state.collectiveId === collectiveId &&
      state.destinationHubId === destinationHubId &&
      state.recipient.subjectId === recipient.subjectId &&
      state.declaredValue.amountMinor === declaredValue.amountMinor &&
      state.declaredValue.currency === declaredValue.currency &&
      [...state.categories].sort().join() === [...categories].sort().join();
    if (same) return [];
    throw parcelErrors.alreadyRegistered(parcelId);
  }
  actingAs(parcelId, actor, 'retailer', 'register a parcel');
  const fields = check(parcelId);
  fields.text('parcelId', parcelId);
  fields.text('externalReference', externalReference);
  fields.text('collectiveId', collectiveId);
  fields.text('destinationHubId', destinationHubId);
  fields.text('recipient.subjectId', recipient.subjectId);
  fields.instant('registeredAt', registeredAt);
  if (!isValidMoney(declaredValue)) {
    throw parcelErrors.invalidDetails(parcelId, 'declaredValue', 'must be a whole, non-negative number of minor units with an ISO 4217 currency');
  }
  if (!categories.every((category) => CATEGORIES.includes(category)) || new Set(categories).size !== categories.length) {
    throw parcelErrors.invalidDetails(parcelId, 'categories', `must be distinct values among ${CATEGORIES.join(', ')}`);
  }
  if (!command.retailerIsCollectiveMember) throw parcelErrors.retailerNotInCollective(parcelId, actor.id, collectiveId);
  return [
    {
      type: 'ParcelRegistered',
      data: { parcelId, retailerId: actor.id, externalReference, collectiveId, declaredValue, categories, destinationHubId, recipient, registeredAt },
    },
  ];
}

function receiveAtHub(command: ReceiveParcelAtHub, state: Parcel): ParcelEvent[] {
  const { parcelId, condition, cycle, receivedAt } = command;
  return hubTakesCustody(command, state, 'receive a parcel at a hub', 'receivedAt', receivedAt, (hubId, from) => ({
    type: 'ParcelReceivedAtHub',
    data: { parcelId, hubId, from, condition, cycle, receivedAt },
  }));
}

function sort(command: SortParcel, state: Parcel): ParcelEvent[] {
  const { parcelId, actor, toteId, routeId, sortedAt } = command;
  const parcel = liveParcel(state, parcelId);
  actingAs(parcelId, actor, 'hub', 'sort a parcel');
  heldBy(parcel, actor);
  if (parcel.sorting?.hubId === actor.id && parcel.sorting.toteId === toteId && parcel.sorting.routeId === routeId) return [];
  check(parcelId).text('toteId', toteId);
  check(parcelId).text('routeId', routeId);
  check(parcelId).instant('sortedAt', sortedAt);
  return [{ type: 'ParcelSorted', data: { parcelId, hubId: actor.id, toteId, routeId, sortedAt } }];
}

function deliver(command: DeliverParcel, state: Parcel): ParcelEvent[] {
  const { parcelId, actor, receivedBy, evidence, geo, deliveredAt } = command;
  const registered = registeredParcel(state, parcelId);
  if (registered.status === 'delivered' && sameParty(registered.lastHolder, actor)) return [];
  const parcel = withoutOpenOffer(heldBy(liveParcel(state, parcelId), actor));
  const fields = check(parcelId);
  fields.evidence('evidence', evidence, { atLeastOne: true });
  fields.geo('geo', geo);
  fields.instant('deliveredAt', deliveredAt);
  if (receivedBy.kind === 'neighbour') fields.text('receivedBy.neighbour.subjectId', receivedBy.neighbour.subjectId);
  return [{ type: 'ParcelDelivered', data: { parcelId, deliveredBy: parcel.holder, receivedBy, evidence, geo, deliveredAt } }];
}

/** Recorded by the depot hub as it takes the parcel back (from a courier or a neighbour). */
function returnToDepot(command: ReturnParcelToDepot, state: Parcel): ParcelEvent[] {
  const { parcelId, condition, returnedAt } = command;
  return hubTakesCustody(command, state, 'take a parcel back to its depot', 'returnedAt', returnedAt, (hubId, from) => ({
    type: 'ParcelReturnedToDepot',
    data: { parcelId, hubId, from, condition, returnedAt },
  }));
}

/**
 * Intake and returns are recorded by the hub that takes the parcel, from whoever holds it: a
 * handoff whose acceptance is the hub's scan. A hub already holding it is a repeat.
 */
function hubTakesCustody(
  command: ReceiveParcelAtHub | ReturnParcelToDepot,
  state: Parcel,
  what: string,
  timeField: string,
  time: string,
  recorded: (hubId: string, from: PartyRef) => ParcelEvent,
): ParcelEvent[] {
  const { parcelId, actor, condition } = command;
  const parcel = liveParcel(state, parcelId);
  actingAs(parcelId, actor, 'hub', what);
  if (sameParty(parcel.holder, actor)) return [];
  withoutOpenOffer(parcel);
  check(parcelId).condition('condition', condition);
  check(parcelId).instant(timeField, time);
  return [recorded(actor.id, parcel.holder)];
}

function returnToSender(command: ReturnParcelToSender, state: Parcel): ParcelEvent[] {
  const { parcelId, actor, condition, returnedAt } = command;
  const registered = registeredParcel(state, parcelId);
  if (registered.status === 'returned-to-sender' && sameParty(registered.lastHolder, actor)) return [];
  const parcel = withoutOpenOffer(heldBy(liveParcel(state, parcelId), actor));
  if (parcel.holder.kind !== 'hub') throw parcelErrors.notAtDepot(parcelId, parcel.holder);
  check(parcelId).condition('condition', condition);
  check(parcelId).instant('returnedAt', returnedAt);
  return [{ type: 'ParcelReturnedToSender', data: { parcelId, from: parcel.holder, retailerId: parcel.retailerId, condition, returnedAt } }];
}

const INCIDENT_EVENT = { damaged: 'ParcelReportedDamaged', lost: 'ParcelReportedLost', stolen: 'ParcelReportedStolen' } as const;

/**
 * While the parcel moves, only its holder reports. Once it is closed, the last holder and the
 * sending retailer still can (a dented tool found by the recipient reaches us via the retailer).
 */
function reportIncident(command: ReportParcelIncident, state: Parcel): ParcelEvent[] {
  const { parcelId, reportId, actor, incident, discoveredAt, description, evidence, reportedAt } = command;
  const parcel = registeredParcel(state, parcelId);
  if (parcel.reportIds.includes(reportId)) return [];
  if (isLive(parcel)) {
    heldBy(parcel, actor);
  } else if (!sameParty(parcel.lastHolder, actor) && !sameParty({ kind: 'retailer', id: parcel.retailerId }, actor)) {
    throw parcelErrors.notHolder(parcelId, actor, parcel.lastHolder);
  }
  const fields = check(parcelId);
  fields.text('reportId', reportId);
  fields.text('description', description);
  fields.instant('discoveredAt', discoveredAt);
  fields.instant('reportedAt', reportedAt);
  fields.evidence('evidence', evidence, { atLeastOne: false });
  const endsCustody = isLive(parcel) && incident !== 'damaged';
  const data = { parcelId, reportId, reportedBy: actor, discoveredAt, description, evidence, reportedAt, ...(endsCustody ? { endedCustody: true as const } : {}) };
  return [{ type: INCIDENT_EVENT[incident], data }];
}
