export { CLOCK, FixedClock, SystemClock } from './clock/clock';
export type { Clock } from './clock/clock';
export {
  ConfigValidationError,
  HANDOFF_CONFIG,
  loadConfig,
  requireEventStoreConnectionString,
} from './config/handoff-config';
export type { HandoffConfig, HttpEdgeConfig } from './config/handoff-config';
export { LOG_LEVELS, PROJECTOR_PLACEMENTS } from './config/handoff-environment';
export type { LogLevel, ProjectorPlacement } from './config/handoff-environment';
export { ID_GENERATOR, RandomIdGenerator, SequentialIdGenerator } from './ids/id-generator';
export type { IdGenerator } from './ids/id-generator';
export { JsonLogger } from './logging/json-logger';
export type { JsonLoggerOptions, LogSink } from './logging/json-logger';
export { cachedFor, METRICS_CONTENT_TYPE, Metrics, SCRAPE_CACHE_MS } from './metrics';
export type { CommandOutcome, VerificationFigures } from './metrics';
export { SharedModule } from './shared.module';
export type { SharedModuleOptions } from './shared.module';
export { runMain } from './process/run-main';
export type { RunningProcess } from './process/run-main';
export * from './process/close-on-shutdown';
export * from './process/listening-process';
export * from './process/v8-heap-tuning';
export { installLeanAsyncResourceBind } from './process/lean-async-resource-bind';
export * from './tamper-evidence';
