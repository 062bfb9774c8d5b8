/** Reactions: events in, commands out, exactly once in effect (ADR 0017). */
export { defineReaction, reactedEventTypes, ReactionDefinitionError, reactionId, reactionKey } from './reaction-definition';
export type { ReactionCommand, ReactionDefinition, ReactionHandler, ReactionHandlers } from './reaction-definition';
export { DEFAULT_REACTION_TUNING, ReactionRunner } from './reaction-runner';
export type { Dispatch, ReactionRunnerDependencies, ReactionTuning } from './reaction-runner';
export { REACTION_SKIPS, REACTIONS, ReactionStore } from './reaction-store';
export type { ReactionError, ReactionRecord, ReactionSkip } from './reaction-store';
export { ReactionStatusReader } from './reaction-status';
export type { ReactionState, ReactionStatus } from './reaction-status';
