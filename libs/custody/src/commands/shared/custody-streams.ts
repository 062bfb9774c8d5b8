import { streamName } from '@handoff/eventstore';

/** Where each custody aggregate lives: `<category>-<id>` (STYLE.md). Read models and tools use these too. */
export const custodyStreams = {
  parcel: (parcelId: string) => streamName('parcel', parcelId),
  participant: (participantId: string) => streamName('participant', participantId),
  hubCycle: (cycleId: string) => streamName('hubcycle', cycleId),
  /** The erasure record of a data subject (recipient or neighbour). */
  dataSubject: (subjectId: string) => streamName('datasubject', subjectId),
};

/**
 * Categories custody commands consult without writing (a receiver's standing, a collective's
 * policy): the aggregate cache's change feed follows only these. Parcels and hub cycles are
 * consulted from the state their own append checks (or read fresh), so their busy streams are
 * not sent to every API process. A category missing here is still correct, only read fresh.
 */
export const CONSULTED_CATEGORIES: readonly string[] = ['participant'];
