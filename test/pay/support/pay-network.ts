/**
 * A pay network for the pay integration and fault tests: one collective with a rate card of two
 * versions, hubs (some with their own card) each run by its own coordinator in a fixed-offset time
 * zone, paid, gig and volunteer couriers. Written straight to the streams that own each fact, as
 * their contexts record them, so a test can seed thousands of parcels quickly.
 */
import type { EventStore } from '@handoff/eventstore';

export const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const SEED = { correlationId: 'seed', causationId: 'seed', actor: { kind: 'admin', id: 'seeder' } };

/** The figures each card pays, as plain numbers the tests' oracles read. */
export interface Figures {
  paid: number;
  gig: number;
  hub: number;
  retainer: number;
  fee: number;
  bonus: number;
  /** Priority slots per volunteer delivery (0: none). */
  slot: number;
}

export const COLLECTIVE = 'col-pay';
export const SURGE_HUB = 'hub-5';
export const SURGE = { from: Date.parse('2027-01-10T00:00:00.000Z'), until: Date.parse('2027-01-15T00:00:00.000Z'), multiplierBasisPoints: 15_000 };
export const COLLECTIVE_VERSIONS: { effectiveFrom: string; figures: Figures }[] = [
  { effectiveFrom: '2026-12-31T00:00:00.000Z', figures: { paid: 120, gig: 600, hub: 180, retainer: 32_000, fee: 25, bonus: 10, slot: 1 } },
  { effectiveFrom: '2027-01-20T00:00:00.000Z', figures: { paid: 130, gig: 610, hub: 185, retainer: 33_000, fee: 26, bonus: 11, slot: 1 } },
];
export const HUB_CARD = { effectiveFrom: '2027-01-01T00:00:00.000Z', figures: { paid: 180, gig: 650, hub: 200, retainer: 30_000, fee: 30, bonus: 15, slot: 0 } };
/** Hubs with their own card (the others are paid by the collective's). */
export const HUBS_WITH_CARDS = new Set(['hub-0', 'hub-1', 'hub-2', 'hub-3', 'hub-4']);
/** Fixed offsets (hours east of UTC), so the oracle needs no time-zone database. */
const ZONES: { zone: string; offsetHours: number }[] = [
  { zone: 'Etc/GMT+6', offsetHours: -6 },
  { zone: 'Etc/GMT-1', offsetHours: 1 },
  { zone: 'UTC', offsetHours: 0 },
];

export interface Network {
  hubs: { hubId: string; coordinatorId: string; offsetHours: number }[];
  couriers: { courierId: string; engagement: 'paid' | 'gig' | 'volunteer' }[];
}

export function networkOf(size: { hubs: number; paid: number; gig: number; volunteers: number }, tag: string): Network {
  return {
    hubs: Array.from({ length: size.hubs }, (_, i) => ({ hubId: `hub-${i}`, coordinatorId: `coord-${i}-${tag}`, offsetHours: ZONES[i % ZONES.length]!.offsetHours })),
    couriers: [
      ...Array.from({ length: size.paid }, (_, i) => ({ courierId: `paid-${i}-${tag}`, engagement: 'paid' as const })),
      ...Array.from({ length: size.gig }, (_, i) => ({ courierId: `gig-${i}-${tag}`, engagement: 'gig' as const })),
      ...Array.from({ length: size.volunteers }, (_, i) => ({ courierId: `vol-${i}-${tag}`, engagement: 'volunteer' as const })),
    ],
  };
}

const ratesOf = (figures: Figures, surge: boolean) => ({
  currency: 'USD',
  perDelivery: { 'paid-courier': usd(figures.paid), 'gig-courier': usd(figures.gig), hub: usd(figures.hub) },
  coordinator: { monthlyRetainer: usd(figures.retainer), handlingFeePerParcel: usd(figures.fee), beforeNoonBonusPerParcel: usd(figures.bonus) },
  deadMileGuarantee: null,
  surgeWindows: surge
    ? [{ windowId: 'january-rush', from: new Date(SURGE.from).toISOString(), until: new Date(SURGE.until).toISOString(), hubIds: [SURGE_HUB], multiplierBasisPoints: SURGE.multiplierBasisPoints }]
    : [],
  hourlyRoles: { dispatcher: usd(1_800) },
  volunteerCredits: { perShift: [{ creditUnit: 'gas-card-5-usd', quantity: 1 }], perDelivery: figures.slot > 0 ? [{ creditUnit: 'priority-slot', quantity: figures.slot }] : [] },
});

/** Writes the network: participants, the collective's card (two versions), the hubs' own cards. Once per event store. */
export async function seedNetwork(store: EventStore, network: Network): Promise<void> {
  const registeredAt = '2026-12-01T00:00:00.000Z';
  const appends: [string, { type: string; data: object }[]][] = [];
  for (const { hubId, coordinatorId, offsetHours } of network.hubs) {
    const zone = ZONES.find((z) => z.offsetHours === offsetHours)!.zone;
    appends.push([`participant-${coordinatorId}`, [{ type: 'CoordinatorRegistered', data: { participantId: coordinatorId, displayName: 'Coordinator', registeredAt } }]]);
    const address = { lines: ['1 Mill Lane'], locality: 'Hebden Bridge', postalCode: 'HX7 8AA', countryCode: 'GB' };
    appends.push([
      `participant-${hubId}`,
      [{ type: 'HubRegistered', data: { participantId: hubId, displayName: hubId, address, operatingCoordinatorId: coordinatorId, perCycleCap: 55, timeZone: zone, registeredAt } }],
    ]);
  }
  for (const { courierId, engagement } of network.couriers) {
    const data = { participantId: courierId, displayName: courierId, engagement: engagement === 'gig' ? { kind: 'gig', platform: 'DashGo' } : { kind: engagement }, vetting: 'vetted', registeredAt };
    appends.push([`participant-${courierId}`, [{ type: 'CourierRegistered', data }]]);
  }
  const published = (rateCardId: string, owner: object, version: number, effectiveFrom: string, figures: Figures, surge: boolean) => ({
    type: 'RateCardVersionPublished',
    data: { rateCardId, owner, version, effectiveFrom, rates: ratesOf(figures, surge), publishedBy: 'admin-1', publishedAt: effectiveFrom },
  });
  const collectiveCard = `collective:${COLLECTIVE}`;
  appends.push([`ratecard-${collectiveCard}`, COLLECTIVE_VERSIONS.map((v, i) => published(collectiveCard, { kind: 'collective', id: COLLECTIVE }, i + 1, v.effectiveFrom, v.figures, true))]);
  for (const { hubId } of network.hubs.filter((hub) => HUBS_WITH_CARDS.has(hub.hubId))) {
    const card = `hub:${hubId}`;
    appends.push([`ratecard-${card}`, [published(card, { kind: 'hub', id: hubId }, 1, HUB_CARD.effectiveFrom, HUB_CARD.figures, false)]]);
  }
  for (let i = 0; i < appends.length; i += 32) {
    await Promise.all(appends.slice(i, i + 32).map(([stream, events]) => store.append(stream, events, { expectedRevision: 'any', context: SEED })));
  }
}

export const seedContext = SEED;
