import type { ProjectionDefinition } from '@handoff/projections';
import { payReadModelsProjection } from './pay-read-models.projection';

/** Every read model the pay context keeps (the catalogue's PROJECTIONS): statements and the reports, one collection per question, one projection feeding them (ADR 0027). */
export const payProjections: ProjectionDefinition<any>[] = [payReadModelsProjection];
