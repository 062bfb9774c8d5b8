import { hubCycleEventSchemaVersions } from './domain/hub-cycle/hub-cycle.events';
import { parcelEventSchemaVersions } from './domain/parcel/parcel.events';
import { participantEventSchemaVersions } from './domain/participants/participant.events';
import { dataSubjectEventSchemaVersions } from './personal-data/data-subject-erasure.decider';

/** Every event type this context writes, with its schema version: checked against the upcaster registry when the module starts. */
export const custodyEventSchemaVersions = {
  ...parcelEventSchemaVersions,
  ...participantEventSchemaVersions,
  ...hubCycleEventSchemaVersions,
  ...dataSubjectEventSchemaVersions,
} as const;
