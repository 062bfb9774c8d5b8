import type { DomainEvent } from '@handoff/kernel';

/**
 * During a surge window at a hub, the volunteer who sorts for a block claimed one of its paid
 * deliveries under first refusal: the pay context pays that parcel's delivery by this volunteer
 * as a paid courier's, in cash, under the rate card in effect.
 */
export type SurgeDeliveryClaimed = DomainEvent<
  'SurgeDeliveryClaimed',
  { offerId: string; windowId: string; hubId: string; blockId: string; parcelId: string; participantId: string; claimedAt: string }
>;
