/**
 * A bench section's pass in a process of its own, run as the projector runs (its V8 flags): the
 * parent forks it and waits for its one IPC message; the pass, run by hand, prints its result.
 */
import { fork } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '@handoff/shared/process/v8-heap-tuning';

export function forkPass<T>(script: string, args: string[], tmpDir: string, timeoutMs: number, label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, {
      execArgv: [...SERVER_NODE_FLAGS],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_TMP_DIR: tmpDir },
    });
    let result: T | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message) => (result = message as T));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(`${label} pass failed (code ${code}, signal ${signal})`));
    });
  });
}

/** In the pass's own file: `if (require.main === module) reportPass(run(...))`. */
export function reportPass(running: Promise<unknown>): void {
  running.then(
    (result) => {
      if (process.send) process.send(result, () => process.exit(0));
      else {
        console.log(JSON.stringify(result, null, 2));
        process.exit(0);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
