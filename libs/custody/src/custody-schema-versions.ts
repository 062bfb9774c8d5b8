import { hubCycleEventSchemaVersions } from './domain/hub-cycle/hub-cycle.events';
import { parcelEventSchemaVersions } from './domain/parcel/parcel.events';

/** Every event type this context writes, with its schema version: checked against the upcaster registry when the module starts. */
export const custodyEventSchemaVersions = {
  ...parcelEventSchemaVersions,
  ...hubCycleEventSchemaVersions,
} as const;
