import type { ProjectionDefinition } from '@handoff/projections';
import { waiverCoverageProjection } from './waiver-coverage/waiver-coverage.projection';

/** Every read model of the waivers context, for the projector to run and the API to read. */
export const waiverProjections: ProjectionDefinition<any>[] = [waiverCoverageProjection];
