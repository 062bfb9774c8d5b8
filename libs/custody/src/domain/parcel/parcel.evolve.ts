import type { PartyRef } from '../shared/party';
import type { ParcelEvent, ParcelHandoffAccepted, ParcelRegistered } from './parcel.events';
import { later, timeOfEvent } from './parcel-stated-time';
import { isLive, liveStatusFor, type LiveParcel, type Parcel, type SettledHandoff } from './parcel.state';

/**
 * Folds one recorded fact into the parcel. Reads only the event (no clock, no lookups), so
 * replaying a stream always gives the same parcel. Events are facts already decided: one that
 * does not fit the state (which `decide` never produces) leaves the state as it was rather than
 * making the stream unreadable.
 */
export const evolve = (state: Parcel, event: ParcelEvent): Parcel => withLastFact(fold(state, event), event);

/** Facts are kept in order from now on; older streams may not be, so the latest time wins. */
const withLastFact = (state: Parcel, event: ParcelEvent): Parcel => (state.status === 'unregistered' ? state : { ...state, lastFactAt: later(state.lastFactAt, timeOfEvent(event)) });

const fold = (state: Parcel, event: ParcelEvent): Parcel => {
  switch (event.type) {
    case 'ParcelRegistered':
      return state.status === 'unregistered' ? registered(event.data) : state;
    case 'ParcelReceivedAtHub':
      return whenLive(state, (parcel) =>
        takeCustody(parcel, { kind: 'hub', id: event.data.hubId }, event.data.receivedAt, event.data.condition.condition, { sorting: null, currentHubId: event.data.hubId }),
      );
    case 'ParcelReturnedToDepot':
      return whenLive(state, (parcel) =>
        takeCustody(parcel, { kind: 'hub', id: event.data.hubId }, event.data.returnedAt, event.data.condition.condition, { sorting: null, currentHubId: event.data.hubId }),
      );
    case 'ParcelSorted':
      return whenLive(state, (parcel) => ({
        ...parcel,
        sorting: { hubId: event.data.hubId, toteId: event.data.toteId, routeId: event.data.routeId },
      }));
    case 'ParcelHandoffOffered': {
      const { handoffId, from, to, offeredAt } = event.data;
      return whenLive(state, (parcel) => ({ ...parcel, openOffer: { handoffId, from, to, offeredAt } }));
    }
    case 'ParcelHandoffAccepted':
      return whenLive(state, (parcel) => accepted(parcel, event.data));
    case 'ParcelHandoffDeclined':
      return whenLive(state, (parcel) => settleOffer(parcel, event.data, 'declined'));
    case 'ParcelHandoffWithdrawn':
      return whenLive(state, (parcel) => settleOffer(parcel, event.data, 'withdrawn'));
    case 'ParcelDeliveryAttemptFailed': {
      const { card, attemptId } = event.data;
      return whenLive(state, (parcel) => ({
        ...parcel,
        attemptIds: [...parcel.attemptIds, attemptId],
        returnToDepotOn: card.option === 'return-to-depot' ? card.returnOn : parcel.returnToDepotOn,
      }));
    }
    case 'ParcelDelivered':
      return whenLive(state, (parcel) => ({
        ...closed(parcel, event.data.deliveredAt),
        status: 'delivered',
        delivery: event.data,
      }));
    case 'ParcelReturnedToSender':
      return whenLive(state, (parcel) => ({
        ...closed(parcel, event.data.returnedAt),
        condition: event.data.condition.condition,
        status: 'returned-to-sender',
      }));
    case 'ParcelReportedDamaged':
      return withReport(state, event.data.reportId, (parcel) => ({ ...parcel, condition: 'damaged' }));
    case 'ParcelReportedLost':
    case 'ParcelReportedStolen': {
      const loss = event.type === 'ParcelReportedLost' ? 'lost' : 'stolen';
      return withReport(state, event.data.reportId, (parcel) => (isLive(parcel) ? { ...closed(parcel, event.data.reportedAt), status: 'lost', loss } : parcel));
    }
    default: {
      const _never: never = event;
      return _never;
    }
  }
};

const registered = (data: ParcelRegistered['data']): LiveParcel => ({
  ...data,
  status: 'registered',
  condition: 'intact',
  settledHandoffs: [],
  attemptIds: [],
  reportIds: [],
  currentHubId: null,
  lastFactAt: data.registeredAt,
  holder: { kind: 'retailer', id: data.retailerId },
  heldSince: data.registeredAt,
  openOffer: null,
  sorting: null,
  returnToDepotOn: null,
});

const whenLive = (state: Parcel, change: (parcel: LiveParcel) => Parcel): Parcel => (isLive(state) ? change(state) : state);

const takeCustody = (parcel: LiveParcel, holder: PartyRef, since: string, condition: LiveParcel['condition'], extra: Partial<LiveParcel> = {}): LiveParcel => ({
  ...parcel,
  ...extra,
  status: liveStatusFor(holder),
  holder,
  heldSince: since,
  condition,
  openOffer: null,
  returnToDepotOn: holder.kind === 'hub' ? null : parcel.returnToDepotOn,
});

const accepted = (parcel: LiveParcel, data: ParcelHandoffAccepted['data']): LiveParcel =>
  takeCustody(settleOffer(parcel, data, 'accepted', { condition: data.condition, evidence: data.evidence }), data.to, data.acceptedAt, data.condition.condition);

const settleOffer = (parcel: LiveParcel, handoff: { handoffId: string; from: PartyRef; to: PartyRef }, outcome: SettledHandoff['outcome'], acceptance?: SettledHandoff['acceptance']): LiveParcel => ({
  ...parcel,
  openOffer: null,
  settledHandoffs: [...parcel.settledHandoffs, { handoffId: handoff.handoffId, from: handoff.from, to: handoff.to, outcome, ...(acceptance ? { acceptance } : {}) }],
});

const closed = (parcel: LiveParcel, closedAt: string) => {
  const { holder, heldSince: _heldSince, openOffer: _openOffer, sorting: _sorting, returnToDepotOn: _returnOn, ...memory } = parcel;
  return { ...memory, lastHolder: holder, closedAt };
};

const withReport = (state: Parcel, reportId: string, change: (parcel: Exclude<Parcel, { status: 'unregistered' }>) => Parcel): Parcel =>
  state.status === 'unregistered' ? state : change({ ...state, reportIds: [...state.reportIds, reportId] });
