/**
 * `npm run bench`: the same workloads, through the official client, against the embedded server
 * and against the in-memory ceiling server (bench/ceiling), interleaved embedded, ceiling,
 * ceiling, embedded, each pass in a fresh process with a fresh server; then the embedded server's
 * memory as the store grows. Prints a table (figure | embedded | ceiling | ratio | target) and
 * writes it as JSON to dist/bench-results.json.
 *
 * Knobs: BENCH_SCALE=small (quick run), BENCH_PASSES=ceiling,ceiling (subset of servers),
 * BENCH_MEMORY=0 (skip the memory part), and the counts in bench/config.ts; BENCH_ONLY=projections
 * (or =eventstore) runs one section; BENCH_PROJECTION_EVENTS sizes the projection section.
 * BENCH_ONLY=custody runs only the custody API bench (bench/custody), BENCH_ONLY=parcel-list only the
 * list bench (bench/parcel-list), BENCH_ONLY=pay only the pay read models (bench/pay); a run without
 * BENCH_ONLY ends with those three.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchConfig, loadConfig } from './config';
import { machineBusyMicros } from './proc';
import type { FiguresResult, MemoryResult, ServerKind } from './pass';
import { runProjectionsSection } from './projections/run';

interface Figure {
  label: string;
  unit: string;
  /** Higher is better (throughput) or lower is better (latency, CPU, memory). */
  better: 'higher' | 'lower';
  /** Figures without a target are printed for information. */
  target: boolean;
  pick(result: FiguresResult): number | undefined;
}

function figuresFor(config: BenchConfig): Figure[] {
  const w = config.concurrentWriters;
  const bw = config.batchWriters;
  return [
    { label: 'appends/s, 1 writer (single events, exact rev)', unit: '/s', better: 'higher', target: true, pick: (r) => r.single.operationsPerSecond },
    { label: `appends/s, ${w} writers (single events, exact rev)`, unit: '/s', better: 'higher', target: true, pick: (r) => r.concurrent.operationsPerSecond },
    { label: `events/s, batches of ${config.batchSize} (${bw} writers, exact rev)`, unit: '/s', better: 'higher', target: true, pick: (r) => r.batch.eventsPerSecond },
    { label: '$all read events/s (from start)', unit: '/s', better: 'higher', target: true, pick: (r) => r.read.eventsPerSecond },
    { label: '$all catch-up subscription events/s', unit: '/s', better: 'higher', target: true, pick: (r) => r.subscription.eventsPerSecond },
    { label: 'append latency p50, 1 writer', unit: 'ms', better: 'lower', target: true, pick: (r) => r.single.p50Ms },
    { label: 'append latency p99, 1 writer', unit: 'ms', better: 'lower', target: true, pick: (r) => r.single.p99Ms },
    { label: `append latency p50, ${w} writers`, unit: 'ms', better: 'lower', target: true, pick: (r) => r.concurrent.p50Ms },
    { label: `append latency p99, ${w} writers`, unit: 'ms', better: 'lower', target: true, pick: (r) => r.concurrent.p99Ms },
    { label: 'server CPU µs/event, 1 writer', unit: 'µs', better: 'lower', target: true, pick: (r) => r.single.serverCpuMicrosPerEvent },
    { label: `server CPU µs/event, ${w} writers`, unit: 'µs', better: 'lower', target: true, pick: (r) => r.concurrent.serverCpuMicrosPerEvent },
    { label: `server CPU µs/event, batches of ${config.batchSize}`, unit: 'µs', better: 'lower', target: true, pick: (r) => r.batch.serverCpuMicrosPerEvent },
    { label: 'server CPU µs/event, $all read', unit: 'µs', better: 'lower', target: true, pick: (r) => r.read.serverCpuMicrosPerEvent },
    { label: 'server CPU µs/event, subscription', unit: 'µs', better: 'lower', target: true, pick: (r) => r.subscription.serverCpuMicrosPerEvent },
    { label: 'client CPU µs/event, 1 writer', unit: 'µs', better: 'lower', target: true, pick: (r) => r.single.clientCpuMicrosPerEvent },
    { label: `client CPU µs/event, ${w} writers`, unit: 'µs', better: 'lower', target: true, pick: (r) => r.concurrent.clientCpuMicrosPerEvent },
    { label: `client CPU µs/event, batches of ${config.batchSize}`, unit: 'µs', better: 'lower', target: true, pick: (r) => r.batch.clientCpuMicrosPerEvent },
    { label: 'client CPU µs/event, $all read', unit: 'µs', better: 'lower', target: true, pick: (r) => r.read.clientCpuMicrosPerEvent },
    { label: 'client CPU µs/event, subscription', unit: 'µs', better: 'lower', target: true, pick: (r) => r.subscription.clientCpuMicrosPerEvent },
    { label: 'server peak RSS (VmHWM)', unit: 'MB', better: 'lower', target: true, pick: (r) => r.serverPeakMb },
    { label: 'client peak RSS (VmHWM)', unit: 'MB', better: 'lower', target: true, pick: (r) => r.clientPeakMb },
    { label: `batches of ${config.batchSize}: p50 latency`, unit: 'ms', better: 'lower', target: false, pick: (r) => r.batch.p50Ms },
    { label: `batches of ${config.batchSize}: p99 latency`, unit: 'ms', better: 'lower', target: false, pick: (r) => r.batch.p99Ms },
    { label: 'fill events/s (batches of 100, 8 writers, any)', unit: '/s', better: 'higher', target: false, pick: (r) => r.fill.eventsPerSecond },
  ];
}

const RATIO_MIN = 0.8;
/** Every pass's data dir lives under this one, removed when the run ends. */
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-run-'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Passes and servers die with their parent (IPC disconnect); give them a moment, then clean up.
    setTimeout(() => {
      fs.rmSync(tmpDir, { recursive: true, force: true });
      process.exit(130);
    }, 1000);
  });
}
const QUIET_CORES = 0.25;

/** Waits (bounded) until other processes use less than QUIET_CORES; returns the last sample. */
async function waitForQuiet(maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const before = machineBusyMicros();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cores = (machineBusyMicros() - before) / 1_000_000;
    if (cores < QUIET_CORES || Date.now() >= deadline) return cores;
  }
}

function runPass<T extends FiguresResult | MemoryResult>(mode: 'figures' | 'memory', kind: ServerKind, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(path.join(__dirname, 'pass.js'), [mode, kind], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_TMP_DIR: tmpDir },
    });
    let result: T | undefined;
    const timer = setTimeout(() => {
      process.stderr.write(`  ${mode} pass on ${kind} exceeded ${timeoutMs / 1000} s; killing it\n`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message) => {
      result = message as T;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (result && code === 0) resolve(result);
      else reject(new Error(`${mode} pass on ${kind} failed (code ${code}, signal ${signal})`));
    });
  });
}

function mean(values: number[]): number | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : undefined;
}

function format(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  if (unit === '/s') return Math.round(value).toLocaleString('en-US');
  if (unit === 'ms' || unit === 'µs') return value < 10 ? value.toFixed(2) : value.toFixed(1);
  return value.toFixed(1);
}

interface Row {
  figure: string;
  unit: string;
  embedded?: number;
  ceiling?: number;
  embeddedRuns: number[];
  ceilingRuns: number[];
  ratio?: number;
  target: string;
  verdict: 'PASS' | 'FAIL' | 'n/a' | '';
}

function buildRows(config: BenchConfig, results: FiguresResult[]): Row[] {
  return figuresFor(config).map((figure) => {
    const runs = (kind: ServerKind) =>
      results
        .filter((r) => r.kind === kind)
        .map((r) => figure.pick(r))
        .filter((v): v is number => v !== undefined);
    const embeddedRuns = runs('embedded');
    const ceilingRuns = runs('ceiling');
    const embedded = mean(embeddedRuns);
    const ceiling = mean(ceilingRuns);
    const ratio = embedded !== undefined && ceiling !== undefined && ceiling > 0 ? embedded / ceiling : undefined;
    // The same criterion both ways: the embedded server keeps at least 80% of the ceiling's
    // performance, i.e. ratio >= 0.8 for throughput and ratio <= 1/0.8 = 1.25 for costs.
    const target = !figure.target ? '' : figure.better === 'higher' ? `>= ${RATIO_MIN}` : `<= ${(1 / RATIO_MIN).toFixed(2)}`;
    let verdict: Row['verdict'] = '';
    if (figure.target) {
      if (ratio === undefined) verdict = 'n/a';
      else verdict = (figure.better === 'higher' ? ratio >= RATIO_MIN : ratio <= 1 / RATIO_MIN) ? 'PASS' : 'FAIL';
    }
    return { figure: `${figure.label} (${figure.unit})`, unit: figure.unit, embedded, ceiling, embeddedRuns, ceilingRuns, ratio, target, verdict };
  });
}

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'custody') {
    const { runCustodyBench, runCustodyPayComparison } = await import('./custody/custody-bench');
    process.exitCode = await runCustodyBench();
    if (!(await runCustodyPayComparison()).ok) process.exitCode = 1;
    return;
  }
  if (process.env.BENCH_ONLY === 'parcel-list') {
    const { runParcelListBench } = await import('./parcel-list/parcel-list-bench');
    process.exitCode = await runParcelListBench();
    return;
  }
  const config = loadConfig();
  const started = Date.now();
  if (process.env.BENCH_ONLY === 'pay') {
    const { runPayBench } = await import('./pay/pay-bench');
    const { failures } = await runPayBench({ scale: config.scale, tmpDir });
    if (failures.length) process.exitCode = 1;
    return;
  }
  if (process.env.BENCH_ONLY === 'projections') {
    const { failures } = await runProjectionsSection({ scale: config.scale, tmpDir });
    if (failures.length) process.exitCode = 1;
    return;
  }
  console.log(
    `Handoff benchmark (scale ${config.scale}; ${os.cpus().length} CPUs; node ${process.version}); passes: ${config.passes.join(', ')}\n` +
      `Each pass: fresh server process and fresh client process; ${config.singleWriterAppends} appends by 1 writer, ` +
      `${config.concurrentAppends} by ${config.concurrentWriters} writers, ${config.batchAppends} batches of ${config.batchSize} by ${config.batchWriters} writers ` +
      `(each writer its own stream, exact expected revision), then $all read and catch-up subscription over ${config.readEvents} events.`,
  );

  const results: FiguresResult[] = [];
  const failures: string[] = [];
  const unavailable = new Set<ServerKind>();
  for (const [index, kind] of config.passes.entries()) {
    if (unavailable.has(kind)) {
      console.log(`pass ${index + 1}/${config.passes.length}: ${kind} skipped (failed to run earlier)`);
      continue;
    }
    const idle = config.quietWaitMs > 0 ? await waitForQuiet(config.quietWaitMs) : NaN;
    console.log(`pass ${index + 1}/${config.passes.length}: ${kind}${Number.isNaN(idle) ? '' : ` (machine busy ${idle.toFixed(2)} CPUs just before)`}`);
    try {
      const result = await runPass<FiguresResult>('figures', kind, config.maxPassMs);
      results.push(result);
      console.log(
        `  other processes kept ${result.otherCores.toFixed(2)} of ${os.cpus().length} CPUs busy during this pass ` +
          `(load average ${result.loadBefore.toFixed(2)} before, ${result.loadAfter.toFixed(2)} after)`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  ${message}`);
      failures.push(message);
      unavailable.add(kind);
    }
  }

  const rows = buildRows(config, results);
  console.log('');
  printTable(
    ['figure', 'embedded', 'ceiling', 'ratio e/c', 'target', '', 'runs: embedded | ceiling'],
    rows.map((row) => [
      row.figure,
      format(row.embedded, row.unit),
      format(row.ceiling, row.unit),
      row.ratio === undefined ? 'n/a' : row.ratio.toFixed(2),
      row.target,
      row.verdict,
      `${row.embeddedRuns.map((v) => format(v, row.unit)).join(' / ') || '-'} | ${row.ceilingRuns.map((v) => format(v, row.unit)).join(' / ') || '-'}`,
    ]),
  );
  const judged = rows.filter((r) => r.verdict === 'PASS' || r.verdict === 'FAIL');
  const passed = judged.filter((r) => r.verdict === 'PASS').length;
  console.log(`\nratios: ${passed} PASS, ${judged.length - passed} FAIL${judged.length < rows.filter((r) => r.target).length ? ' (some n/a: a server did not run)' : ''}`);

  let memoryResult: MemoryResult | undefined;
  if (config.memory.enabled) {
    const kind = config.memory.server;
    console.log(
      `\nmemory: filling a fresh ${kind} server to ${config.memory.small} and ${config.memory.large} events (batches of ${config.memory.batch}, ${config.memory.writers} writers, bounded to ${config.memory.maxMs / 1000} s)`,
    );
    if (unavailable.has(kind)) console.log(`  skipped: the ${kind} server did not run`);
    else {
      try {
        memoryResult = await runPass<MemoryResult>('memory', kind, config.memory.maxMs + 60_000);
        printTable(
          ['store size (events)', 'server RSS MB', 'anon MB', 'file MB', 'peak MB', 'data dir MB', 'fill time s', 'events/s'],
          memoryResult.points.map((p) => [
            p.events.toLocaleString('en-US'),
            p.server.rssMb.toFixed(1),
            p.server.anonMb.toFixed(1),
            p.server.fileMb.toFixed(1),
            p.server.peakMb.toFixed(1),
            p.dataDirMb.toFixed(1),
            p.fillSeconds.toFixed(1),
            Math.round(p.eventsPerSecond).toLocaleString('en-US'),
          ]),
        );
        const [small, large] = memoryResult.points;
        if (small && large) {
          const span = `${small.events.toLocaleString('en-US')} -> ${large.events.toLocaleString('en-US')} events`;
          const growth = large.server.rssMb / small.server.rssMb;
          const anonGrowth = large.server.anonMb / small.server.anonMb;
          // RSS counts file pages the server has mapped (an mmap'd store's page cache, which the
          // kernel reclaims under pressure) as well as its own heap (anonymous memory): judge both.
          console.log(`RSS growth ${span}: x${growth.toFixed(2)} (target flat: <= 1.25) ${growth <= 1.25 ? 'PASS' : 'FAIL'}`);
          console.log(`anonymous (heap) RSS growth ${span}: x${anonGrowth.toFixed(2)} (target flat: <= 1.25) ${anonGrowth <= 1.25 ? 'PASS' : 'FAIL'}`);
        } else console.log('  the larger fill did not complete within its time bound');
        console.log(`fill to ${memoryResult.points.at(-1)?.events.toLocaleString('en-US')} events took ${memoryResult.totalSeconds.toFixed(1)} s`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.log(`  ${message}`);
        failures.push(message);
      }
    }
  }

  let projections: Awaited<ReturnType<typeof runProjectionsSection>>['result'];
  if (process.env.BENCH_ONLY !== 'eventstore') {
    const section = await runProjectionsSection({ scale: config.scale, tmpDir });
    projections = section.result;
    failures.push(...section.failures);
  }

  const output = {
    when: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    config,
    rows: rows.map(({ figure, embedded, ceiling, embeddedRuns, ceilingRuns, ratio, target, verdict }) => ({
      figure,
      embedded,
      ceiling,
      embeddedRuns,
      ceilingRuns,
      ratio,
      target,
      verdict,
    })),
    passes: results,
    memory: memoryResult,
    projections,
    failures,
  };
  const file = path.join(__dirname, '..', 'bench-results.json');
  fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failures.length) process.exitCode = 1;
  if (!process.env.BENCH_ONLY) {
    const { runCustodyBench, runCustodyPayComparison } = await import('./custody/custody-bench');
    if ((await runCustodyBench()) !== 0) process.exitCode = 1;
    if (!(await runCustodyPayComparison()).ok) process.exitCode = 1;
    const { runParcelListBench } = await import('./parcel-list/parcel-list-bench');
    if ((await runParcelListBench()) !== 0) process.exitCode = 1;
    const { runPayBench } = await import('./pay/pay-bench');
    if ((await runPayBench({ scale: config.scale, tmpDir })).failures.length) process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmpDir, { recursive: true, force: true }));
