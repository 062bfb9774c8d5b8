/** The smallest network a parcel can be registered in: retailer r-1 in collective col-1, hub hub-1 run by coordinator co-1. */
export const HUB_ADDRESS = { lines: ['1 Mill Lane'], locality: 'Hebden Bridge', postalCode: 'HX7 8AA', countryCode: 'GB' };

export const ONE_HUB_NETWORK: readonly (readonly [path: string, body: Record<string, unknown>])[] = [
  ['/retailers', { participantId: 'r-1', displayName: 'Calder Tools' }],
  ['/coordinators', { participantId: 'co-1', displayName: 'Ruth' }],
  ['/hubs', { participantId: 'hub-1', displayName: 'Mill Hub', address: HUB_ADDRESS, operatingCoordinatorId: 'co-1' }],
  ['/collectives', { participantId: 'col-1', displayName: 'Calder', memberRetailerIds: ['r-1'], policy: { declaredValueThreshold: { amountMinor: 50_000, currency: 'GBP' }, waiverRequired: false } }],
];

/** A parcel retailer r-1 registers in that network, bound for hub-1. */
export const parcelInNetwork = (parcelId: string, externalReference = parcelId) => ({
  parcelId,
  externalReference,
  collectiveId: 'col-1',
  declaredValue: { amountMinor: 1_000, currency: 'GBP' },
  categories: [],
  destinationHubId: 'hub-1',
  recipient: { name: 'Ann Lister', address: { lines: ['13 Shibden Fold'], locality: 'Halifax', postalCode: 'HX3 6XG', countryCode: 'GB' }, phone: '+44 7700 900123' },
});
