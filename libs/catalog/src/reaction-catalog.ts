/**
 * Every reaction Handoff runs, and the modules that decide the commands they issue. The projector
 * (alone, or on the all-in-one's thread) runs the reactions with a dispatcher from those modules;
 * the api reports their status beside the projections'; the cli skips for them. Contexts add theirs here.
 */
import { CustodyCommandsModule, custodyReactions } from '@handoff/custody';
import type { ReactionDefinition } from '@handoff/reactions';

export const REACTIONS: ReactionDefinition<any>[] = [...custodyReactions];

/**
 * The contexts' write sides without HTTP: each provides its handlings on the process's one
 * `CommandDispatcher` (today custody's module provides the dispatcher itself), its upcasters and
 * its schema-version check. The api imports them through the contexts' HTTP modules.
 */
export const COMMAND_MODULES = [CustodyCommandsModule];
