import type { Counter, Gauge } from 'prom-client';
import { cachedFor, Metrics, SCRAPE_CACHE_MS } from '@handoff/shared';

/**
 * Series read on scrape from a status reader (what projectors and reactors record in MongoDB), one
 * per named thing (`label`), all from one cached read: the same figures wherever the work runs.
 */
export function statusSeries<Status extends { name: string }>(metrics: Metrics, label: string, all: () => Promise<Status[]>) {
  const read = cachedFor(SCRAPE_CACHE_MS, all);
  const fill = async (series: Gauge | Counter, value: (status: Status) => number, add: boolean) => {
    const statuses = await read();
    series.reset();
    for (const status of statuses) {
      // A total recorded in MongoDB is shown as a counter: reset, then brought to the recorded figure.
      if (add) (series as Counter).inc({ [label]: status.name }, value(status));
      else (series as Gauge).set({ [label]: status.name }, value(status));
    }
  };
  return {
    gauge(name: string, help: string, value: (status: Status) => number): void {
      metrics.gauge({
        name,
        help,
        labelNames: [label],
        async collect() {
          await fill(this, value, false);
        },
      });
    },
    counter(name: string, help: string, value: (status: Status) => number): void {
      metrics.counter({
        name,
        help,
        labelNames: [label],
        async collect() {
          await fill(this, value, true);
        },
      });
    },
  };
}

/** `"1234"` or `"1234:1200"` (commit:prepare) → 1234. Below 2^53 for any log this store will hold. */
export function commitOf(checkpoint: string | null | undefined): number {
  return checkpoint ? Number(checkpoint.split(':')[0]) : -1;
}
