/**
 * Surge first refusal as the pay-equity report reads it (ADR 0028): `surgeWindows`, one document
 * per window (its hub, times, limit and lapse time), and `surgeDeliveries`, one per parcel that
 * went through a window, `_id` `<windowId>/<parcelId>`:
 *
 *   { windowId, hubId, blockId, parcelId,
 *     offerId, volunteerId, offerNumber, offeredAt, lapsesAt,       (absent when never offered)
 *     outcome: 'open' | 'claimed' | 'declined' | 'lapsed', outcomeAt,  (absent when never offered)
 *     gig: { reason: 'declined' | 'lapsed' | 'limit-reached' | 'no-sorter', releasedAt } }  (once released)
 *
 * Each event `$set`s what it says, so a replay leaves the same documents.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { defineProjection, upsert, type ProjectionHandlers } from '@handoff/projections';
import type { SurgeEvent } from '../../domain/surge/surge.events';

export const SURGE_WINDOWS = 'surgeWindows';
export const SURGE_DELIVERIES = 'surgeDeliveries';

type Envelope<T extends SurgeEvent['type']> = RecordedEnvelope<Extract<SurgeEvent, { type: T }>>;

const delivery = (data: { windowId: string; hubId: string; blockId: string; parcelId: string }, fields: Record<string, unknown>) =>
  upsert(SURGE_DELIVERIES, `${data.windowId}/${data.parcelId}`, { $set: { windowId: data.windowId, hubId: data.hubId, blockId: data.blockId, parcelId: data.parcelId, ...fields } });

const handlers: ProjectionHandlers<SurgeEvent> = {
  SurgeWindowDeclared: (event: Envelope<'SurgeWindowDeclared'>) => {
    const { windowId, ...window } = event.data;
    return [upsert(SURGE_WINDOWS, windowId, { $set: window })];
  },
  SurgeDeliveryOffered: (event: Envelope<'SurgeDeliveryOffered'>) => {
    const { offerId, participantId, offerNumber, offeredAt, lapsesAt } = event.data;
    return [delivery(event.data, { offerId, volunteerId: participantId, offerNumber, offeredAt, lapsesAt, outcome: 'open', outcomeAt: null })];
  },
  SurgeDeliveryClaimed: (event: Envelope<'SurgeDeliveryClaimed'>) => [delivery(event.data, { outcome: 'claimed', outcomeAt: event.data.claimedAt })],
  SurgeOfferDeclined: (event: Envelope<'SurgeOfferDeclined'>) => [delivery(event.data, { outcome: 'declined', outcomeAt: event.data.declinedAt })],
  SurgeOfferLapsed: (event: Envelope<'SurgeOfferLapsed'>) => [delivery(event.data, { outcome: 'lapsed', outcomeAt: event.data.lapsedAt })],
  SurgeDeliveryReleasedToGig: (event: Envelope<'SurgeDeliveryReleasedToGig'>) => [delivery(event.data, { gig: { reason: event.data.reason, releasedAt: event.data.releasedAt } })],
};

export const surgeOffersProjection = defineProjection<SurgeEvent>({
  name: 'surge-offers',
  version: 1,
  collections: {
    [SURGE_WINDOWS]: { indexes: [{ key: { hubId: 1, from: -1 }, name: 'hub_from' }] },
    [SURGE_DELIVERIES]: { indexes: [{ key: { windowId: 1, blockId: 1 }, name: 'window_block' }] },
  },
  handlers,
});
