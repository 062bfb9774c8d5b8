import type { ProjectionDefinition } from '@handoff/projections';

/** Every read model the pay context keeps (the catalogue's PROJECTIONS): statements and the reports, one per question. */
export const payProjections: ProjectionDefinition<any>[] = [];
