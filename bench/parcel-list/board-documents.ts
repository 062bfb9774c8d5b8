/**
 * Parcel-board documents in the projection's shape (version 2, tags derived by its own `derive`),
 * made up with the distributions of a busy network, for seeding the board directly through the
 * driver: a million parcels through events would take the bench most of an hour.
 *
 * Deterministic in `n`: the same shape and index give the same document, so the bench and the
 * O(page) test can pick filter values they know exist.
 */
import { parcelBoardProjection, PARCELS } from '@handoff/custody/read-models/parcel-board/parcel-board.projection';
import type { Document } from 'mongodb';
import { seededRandom } from '../seeded-random';

export interface NetworkShape {
  parcels: number;
  hubs: number;
  couriers: number;
  retailers: number;
  /** The seeding clock: registrations spread over the 60 days before it. */
  now: Date;
}

const DAY_MS = 24 * 3600_000;
const HISTORY_MS = 60 * DAY_MS;
const FLAGS = ['over-cap', 'declined-offer', 'damaged', 'failed-attempt', 'lost', 'stolen'] as const;

export const hubId = (k: number) => `hub-${k}`;
export const courierId = (k: number) => `courier-${k}`;
export const retailerId = (k: number) => `retailer-${k}`;
export const parcelId = (n: number) => `p-${String(n).padStart(8, '0')}`;

const derive = parcelBoardProjection.collections[PARCELS]!.derive!;

/**
 * Parcel `n` of the network: registered in order over 60 days (a few share a millisecond, as they
 * do in the field); 60% delivered, 2% returned, 1% lost, the rest live (registered 5%, at a hub
 * 15%, with a courier 16%, with a neighbour 1%), of which ~1 in 12 held for more than 24 hours;
 * 5% of those at a hub offered to a courier; ~9% flagged; 1 in 10 received at a hub other than
 * its destination.
 */
export function boardDocument(n: number, shape: NetworkShape): Document {
  const rnd = seededRandom(n * 2654435761);
  const now = shape.now.getTime();
  const registered = now - HISTORY_MS + Math.floor((n / shape.parcels) * (HISTORY_MS - DAY_MS / 4) + rnd() * 3);
  const registeredAt = new Date(registered).toISOString();
  const retailer = retailerId(Math.floor(rnd() * shape.retailers));
  const destination = hubId(Math.floor(rnd() * shape.hubs));
  const current = rnd() < 0.9 ? destination : hubId(Math.floor(rnd() * shape.hubs));
  const courier = { kind: 'courier', id: courierId(Math.floor(rnd() * shape.couriers)) };
  const roll = rnd();
  const status =
    roll < 0.6 ? 'delivered' : roll < 0.62 ? 'returned-to-sender' : roll < 0.63 ? 'lost' : roll < 0.68 ? 'registered' : roll < 0.83 ? 'at-hub' : roll < 0.99 ? 'with-courier' : 'with-neighbour';
  const live = ['registered', 'at-hub', 'with-courier', 'with-neighbour'].includes(status);
  const holder =
    status === 'registered'
      ? { kind: 'retailer', id: retailer }
      : status === 'at-hub'
        ? { kind: 'hub', id: current }
        : status === 'with-courier'
          ? courier
          : status === 'with-neighbour'
            ? { kind: 'neighbour', id: `subject-${n}` }
            : null;
  // Live parcels moved lately: held for up to 20 hours, ~1 in 12 of them for 1-5 days.
  const heldFor = rnd() < 1 / 12 ? DAY_MS * (1 + rnd() * 4) : rnd() * 20 * 3600_000;
  const heldSince = live ? new Date(Math.max(registered, now - heldFor)).toISOString() : null;
  const offered = status === 'at-hub' && rnd() < 0.05 ? { kind: 'courier', id: courierId(Math.floor(rnd() * shape.couriers)) } : null;
  const flags = rnd() < 0.09 ? [FLAGS[Math.floor(rnd() * 4)]!, ...(rnd() < 0.1 ? [FLAGS[4 + Math.floor(rnd() * 2)]!] : [])] : [];
  const closedAt = live ? null : new Date(registered + DAY_MS * (0.5 + rnd())).toISOString();
  const board: Document = {
    _id: parcelId(n),
    collectiveId: `collective-${retailer}`,
    externalReference: `order-${n}`,
    declaredValue: { amountMinor: 500 + Math.floor(rnd() * 20_000), currency: 'GBP' },
    categories: ['general'],
    destinationHubId: destination,
    retailerId: retailer,
    registeredAt,
    // Sealed as the API seals it (no key is stored for it: lists do not open recipients).
    recipient: { version: 1, algorithm: 'AES-256-GCM', subjectId: `recipient-${n}`, keyId: 'k1', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'A'.repeat(160), authTag: 'AAAAAAAAAAAAAAAAAAAAAA==' },
    status,
    holder,
    holderKey: holder ? `${holder.kind}:${holder.id}` : null,
    heldSince,
    openOffer: offered ? { handoffId: `h-${n}`, from: holder, to: offered, offeredAt: heldSince } : null,
    offeredToKey: offered ? `courier:${offered.id}` : null,
    condition: flags.includes('damaged') ? 'damaged' : 'intact',
    ...(status === 'registered' ? {} : { currentHubId: current, cycleId: `cycle-${current}-${Math.floor(registered / DAY_MS)}`, sorting: null }),
    ...(live ? {} : { lastHolder: status === 'returned-to-sender' ? { kind: 'hub', id: current } : courier, closedAt }),
    ...(flags.length > 0 ? { flags } : {}),
    updatedAt: closedAt ?? heldSince ?? registeredAt,
    _position: `seed-${String(n).padStart(8, '0')}`,
  };
  return Object.assign(board, derive(board));
}
