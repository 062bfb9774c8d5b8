/**
 * Every projection Handoff runs. The api reads their status and waits on them (read-your-writes),
 * the projector runs them, the cli rebuilds and skips for them: all from this one list.
 * Contexts add theirs here.
 */
import { parcelEventSchemaVersions } from '@handoff/custody';
import { custodyProjections } from '@handoff/custody/read-models/custody-projections';
import { ProjectionDefinition, streamSummariesProjection } from '@handoff/projections';

/** The parcel custody events by their stored type strings, from the context's own catalogue. */
export const PARCEL_EVENT_TYPES = Object.keys(parcelEventSchemaVersions);

export const PROJECTIONS: ProjectionDefinition<any>[] = [streamSummariesProjection({ eventTypes: PARCEL_EVENT_TYPES }), ...custodyProjections];
