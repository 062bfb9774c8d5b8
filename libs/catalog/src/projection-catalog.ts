/**
 * Every projection Handoff runs. The api reads their status and waits on them (read-your-writes),
 * the projector runs them, the cli rebuilds and skips for them: all from this one list, which is
 * every context's projections (context-catalog.ts).
 */
import type { ProjectionDefinition } from '@handoff/projections';
import { CONTEXTS } from './context-catalog';

/**
 * Only read models some query answers from. (`stream-summaries`, the example the projection
 * benchmark rebuilds, ran here too until session 4: a third of the live projection work, and no
 * endpoint read it. Its collections, where it ran, stay until an admin drops them.)
 */
export const PROJECTIONS: ProjectionDefinition<any>[] = CONTEXTS.flatMap((context) => [...context.projections]);
