export { cachedFor, METRICS_CONTENT_TYPE, Metrics } from './metrics';
export type { CommandOutcome } from './metrics';
