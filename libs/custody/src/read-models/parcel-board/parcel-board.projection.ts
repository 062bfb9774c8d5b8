/**
 * The parcel board: one document per parcel with its current state — status, holder and since
 * when, open offer, sorting, flags — answering "where is parcel X now?" and the lists (by hub,
 * holder, status, retailer, flag; held longer than 24 hours right now). Every event carries the
 * absolute values it sets, so handlers only `$set` (and `$addToSet` flags): replaying one
 * changes nothing.
 *
 * The recipient stays the sealed envelope from the event; the API opens it per request (and
 * shows it erased once the subject's key is destroyed).
 *
 * Version 2: lists are answered through the derived `listedUnder` / `visibleTo` tags
 * (parcel-board.listing.ts), one index range per page for every role and filter; version 1's
 * per-field indexes left scoped and filtered pages to scan and sort.
 *
 * Version 3: each document also carries its list item as JSON text (`listItem`,
 * parcel-board.list-item.ts), which a page hands out as it is stored.
 *
 * The `over-cap` flag comes from the cycle's HubCycleParcelReceived (ADR 0020), which the cycle
 * records after the parcel's receive, possibly after the parcel's later events too: it only adds
 * the flag, so the document is the same whichever arrives first. (Before version 2 of
 * ParcelReceivedAtHub the parcel's event carried a copy of it; the documents it flagged are the same.)
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { defineProjection, upsert } from '@handoff/projections';
import type { ProjectionHandlers } from '@handoff/projections';
import type { PartyRef } from '../../domain/shared/party';
import type { HubCycleParcelReceived } from '../../domain/hub-cycle/hub-cycle.events';
import type { ParcelEvent } from '../../domain/parcel/parcel.events';
import { liveStatusFor } from '../../domain/parcel/parcel.state';
import { storedListItem } from './parcel-board.list-item';
import { listingOf } from './parcel-board.listing';

export const PARCELS = 'parcels';

export type ParcelFlag = 'over-cap' | 'declined-offer' | 'damaged' | 'lost' | 'stolen' | 'failed-attempt';

export type BoardStatus = 'registered' | 'at-hub' | 'with-courier' | 'with-neighbour' | 'delivered' | 'returned-to-sender' | 'lost';

type Envelope<T extends ParcelEvent['type']> = RecordedEnvelope<Extract<ParcelEvent, { type: T }>>;

/** `$set`s and set additions only (no `$inc`): applying an event twice leaves the same document. */
const change = (event: RecordedEnvelope<ParcelEvent>, at: string, set: Record<string, unknown>, flags: ParcelFlag[] = [], add: Record<string, string> = {}) => [
  upsert(PARCELS, event.data.parcelId, {
    $set: { ...set, updatedAt: at },
    ...(flags.length > 0 || Object.keys(add).length > 0 ? { $addToSet: { ...(flags.length > 0 ? { flags: { $each: flags } } : {}), ...add } } : {}),
  }),
];

/** A new holder: live status follows the holder's kind; any open offer is settled. */
const holding = (holder: PartyRef, since: string) => ({ holder, holderKey: holderKey(holder), heldSince: since, status: liveStatusFor(holder), openOffer: null });

/** Custody ended: nobody holds the parcel; the last holder is kept for the record. */
const ended = (status: BoardStatus, lastHolder: PartyRef, at: string) => ({ status, holder: null, holderKey: null, heldSince: null, openOffer: null, lastHolder, closedAt: at });

/** `kind:id`, one indexed field for "parcels held by X". */
export const holderKey = (party: PartyRef): string => `${party.kind}:${party.id}`;

/** A loss while the parcel moved ends custody; one reported after delivery is only flagged. */
const lossReported = (event: Envelope<'ParcelReportedLost' | 'ParcelReportedStolen'>, flag: 'lost' | 'stolen') => {
  const { reportedAt, reportedBy, endedCustody } = event.data;
  return change(event, reportedAt, { lossReportedAt: reportedAt, ...(endedCustody ? ended('lost', reportedBy, reportedAt) : {}) }, [flag]);
};

const handlers: ProjectionHandlers<ParcelEvent | HubCycleParcelReceived> = {
  ParcelRegistered: (event: Envelope<'ParcelRegistered'>) => {
    const { parcelId: _id, registeredAt, retailerId, ...facts } = event.data;
    return change(event, registeredAt, { ...facts, retailerId, registeredAt, ...holding({ kind: 'retailer', id: retailerId }, registeredAt), condition: 'intact' });
  },
  ParcelReceivedAtHub: (event: Envelope<'ParcelReceivedAtHub'>) => {
    const { hubId, condition, cycle, receivedAt } = event.data;
    return change(
      event,
      receivedAt,
      { ...holding({ kind: 'hub', id: hubId }, receivedAt), currentHubId: hubId, condition: condition.condition, cycleId: cycle?.cycleId ?? null, sorting: null },
      condition.condition === 'damaged' ? ['damaged'] : [],
    );
  },
  HubCycleParcelReceived: (event: RecordedEnvelope<HubCycleParcelReceived>) => (event.data.overCap ? [upsert(PARCELS, event.data.parcelId, { $addToSet: { flags: { $each: ['over-cap'] } } })] : []),
  ParcelSorted: (event: Envelope<'ParcelSorted'>) => change(event, event.data.sortedAt, { sorting: { hubId: event.data.hubId, toteId: event.data.toteId, routeId: event.data.routeId } }),
  ParcelHandoffOffered: (event: Envelope<'ParcelHandoffOffered'>) => {
    const { handoffId, from, to, offeredAt } = event.data;
    return change(event, offeredAt, { openOffer: { handoffId, from, to, offeredAt }, offeredToKey: holderKey(to) });
  },
  ParcelHandoffAccepted: (event: Envelope<'ParcelHandoffAccepted'>) => {
    const { to, acceptedAt, condition } = event.data;
    return change(event, acceptedAt, { ...holding(to, acceptedAt), condition: condition.condition, offeredToKey: null }, condition.condition === 'damaged' ? ['damaged'] : []);
  },
  ParcelHandoffDeclined: (event: Envelope<'ParcelHandoffDeclined'>) =>
    change(event, event.data.declinedAt, { openOffer: null, offeredToKey: null }, ['declined-offer'], { declinedHandoffIds: event.data.handoffId }),
  ParcelHandoffWithdrawn: (event: Envelope<'ParcelHandoffWithdrawn'>) => change(event, event.data.withdrawnAt, { openOffer: null, offeredToKey: null }),
  ParcelDeliveryAttemptFailed: (event: Envelope<'ParcelDeliveryAttemptFailed'>) => {
    const { card, reason, attemptedAt, attemptId } = event.data;
    const returnOn = card.option === 'return-to-depot' ? card.returnOn : null;
    return change(event, attemptedAt, { lastAttempt: { reason, card: card.option, returnOn, attemptedAt } }, ['failed-attempt'], { failedAttemptIds: attemptId });
  },
  ParcelDelivered: (event: Envelope<'ParcelDelivered'>) =>
    change(event, event.data.deliveredAt, { ...ended('delivered', event.data.deliveredBy, event.data.deliveredAt), deliveredTo: event.data.receivedBy.kind }),
  ParcelReturnedToDepot: (event: Envelope<'ParcelReturnedToDepot'>) => {
    const { hubId, returnedAt, condition } = event.data;
    return change(
      event,
      returnedAt,
      { ...holding({ kind: 'hub', id: hubId }, returnedAt), currentHubId: hubId, condition: condition.condition, sorting: null },
      condition.condition === 'damaged' ? ['damaged'] : [],
    );
  },
  ParcelReturnedToSender: (event: Envelope<'ParcelReturnedToSender'>) =>
    change(event, event.data.returnedAt, { ...ended('returned-to-sender', event.data.from, event.data.returnedAt), condition: event.data.condition.condition }),
  ParcelReportedDamaged: (event: Envelope<'ParcelReportedDamaged'>) => change(event, event.data.reportedAt, { condition: 'damaged' }, ['damaged']),
  ParcelReportedLost: (event: Envelope<'ParcelReportedLost'>) => lossReported(event, 'lost'),
  ParcelReportedStolen: (event: Envelope<'ParcelReportedStolen'>) => lossReported(event, 'stolen'),
};

export const parcelBoardProjection = defineProjection<ParcelEvent | HubCycleParcelReceived>({
  name: 'parcel-board',
  version: 3,
  collections: {
    [PARCELS]: {
      indexes: [
        { key: { listedUnder: 1, registeredAt: 1, _id: 1 }, name: 'listed' },
        { key: { visibleTo: 1, heldSince: 1, _id: 1 }, name: 'held' },
      ],
      derive: (board) => ({ ...listingOf(board), ...storedListItem(board) }),
    },
  },
  handlers,
});
