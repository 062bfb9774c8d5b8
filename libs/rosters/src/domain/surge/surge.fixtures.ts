import { at, coordinator, DAY, HOUR, hub, MINUTE, recorded } from '../shared/roster.fixtures';
import type { ClaimSurgeOffer, DeclareSurgeWindow, DeclineSurgeOffer, OfferSurgeDelivery, RecordSurgeLapses, ReleaseSurgeDeliveryToGig } from './surge.commands';
import { surgeDecider } from './surge.decider';
import type { SurgeEvent } from './surge.events';

/** A surge window on day 7, 08:00 to 12:00 (Ana sorts b-north then), 5 offers per block, each lapsing after 15 minutes. */
export const WINDOW_FROM = 7 * DAY + 8 * HOUR;
export const LAPSE_MS = 15 * MINUTE;
export const ana = { participantId: 'vol-ana', shiftId: 'shift-ana-1' };

export const declare = (overrides: Partial<DeclareSurgeWindow> = {}): DeclareSurgeWindow => ({
  type: 'DeclareSurgeWindow',
  windowId: 'surge-1',
  hubId: hub.hubId,
  actor: coordinator,
  hub,
  now: at(7 * DAY),
  from: at(WINDOW_FROM),
  until: at(WINDOW_FROM + 4 * HOUR),
  offerLimitPerBlock: 5,
  offerLapseMs: LAPSE_MS,
  ...overrides,
});

/** Offer n of the parcel `p-<n>`, made `minutes` into the window. */
export const offer = (n: number, minutes = n, overrides: Partial<OfferSurgeDelivery> = {}): OfferSurgeDelivery => ({
  type: 'OfferSurgeDelivery',
  windowId: 'surge-1',
  actor: coordinator,
  hub,
  now: at(WINDOW_FROM + minutes * MINUTE),
  offerId: `offer-${n}`,
  blockId: 'b-north',
  parcelId: `p-${n}`,
  sorter: ana,
  ...overrides,
});

export const claim = (n: number, minutes: number, overrides: Partial<ClaimSurgeOffer> = {}): ClaimSurgeOffer => ({
  type: 'ClaimSurgeOffer',
  windowId: 'surge-1',
  offerId: `offer-${n}`,
  participantId: 'vol-ana',
  participantSuspended: false,
  now: at(WINDOW_FROM + minutes * MINUTE),
  ...overrides,
});

export const decline = (n: number, minutes: number, overrides: Partial<DeclineSurgeOffer> = {}): DeclineSurgeOffer => ({ ...claim(n, minutes), type: 'DeclineSurgeOffer', ...overrides });

export const release = (n: number, minutes: number, overrides: Partial<ReleaseSurgeDeliveryToGig> = {}): ReleaseSurgeDeliveryToGig => ({
  type: 'ReleaseSurgeDeliveryToGig',
  windowId: 'surge-1',
  actor: coordinator,
  hub,
  now: at(WINDOW_FROM + minutes * MINUTE),
  blockId: 'b-north',
  parcelId: `p-${n}`,
  sorter: ana,
  ...overrides,
});

export const sweep = (minutes: number, overrides: Partial<RecordSurgeLapses> = {}): RecordSurgeLapses => ({
  type: 'RecordSurgeLapses',
  windowId: 'surge-1',
  actor: coordinator,
  hub,
  now: at(WINDOW_FROM + minutes * MINUTE),
  ...overrides,
});

export const surgeEvents = (...commands: Parameters<typeof surgeDecider.decide>[0][]): SurgeEvent[] => recorded(surgeDecider, ...commands);
