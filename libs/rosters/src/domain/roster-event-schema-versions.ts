import type { SchemaVersionCatalogue } from '@handoff/kernel';
import { rosterEventSchemaVersions as rosterShiftEventSchemaVersions } from './shift/shift.events';
import { surgeEventSchemaVersions } from './surge/surge.events';

/**
 * Every event type the rosters context writes, with the schema version this code writes and reads
 * (all v1 so far). The commands module checks it against the upcaster registry when it starts.
 */
export const rosterEventSchemaVersions = {
  ...rosterShiftEventSchemaVersions,
  ...surgeEventSchemaVersions,
} as const satisfies SchemaVersionCatalogue;
