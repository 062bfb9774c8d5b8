/**
 * Starts a server process (the ceiling server, or any entry point that prints
 * `listening on 127.0.0.1:<port>`) the same way `startEmbeddedEventStore` starts the embedded one:
 * a child process with an IPC channel, resolved once it is listening.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

export interface ServerHandle {
  port: number;
  pid: number;
  connectionString: string;
  process: ChildProcess;
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const LISTENING = /listening on 127\.0\.0\.1:(\d+)/;
const START_TIMEOUT_MS = 30_000;

export function ceilingEntryPoint(): string {
  // This file runs compiled from dist/bench/ceiling/; main.js sits beside it.
  return path.join(__dirname, 'main.js');
}

export async function startServerProcess(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<ServerHandle> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not print "listening on" within ${START_TIMEOUT_MS} ms`));
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

export function startCeilingEventStore(options: { port?: number } = {}): Promise<ServerHandle> {
  return startServerProcess([ceilingEntryPoint(), '--port', String(options.port ?? 0)]);
}
