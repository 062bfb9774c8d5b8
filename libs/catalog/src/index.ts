/**
 * The catalogue of what Handoff runs, in one place that the api, the projector, the cli and the
 * all-in-one all import (apps never import each other). It knows every context through its
 * index.ts only; contexts and infrastructure libraries never import it.
 */
export { CONSULTED_CATEGORIES, CONTEXTS, ContextCommandsModule, ContextsModule, ERROR_KINDS, SCHEMA_VERSIONS, UPCASTERS } from './context-catalog';
export type { HandoffContext } from './context-catalog';
export { PROJECTIONS } from './projection-catalog';
export { REACTIONS } from './reaction-catalog';
