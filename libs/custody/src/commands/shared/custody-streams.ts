import { streamName } from '@handoff/eventstore';

/** Where each custody aggregate lives: `<category>-<id>` (STYLE.md). Read models and tools use these too. */
export const custodyStreams = {
  parcel: (parcelId: string) => streamName('parcel', parcelId),
  hubCycle: (cycleId: string) => streamName('hubcycle', cycleId),
};

/**
 * Categories custody commands consult without writing (a receiver's standing, a collective's
 * policy: the participants context's streams, read through PARTY_DIRECTORY): the aggregate cache's
 * change feed follows only these. Parcels and hub cycles are consulted from the state their own
 * append checks (or read fresh), so their busy streams are not sent to every API process. A
 * category missing here is still correct, only read fresh.
 */
export const CONSULTED_CATEGORIES: readonly string[] = ['participant'];
