/** Knobs of the runtime; the defaults suit production, tests shorten the waits. */
export interface RuntimeTuning {
  /**
   * A batch is written once it holds this many changes (the next one then waits for it)… Each
   * batch costs the read store a few commands whatever its size: on the 200k-event rebuild bench,
   * 500 -> 18.7k events/s, 2,000 -> 24k, 10,000 -> 28k, 50,000 -> 25.7k.
   */
  maxBatchChanges: number;
  /** …or this long after its first event, whichever comes first. */
  maxBatchDelayMs: number;
  /** Retry backoff after a failure (poison event, unreachable store): doubles up to the maximum. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** How often a stopped track looks for an admin's skip request. */
  skipPollMs: number;
  /** Lease time to live; the holder renews it at a third of that. */
  leaseTtlMs: number;
  /** How often the runner looks at the registry (rebuild requests, switch-overs, retired generations). */
  superviseEveryMs: number;
  /** Filter checkpoints from the server every 32 × this many events scanned. */
  checkpointIntervalMultiplier: number;
}

export const DEFAULT_TUNING: RuntimeTuning = {
  maxBatchChanges: 10_000,
  maxBatchDelayMs: 10,
  retryInitialMs: 250,
  retryMaxMs: 30_000,
  skipPollMs: 500,
  leaseTtlMs: 10_000,
  superviseEveryMs: 1_000,
  checkpointIntervalMultiplier: 8,
};

export const backoff = (tuning: Pick<RuntimeTuning, 'retryInitialMs' | 'retryMaxMs'>, attempt: number): number =>
  Math.min(tuning.retryMaxMs, tuning.retryInitialMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
