/**
 * Benchmark sizes. `BENCH_SCALE=small` is a quick run (about a minute); the default is sized to
 * finish in about five minutes on a 2-core machine (measured: ~3.5 min). Every count can be overridden; every
 * workload is also bounded in time (`BENCH_MAX_SECONDS` per workload).
 */
export interface BenchConfig {
  scale: string;
  warmupAppends: number;
  singleWriterAppends: number;
  concurrentWriters: number;
  concurrentAppends: number;
  batchSize: number;
  batchWriters: number;
  batchAppends: number;
  /** Events in the store when $all is read and subscribed to (topped up with batches of 100). */
  readEvents: number;
  maxWorkloadMs: number;
  /** Kill a pass that takes longer than this. */
  maxPassMs: number;
  passes: Array<'embedded' | 'ceiling'>;
  /** Before each pass, wait up to this long for the machine to be idle (other work skews figures). */
  quietWaitMs: number;
  memory: { enabled: boolean; server: 'embedded' | 'ceiling'; small: number; large: number; batch: number; writers: number; maxMs: number };
}

function int(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${text}"`);
  return value;
}

export function loadConfig(): BenchConfig {
  const scale = process.env.BENCH_SCALE ?? 'default';
  const small = scale === 'small';
  if (!['small', 'default'].includes(scale)) throw new Error(`BENCH_SCALE must be "small" or "default", got "${scale}"`);
  const passes = (process.env.BENCH_PASSES ?? 'embedded,ceiling,ceiling,embedded').split(',').map((p) => p.trim());
  for (const pass of passes) if (pass !== 'embedded' && pass !== 'ceiling') throw new Error(`BENCH_PASSES: unknown server "${pass}"`);
  const memoryServer = process.env.BENCH_MEMORY_SERVER ?? 'embedded';
  if (memoryServer !== 'embedded' && memoryServer !== 'ceiling') throw new Error(`BENCH_MEMORY_SERVER: unknown server "${memoryServer}"`);
  return {
    scale,
    warmupAppends: int('BENCH_WARMUP', small ? 500 : 2_000),
    singleWriterAppends: int('BENCH_SINGLE', small ? 1_000 : 10_000),
    concurrentWriters: int('BENCH_WRITERS', 64),
    concurrentAppends: int('BENCH_CONCURRENT', small ? 5_000 : 60_000),
    batchSize: 10,
    batchWriters: int('BENCH_BATCH_WRITERS', 64),
    batchAppends: int('BENCH_BATCHES', small ? 1_000 : 10_000),
    readEvents: int('BENCH_READ', small ? 20_000 : 200_000),
    maxWorkloadMs: int('BENCH_MAX_SECONDS', small ? 20 : 60) * 1000,
    maxPassMs: int('BENCH_MAX_PASS_SECONDS', small ? 120 : 300) * 1000,
    passes: passes as Array<'embedded' | 'ceiling'>,
    quietWaitMs: int('BENCH_QUIET_WAIT_SECONDS', small ? 5 : 30) * 1000,
    memory: {
      enabled: process.env.BENCH_MEMORY !== '0',
      server: memoryServer,
      small: int('BENCH_MEMORY_SMALL', small ? 10_000 : 100_000),
      large: int('BENCH_MEMORY_LARGE', small ? 100_000 : 1_000_000),
      batch: int('BENCH_MEMORY_BATCH', 500),
      writers: int('BENCH_MEMORY_WRITERS', 4),
      maxMs: int('BENCH_MEMORY_MAX_SECONDS', small ? 90 : 300) * 1000,
    },
  };
}
