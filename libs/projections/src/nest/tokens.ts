export const READ_MODEL_MONGO_CLIENT = Symbol('READ_MODEL_MONGO_CLIENT');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const PROJECTION_DEFINITIONS = Symbol('PROJECTION_DEFINITIONS');
export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');
export const READS_PROJECTIONS = 'handoff:reads-projections';
/** Carries a command's `$all` position to the client and back on its queries. */
export const POSITION_HEADER = 'x-handoff-position';
