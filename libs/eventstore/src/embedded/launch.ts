/**
 * Starts the embedded EventStoreDB-compatible server in its own process, exactly as an operator
 * would (`cli eventstore serve`), and resolves once it prints `listening on 127.0.0.1:<port>`.
 * Used by the all-in-one entry point, the contract suite and the benchmark.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '@handoff/shared/compiled-path';

export interface EmbeddedEventStoreOptions {
  dataDir: string;
  /** 0 lets the server pick a free loopback port. */
  port?: number;
  maxAppendSize?: number;
  /** Extra environment for the child (e.g. durability mode). */
  env?: NodeJS.ProcessEnv;
  /** Where the child's stderr goes; defaults to ours. */
  stderr?: 'inherit' | 'pipe' | 'ignore';
}

export interface EmbeddedEventStoreHandle {
  port: number;
  pid: number;
  connectionString: string;
  process: ChildProcess;
  /** Graceful stop (SIGTERM), resolves when the process has exited. */
  stop(): Promise<void>;
  /** Abrupt stop, for crash tests. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const LISTENING = /listening on 127\.0\.0\.1:(\d+)/;

export function cliEntryPoint(): string {
  return path.join(repoRoot(), 'dist', 'apps', 'cli', 'src', 'main.js');
}

export async function startEmbeddedEventStore(options: EmbeddedEventStoreOptions): Promise<EmbeddedEventStoreHandle> {
  const args = [cliEntryPoint(), 'eventstore', 'serve', '--port', String(options.port ?? 0), '--data-dir', options.dataDir];
  if (options.maxAppendSize !== undefined) args.push('--max-append-size', String(options.maxAppendSize));
  return startListeningProcess(args, { env: options.env, stderr: options.stderr });
}

const START_TIMEOUT_MS = 30_000;

/**
 * Runs `node <args>` as a child with an IPC channel (so it exits with us) and resolves once it
 * prints `listening on 127.0.0.1:<port>`. Any server following that convention can be started
 * this way (the benchmark's ceiling server does).
 */
export async function startListeningProcess(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stderr?: 'inherit' | 'pipe' | 'ignore' } = {},
): Promise<EmbeddedEventStoreHandle> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', options.stderr ?? 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not print "listening on" within ${START_TIMEOUT_MS} ms: ${buffered.slice(-2000)}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = LISTENING.exec(buffered);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal}): ${buffered.slice(-2000)}`));
    });
  });
  const waitExit = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    port,
    pid: child.pid!,
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    process: child,
    stop: () => waitExit('SIGTERM'),
    kill: (signal = 'SIGKILL') => waitExit(signal),
  };
}
