import { streamName } from '@handoff/eventstore';

/** Where each custody aggregate lives: `<category>-<id>` (STYLE.md). Read models and tools use these too. */
export const custodyStreams = {
  parcel: (parcelId: string) => streamName('parcel', parcelId),
  participant: (participantId: string) => streamName('participant', participantId),
  hubCycle: (cycleId: string) => streamName('hubcycle', cycleId),
  /** The erasure record of a data subject (recipient or neighbour). */
  dataSubject: (subjectId: string) => streamName('datasubject', subjectId),
};
