import { collectDefaultMetrics, Counter, type CounterConfiguration, Gauge, type GaugeConfiguration, Histogram, type HistogramConfiguration, Registry } from 'prom-client';

/** What `GET /metrics` answers with: Prometheus text exposition format 0.0.4. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * How a command ended: `ok`; `replayed` (an Idempotency-Key repeat answered from the stored
 * answer, nothing run); `refused` (answered 4xx: a rule, a lost race, bad input); `failed` (5xx).
 */
export type CommandOutcome = 'ok' | 'replayed' | 'refused' | 'failed';
const OUTCOMES: readonly CommandOutcome[] = ['ok', 'replayed', 'refused', 'failed'];

/** Commands take milliseconds; the tail that matters is tens to hundreds of them. */
const COMMAND_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Scrapes every 15 s are usual; two within this share one read of what lives in a database. */
export const SCRAPE_CACHE_MS = 2_000;

export interface VerificationFigures {
  /** `$all` commit position verified up to. */
  position: number;
  failedStreams: number;
}

interface CommandSeries {
  seconds: { observe(value: number): void };
  outcomes: Record<CommandOutcome, { inc(): void }>;
}

/**
 * The process's Prometheus metrics, one registry per Nest application (not prom-client's global
 * one: tests start several apps in one process). The series every process shares are named here;
 * a component adds its own with `counter()`, `gauge()` or `histogram()`, which return the metric
 * already registered under that name, so registering twice is harmless. Names start `handoff_`;
 * labels take a bounded set of values (a command type, a refusal code), never an id or a person.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly commands = this.counter({ name: 'handoff_commands_total', help: 'Commands received at the API, by command type and outcome.', labelNames: ['type', 'outcome'] });
  readonly commandSeconds = this.histogram({
    name: 'handoff_command_duration_seconds',
    help: 'Time from a command reaching the command gateway to its answer (idempotency, decision and append), by command type.',
    labelNames: ['type'],
    buckets: COMMAND_SECONDS_BUCKETS,
  });
  readonly refusals = this.counter({ name: 'handoff_refusals_total', help: 'Requests answered 4xx Problem Details, by problem code.', labelNames: ['code'] });
  /** Fed by the rate limiter's refusals (`installRateLimits` in apps/api, wired by `prepareHttpApp`). */
  readonly rateLimitHits = this.counter({ name: 'handoff_rate_limit_hits_total', help: 'Requests refused 429 by a rate limit, by the limit hit (api-key or address).', labelNames: ['limit'] });
  /** The hash-chain verifier's: the `$all` commit position verified up to (see `readVerificationFrom`). */
  readonly verifiedPosition = this.verificationGauge('handoff_verification_position', 'The $all commit position up to which every stream hash chain has been verified.', (f) => f.position);
  /** The hash-chain verifier's: streams whose chain does not verify (0 when all is well). */
  readonly verificationFailures = this.verificationGauge('handoff_verification_failed_streams', 'Streams whose hash chain failed verification (0 when every chain verifies).', (f) => f.failedStreams);

  private verification?: () => Promise<VerificationFigures>;
  private readonly series = new Map<string, CommandSeries>();

  constructor(options: { defaultMetrics?: boolean } = {}) {
    // CPU, memory, event-loop lag, GC under prom-client's standard names (`process_*`, `nodejs_*`), which common dashboards expect.
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Counts one command and times it; the label children are looked up once per type, not per command. */
  recordCommand(type: string, outcome: CommandOutcome, seconds: number): void {
    let series = this.series.get(type);
    if (!series) {
      series = { seconds: this.commandSeconds.labels(type), outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, this.commands.labels(type, o)])) as CommandSeries['outcomes'] };
      this.series.set(type, series);
    }
    series.seconds.observe(seconds);
    series.outcomes[outcome].inc();
  }

  counter<Label extends string>(config: CounterConfiguration<Label>): Counter<Label> {
    return (this.registry.getSingleMetric(config.name) as Counter<Label> | undefined) ?? new Counter({ ...config, registers: [this.registry] });
  }

  gauge<Label extends string>(config: GaugeConfiguration<Label>): Gauge<Label> {
    return (this.registry.getSingleMetric(config.name) as Gauge<Label> | undefined) ?? new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<Label extends string>(config: HistogramConfiguration<Label>): Histogram<Label> {
    return (this.registry.getSingleMetric(config.name) as Histogram<Label> | undefined) ?? new Histogram({ ...config, registers: [this.registry] });
  }

  /**
   * Where the verifier's figures come from on each scrape, typically its status document in MongoDB
   * (read at most once per SCRAPE_CACHE_MS). A verifier in this process may instead `set()` the gauges.
   */
  readVerificationFrom(read: () => Promise<VerificationFigures>): void {
    this.verification = cachedFor(SCRAPE_CACHE_MS, read);
  }

  private verificationGauge(name: string, help: string, pick: (figures: VerificationFigures) => number): Gauge {
    const source = () => this.verification?.();
    return this.gauge({
      name,
      help,
      async collect() {
        const figures = await source();
        if (figures) this.set(pick(figures));
      },
    });
  }

  /** The exposition text for a scrape. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * `load` at most once per `ttlMs`: gauges that read MongoDB on scrape share one read, and two
 * Prometheus servers (or a dashboard's refresh) scraping at once do not double the load.
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const value = load();
    cached = { at: now(), value };
    // A failed read is not cached: the next scrape tries again.
    value.catch(() => {
      if (cached?.value === value) cached = undefined;
    });
    return value;
  };
}
