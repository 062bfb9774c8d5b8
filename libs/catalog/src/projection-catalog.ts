/**
 * Every projection Handoff runs. The api reads their status and waits on them (read-your-writes),
 * the projector runs them, the cli rebuilds and skips for them: all from this one list.
 * Contexts add theirs here.
 */
import { custodyProjections } from '@handoff/custody';
import type { ProjectionDefinition } from '@handoff/projections';

/**
 * Only read models some query answers from. (`stream-summaries`, the example the projection
 * benchmark rebuilds, ran here too until session 4: a third of the live projection work, and no
 * endpoint read it. Its collections, where it ran, stay until an admin drops them.)
 */
export const PROJECTIONS: ProjectionDefinition<any>[] = [...custodyProjections];
