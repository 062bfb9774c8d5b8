import { sameParty, type PartyRef } from '../shared/party';
import { isValidMoney } from '../shared/values';
import type { DeliverParcel, ParcelCommand, ReceiveParcelAtHub, RegisterParcel, ReportParcelIncident, ReturnParcelToDepot, ReturnParcelToSender, SortParcel } from './parcel.commands';
import { recordFailedDeliveryAttempt } from './parcel-delivery-attempt.decide';
import { acceptHandoff, declineHandoff, offerHandoff, withdrawHandoff } from './parcel-handoff.decide';
import type { ParcelCategory, ParcelEvent } from './parcel.events';
import { parcelErrors } from './parcel.errors';
import { actingAs, check, heldBy, liveParcel, registeredParcel, withoutOpenOffer } from './parcel.guards';
import { datedNoEarlierThan, judgeStatedTime, markedBackdated } from './parcel-stated-time';
import { partySeesParcel, scopeOf } from './parcel-visibility';
import { isLive, type LiveParcel, type Parcel } from './parcel.state';

/**
 * Answers a parcel command with the events it causes, or throws the refusal. Pure: the actor,
 * time, ids and facts owned elsewhere all arrive on the command. An empty answer means the
 * command repeats something already recorded.
 */
export const decide = (command: ParcelCommand, state: Parcel): ParcelEvent[] => {
  if (command.type !== 'RegisterParcel' && !partySeesParcel(command.actor, scopeOf(registeredParcel(state, command.parcelId)))) {
    throw parcelErrors.notFound(command.parcelId);
  }
  if (command.actorSuspended && !mayActWhileSuspended(command)) throw parcelErrors.actorSuspended(command.parcelId, command.actor);
  const lastFactAt = state.status === 'unregistered' ? undefined : state.lastFactAt;
  const dated = datedNoEarlierThan(command, lastFactAt);
  const events = decideCommand(dated, state);
  if (events.length === 0) return events;
  return judgeStatedTime(dated, lastFactAt).backdated ? markedBackdated(events) : events;
};

/**
 * Suspension stops a participant's commands, except those that let go of custody or keep the
 * record honest: handing a parcel back (an offer to a hub), withdrawing or declining an offer, and
 * reporting an incident. A suspended party cannot register, take custody, sort or deliver.
 */
export function mayActWhileSuspended(command: ParcelCommand): boolean {
  switch (command.type) {
    case 'OfferParcelHandoff':
      return command.receiver.kind === 'hub';
    case 'WithdrawParcelHandoff':
    case 'DeclineParcelHandoff':
    case 'ReportParcelIncident':
      return true;
    case 'RegisterParcel':
    case 'ReceiveParcelAtHub':
    case 'SortParcel':
    case 'AcceptParcelHandoff':
    case 'RecordFailedDeliveryAttempt':
    case 'DeliverParcel':
    case 'ReturnParcelToDepot':
    case 'ReturnParcelToSender':
      return false;
    default: {
      const _never: never = command;
      return _never;
    }
  }
}

const decideCommand = (command: ParcelCommand, state: Parcel): ParcelEvent[] => {
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
  return hubTakesCustody(command, state, 'receive a parcel at a hub', 'receivedAt', receivedAt, mayTakeIn, (hubId, from) => ({
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
  return hubTakesCustody(command, state, 'take a parcel back to its depot', 'returnedAt', returnedAt, mayTakeBack, (hubId, from) => ({
    type: 'ParcelReturnedToDepot',
    data: { parcelId, hubId, from, condition, returnedAt },
  }));
}

/**
 * Intake and returns are recorded by the hub that takes the parcel, with no offer from the holder:
 * a handoff whose acceptance is the hub's scan. Custody otherwise moves only by a handoff the holder
 * offers, so these are allowed only where the parcel's route says the hub is the one to take it
 * (`mayTakeIn`, `mayTakeBack`); anywhere else the holder must offer it. A hub already holding it is a repeat.
 */
function hubTakesCustody(
  command: ReceiveParcelAtHub | ReturnParcelToDepot,
  state: Parcel,
  what: string,
  timeField: string,
  time: string,
  allowed: (parcel: LiveParcel, hubId: string) => string | null,
  recorded: (hubId: string, from: PartyRef) => ParcelEvent,
): ParcelEvent[] {
  const { parcelId, actor, condition } = command;
  const parcel = liveParcel(state, parcelId);
  actingAs(parcelId, actor, 'hub', what);
  if (sameParty(parcel.holder, actor)) return [];
  withoutOpenOffer(parcel);
  const refusal = allowed(parcel, actor.id);
  if (refusal) throw parcelErrors.intakeNotAllowed(parcelId, actor, parcel.holder, refusal);
  check(parcelId).condition('condition', condition);
  check(parcelId).instant(timeField, time);
  return [recorded(actor.id, parcel.holder)];
}

/** Intake: the parcel's destination hub takes it from its retailer (first mile) or from a courier bringing it in. */
function mayTakeIn(parcel: LiveParcel, hubId: string): string | null {
  if (parcel.destinationHubId !== hubId) return `it is destined to hub ${parcel.destinationHubId}`;
  if (parcel.holder.kind !== 'retailer' && parcel.holder.kind !== 'courier') return `an intake takes parcels from their retailer or a courier, not from a ${parcel.holder.kind}`;
  return null;
}

/** Return to depot: a parcel out for delivery (with a courier or a neighbour) goes back to its destination hub or the hub it left from. */
function mayTakeBack(parcel: LiveParcel, hubId: string): string | null {
  if (parcel.destinationHubId !== hubId && parcel.currentHubId !== hubId) return `its depot is hub ${parcel.currentHubId ?? parcel.destinationHubId}`;
  if (parcel.holder.kind !== 'courier' && parcel.holder.kind !== 'neighbour') return `only a parcel out with a courier or a neighbour returns to a depot, not one held by a ${parcel.holder.kind}`;
  return null;
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
  if (Date.parse(discoveredAt) > Date.parse(reportedAt) || Date.parse(discoveredAt) < Date.parse(parcel.registeredAt)) {
    throw parcelErrors.invalidDetails(parcelId, 'discoveredAt', "must lie between the parcel's registration and the report");
  }
  const endsCustody = isLive(parcel) && incident !== 'damaged';
  const data = { parcelId, reportId, reportedBy: actor, discoveredAt, description, evidence, reportedAt, ...(endsCustody ? { endedCustody: true as const } : {}) };
  return [{ type: INCIDENT_EVENT[incident], data }];
}
