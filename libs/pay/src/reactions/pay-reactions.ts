import type { ReactionDefinition } from '@handoff/reactions';

/** Every reaction the pay context runs (the catalogue's REACTIONS): accruals from custody's facts. */
export const payReactions: ReactionDefinition<any>[] = [];
