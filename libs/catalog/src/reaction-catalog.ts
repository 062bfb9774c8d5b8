/**
 * Every reaction Handoff runs, from the contexts' definitions. The projector (alone, or on the
 * all-in-one's thread) runs them with the contexts' write sides (ContextCommandsModule); the api
 * reports their status beside the projections'; the cli skips for them.
 */
import type { ReactionDefinition } from '@handoff/reactions';
import { CONTEXTS } from './context-catalog';

export const REACTIONS: ReactionDefinition<any>[] = CONTEXTS.flatMap((context) => [...context.reactions]);
