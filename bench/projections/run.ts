/**
 * The projection section of `npm run bench` (alone: `BENCH_ONLY=projections npm run bench`).
 * Runs bench/projections/pass.ts in a fresh process and prints its figures against the targets of
 * issue 3: rebuild rate >= 0.5 x the raw `$all` read rate of the same run, indexed lookup
 * p99 <= 2 ms, page of 50 p99 <= 20 ms, memory flat as the collection grows.
 */
import * as path from 'node:path';
import { forkPass } from '../forked-pass';
import type { Percentiles, ProjectionBenchResult } from './pass';

const FLAT = 1.25;

export async function runProjectionsSection(options: { scale: string; tmpDir: string }): Promise<{ result?: ProjectionBenchResult; failures: string[] }> {
  const events = Number(process.env.BENCH_PROJECTION_EVENTS ?? (options.scale === 'small' ? 100_000 : 1_000_000));
  console.log(
    `\nprojections: seeding ${events.toLocaleString('en-US')} single-event streams, reading $all raw, rebuilding stream-summaries over it, then querying the ${events.toLocaleString('en-US')}-document collection`,
  );
  let result: ProjectionBenchResult;
  try {
    result = await runPass(events, options.tmpDir, Number(process.env.BENCH_PROJECTION_MAX_SECONDS ?? 900) * 1000);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ${message}`);
    return { failures: [message] };
  }
  const ratio = result.rebuildPerSecond / result.rawReadPerSecond;
  const [half, full] = result.memory;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const rows: [string, string, string, string][] = [
    ['raw $all read (events/s, same run)', fmt(result.rawReadPerSecond), '', ''],
    ['rebuild stream-summaries (events/s)', fmt(result.rebuildPerSecond), '', ''],
    ['rebuild / raw read', ratio.toFixed(2), '>= 0.5', verdict(ratio >= 0.5)],
    [`indexed lookup by _id p50 / p99 (ms, ${fmt(result.documents)} docs, warm client)`, ms(result.lookup), 'p99 <= 2', verdict(result.lookup.p99Ms <= 2)],
    ['filtered, sorted page of 50 p50 / p99 (ms, warm client)', ms(result.page), 'p99 <= 20', verdict(result.page.p99Ms <= 20)],
    [`  the same, first ${fmt(result.lookup.cold.samples)} queries of each (driver still compiling)`, `${ms(result.lookup.cold)}; ${ms(result.page.cold)}`, '', ''],
  ];
  if (half && full) {
    const anon = full.readStoreAnonMb / half.readStoreAnonMb;
    const projector = full.projectorRssMb / half.projectorRssMb;
    rows.push([
      `read store RSS (anon) MB at ${fmt(half.documents)} -> ${fmt(full.documents)} docs`,
      `${half.readStoreRssMb.toFixed(0)} (${half.readStoreAnonMb.toFixed(0)}) -> ${full.readStoreRssMb.toFixed(0)} (${full.readStoreAnonMb.toFixed(0)})`,
      `anon x<=${FLAT}`,
      verdict(anon <= FLAT),
    ]);
    rows.push([
      `projector RSS (heap) MB at ${fmt(half.documents)} -> ${fmt(full.documents)} docs`,
      `${half.projectorRssMb.toFixed(0)} (${half.projectorHeapMb.toFixed(0)}) -> ${full.projectorRssMb.toFixed(0)} (${full.projectorHeapMb.toFixed(0)})`,
      `x<=${FLAT}`,
      verdict(projector <= FLAT),
    ]);
  }
  rows.push(['peak RSS (VmHWM) MB: read store, projector', `${result.readStorePeakMb.toFixed(0)}, ${result.projectorPeakMb.toFixed(0)}`, '', '']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(`${row[0].padEnd(widths[0]!)} | ${row[1].padStart(widths[1]!)} | ${row[2].padEnd(widths[2]!)} | ${row[3]}`);
  console.log(`(seeding took ${result.seedSeconds.toFixed(0)} s)`);
  return { result, failures: [] };
}

function runPass(events: number, tmpDir: string, timeoutMs: number): Promise<ProjectionBenchResult> {
  return forkPass<ProjectionBenchResult>(path.join(__dirname, 'pass.js'), [String(events)], tmpDir, timeoutMs, 'projection bench');
}

const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (latency: Percentiles) => `${latency.p50Ms.toFixed(2)} / ${latency.p99Ms.toFixed(2)}`;
