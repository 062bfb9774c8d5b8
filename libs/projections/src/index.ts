export {
  defineProjection,
  handledEventTypes,
  subscriberIdentityProblem,
  project,
  ProjectionDefinitionError,
  remove,
  replace,
  update,
  upsert,
} from './definition/projection-definition';
export type { DeriveFields, DocumentId, ReadModelUpdate, ProjectionDefinition, ProjectionHandler, ProjectionHandlers, ReadModelChange, ReadModelCollection } from './definition/projection-definition';
export { comparePositions, formatPosition, InvalidPositionError, parsePosition, positionFromKey, positionKey } from './definition/position';
export { MARKER_FIELD } from './runtime/change-writer';
export { ProjectionRuntime } from './runtime/projection-runtime';
export type { ProjectionRuntimeOptions } from './runtime/projection-runtime';
export { backoff, DEFAULT_TUNING } from './runtime/tuning';
export { CAUGHT_UP, CHAIN_STEP, FELL_BEHIND, InThreadFeed } from './runtime/event-feed/event-feed';
export type { CheckedEvent, EventFeed, FeedItem, FeedRequest, FeedSubscription } from './runtime/event-feed/event-feed';
export type { RuntimeTuning } from './runtime/tuning';
export { ProjectionStore } from './store/projection-store';
export { LeaseStore } from './store/lease-store';
export { skippedEventOf, stoppedOn } from './store/records';
export type { Generation, RegistryRecord, SkippedEvent, SkipRecord, TrackError, TrackRecord } from './store/records';
export { ReadModels, UnknownReadModelError } from './consistency/read-models';
export { headOfAll, tailAfter } from './consistency/all-log';
export type { LogTail } from './consistency/all-log';
export { DEFAULT_REGISTRY_CACHE_MS, RegistryCache } from './consistency/registry-cache';
export { ProjectionLagError, ReadYourWrites, UnknownProjectionError } from './consistency/read-your-writes';
export type { ProjectionLag } from './consistency/read-your-writes';
export { ProjectionStatusReader } from './status/projection-status';
export type { GenerationStatus, ProjectionState, ProjectionStatus } from './status/projection-status';
export { databaseName, ProjectionsModule } from './nest/projections.module';
export { requireMongoDbUri } from './nest/read-store-config';
export type { ProjectionsModuleOptions } from './nest/projections.module';
export { ReadsProjections, ReadYourWritesGuard, reportPosition } from './nest/read-your-writes.http';
export type { HttpReplyLike } from './nest/read-your-writes.http';
export { POSITION_HEADER, PROJECTION_DEFINITIONS, PROJECTIONS_OPTIONS, READ_MODEL_DB, READ_MODEL_MONGO_CLIENT } from './nest/tokens';
export { STREAM_SUMMARIES, streamSummariesProjection } from './examples/stream-summaries.projection';
export type { StreamSummary } from './examples/stream-summaries.projection';
