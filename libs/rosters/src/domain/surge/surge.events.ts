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

/**
 * Stream `surge-<windowId>`: a hub's coordinator (or an admin) declared a surge window
 * `[from, until)`. Each block's sorting volunteer gets first refusal on up to `offerLimitPerBlock`
 * paid deliveries of their block, each offer lapsing `offerLapseMs` after it is made.
 */
export type SurgeWindowDeclared = DomainEvent<
  'SurgeWindowDeclared',
  { windowId: string; hubId: string; from: string; until: string; offerLimitPerBlock: number; offerLapseMs: number; declaredBy: string; declaredAt: string }
>;

/** One paid delivery offered first to the volunteer who sorts its block (`sorterShiftId`: the roster shift that made them its sorter). `offerNumber`: 1, 2… within the block and window. */
export type SurgeDeliveryOffered = DomainEvent<
  'SurgeDeliveryOffered',
  {
    offerId: string;
    windowId: string;
    hubId: string;
    blockId: string;
    parcelId: string;
    participantId: string;
    sorterShiftId: string;
    offerNumber: number;
    offeredBy: string;
    offeredAt: string;
    lapsesAt: string;
  }
>;

export type SurgeOfferDeclined = DomainEvent<'SurgeOfferDeclined', { offerId: string; windowId: string; hubId: string; blockId: string; parcelId: string; participantId: string; declinedAt: string }>;

/**
 * The volunteer neither claimed nor declined by `lapsedAt` (= the offer's `lapsesAt`); recorded by
 * the first command on the window at or after that instant (`recordedAt`), once (ADR 0028).
 */
export type SurgeOfferLapsed = DomainEvent<
  'SurgeOfferLapsed',
  { offerId: string; windowId: string; hubId: string; blockId: string; parcelId: string; participantId: string; lapsedAt: string; recordedAt: string }
>;

/** Why a surge delivery went to gig drivers: its volunteer declined, the offer lapsed, the block's offers were used up, or no volunteer sorted the block. */
export type GigReleaseReason = 'declined' | 'lapsed' | 'limit-reached' | 'no-sorter';

/** The delivery may now be offered to gig drivers; `offerId` is the first-refusal offer it went through, null when there was none. */
export type SurgeDeliveryReleasedToGig = DomainEvent<
  'SurgeDeliveryReleasedToGig',
  { windowId: string; hubId: string; blockId: string; parcelId: string; offerId: string | null; reason: GigReleaseReason; releasedBy: string; releasedAt: string }
>;

export type SurgeEvent = SurgeWindowDeclared | SurgeDeliveryOffered | SurgeDeliveryClaimed | SurgeOfferDeclined | SurgeOfferLapsed | SurgeDeliveryReleasedToGig;

export const surgeEventSchemaVersions = {
  SurgeWindowDeclared: 1,
  SurgeDeliveryOffered: 1,
  SurgeDeliveryClaimed: 1,
  SurgeOfferDeclined: 1,
  SurgeOfferLapsed: 1,
  SurgeDeliveryReleasedToGig: 1,
} as const satisfies Record<SurgeEvent['type'], number>;
