export { cachedFor, METRICS_CONTENT_TYPE, Metrics, SCRAPE_CACHE_MS } from './metrics';
export type { CommandOutcome, VerificationFigures } from './metrics';
