/**
 * Starting a server as its own process, the way an operator would: `node <args>` as a child with an
 * IPC channel (so it exits with its parent), resolved once it prints
 * `listening on 127.0.0.1:<port>`. The embedded event store, the embedded read store and the
 * benchmark's ceiling server all start this way.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../compiled-path';

export interface ListeningProcessOptions {
  /** Extra environment for the child. */
  env?: NodeJS.ProcessEnv;
  /** Where the child's stderr goes; defaults to ours. */
  stderr?: 'inherit' | 'pipe' | 'ignore';
}

export interface ListeningProcessHandle {
  port: number;
  pid: number;
  process: ChildProcess;
  /** Graceful stop (SIGTERM), resolves when the process has exited. */
  stop(): Promise<void>;
  /** Abrupt stop, for crash tests. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const LISTENING = /listening on 127\.0\.0\.1:(\d+)/;
const START_TIMEOUT_MS = 30_000;

/** The compiled command line (`npm run cli`), whose `<group> serve` commands print `listening on`. */
export function cliEntryPoint(): string {
  return path.join(repoRoot(), 'dist', 'apps', 'cli', 'src', 'main.js');
}

/** Runs `node <args>` and resolves once it is listening (rejects if it exits or is silent for 30 s). */
export async function startListeningProcess(args: string[], options: ListeningProcessOptions = {}): Promise<ListeningProcessHandle> {
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
    process: child,
    stop: () => waitExit('SIGTERM'),
    kill: (signal = 'SIGKILL') => waitExit(signal),
  };
}
