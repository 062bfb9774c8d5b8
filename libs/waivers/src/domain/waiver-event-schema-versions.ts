import type { SchemaVersionCatalogue } from '@handoff/kernel';
import { waiverSigningEventSchemaVersions } from './signing/waiver-signing.events';
import { waiverTemplateEventSchemaVersions } from './template/waiver-template.events';

/**
 * Every event type the waivers context writes, with the schema version this code writes and reads
 * (all v1 so far). The module checks it against the upcaster registry when it starts
 * (`assertSchemaVersions`); a new shape is a new version with an upcaster, never a silent change.
 */
export const waiverEventSchemaVersions = {
  ...waiverTemplateEventSchemaVersions,
  ...waiverSigningEventSchemaVersions,
} as const satisfies SchemaVersionCatalogue;
