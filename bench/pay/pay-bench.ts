/**
 * The pay section of `npm run bench` (alone: `BENCH_ONLY=pay npm run bench`; `BENCH_PAY_ACCRUALS`
 * sizes it, `BENCH_SCALE=small` runs 100,000). Issue 19 §4's targets, in one run side by side:
 * the pay read models' rebuild ≥ 0.5 × the raw `$all` read rate; a participant's monthly statement
 * (10,000 accruals) p99 ≤ 50 ms; the pay-equity report of a hub-month at 1,000,000 accruals p99 ≤ 200 ms.
 */
import * as path from 'node:path';
import { forkPass } from '../forked-pass';
import type { PayBenchResult } from './pass';

export async function runPayBench(options: { scale: string; tmpDir: string }): Promise<{ result?: PayBenchResult; failures: string[] }> {
  const accruals = Number(process.env.BENCH_PAY_ACCRUALS ?? (options.scale === 'small' ? 100_000 : 1_000_000));
  console.log(`\npay: seeding ${accruals.toLocaleString('en-US')} delivery accruals, reading $all raw, rebuilding the pay read models over it, then querying`);
  let result: PayBenchResult;
  try {
    result = await runPass(accruals, options.tmpDir, Number(process.env.BENCH_PAY_MAX_SECONDS ?? 1_200) * 1000);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ${message}`);
    return { failures: [message] };
  }
  const ratio = result.rebuildPerSecond / result.rawReadPerSecond;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const ms = (latency: { p50Ms: number; p99Ms: number }) => `${latency.p50Ms.toFixed(2)} / ${latency.p99Ms.toFixed(2)}`;
  const rows: [string, string, string, string][] = [
    ['raw $all read (events/s, same run)', fmt(result.rawReadPerSecond), '', ''],
    [`rebuild of every pay read model (events/s, ${result.rebuildSeconds.toFixed(0)} s)`, fmt(result.rebuildPerSecond), '', ''],
    ['rebuild / raw read', ratio.toFixed(2), '>= 0.5', verdict(ratio >= 0.5)],
    ['  the runtime alone: a projection writing nothing (events/s; / raw read)', `${fmt(result.pipelinePerSecond)}; ${(result.pipelinePerSecond / result.rawReadPerSecond).toFixed(2)}`, '', ''],
    [`statement of a month of 10,000 accruals (totals + ${fmt(result.statement.lines)} lines), p50 / p99 (ms)`, ms(result.statement), 'p99 <= 50', verdict(result.statement.p99Ms <= 50)],
    [`  the whole month, ${result.wholeMonth.pages} pages of 1,000 lines, p50 / p99 (ms)`, ms(result.wholeMonth), '', ''],
    [`pay equity of a hub-month at ${fmt(result.accruals)} accruals, p50 / p99 (ms)`, ms(result.payEquity), 'p99 <= 200', verdict(result.payEquity.p99Ms <= 200)],
    // Issue 19 §4, last target: measured in the custody section (bench/custody, runCustodyPayComparison),
    // which runs the all-in-one with and without pay's reactions side by side.
    ['custody bench with the accrual reaction, ratio vs without', 'custody section', 'within 10%', 'see BENCH_ONLY=custody'],
    ['peak RSS (VmHWM) MB: read store, projector', `${result.readStorePeakMb.toFixed(0)}, ${result.projectorPeakMb.toFixed(0)}`, '', ''],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(`${row[0].padEnd(widths[0]!)} | ${row[1].padStart(widths[1]!)} | ${row[2].padEnd(widths[2]!)} | ${row[3]}`);
  console.log(`(seeding ${fmt(result.accruals)} accruals in ${fmt(result.ledgers)} ledger streams took ${result.seedSeconds.toFixed(0)} s)`);
  const failures = [
    ratio < 0.5 ? `pay rebuild ratio ${ratio.toFixed(2)} < 0.5` : '',
    result.statement.p99Ms > 50 ? `statement p99 ${result.statement.p99Ms.toFixed(1)} ms > 50` : '',
    result.payEquity.p99Ms > 200 ? `pay equity p99 ${result.payEquity.p99Ms.toFixed(1)} ms > 200` : '',
  ].filter(Boolean);
  return { result, failures };
}

function runPass(accruals: number, tmpDir: string, timeoutMs: number): Promise<PayBenchResult> {
  return forkPass<PayBenchResult>(path.join(__dirname, 'pass.js'), [String(accruals)], tmpDir, timeoutMs, 'pay bench');
}

const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
