import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts a reactor process for the kill tests (test/support/*-reactor-process.ts, built to dist/)
 * on the given stores, resolving once it says it started. Any exit but the test's own SIGKILL fails
 * the start, with the end of its stderr. `children` collects it, for afterAll to kill.
 */
export function launchReactor(script: string, env: { eventStore: string; mongoUri: string; db: string; owner: string }, children: ChildProcess[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, EVENTSTORE_CONNECTION_STRING: env.eventStore, MONGODB_URI: env.mongoUri, REACTOR_DB: env.db, REACTOR_OWNER: env.owner, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"reactor started"')) resolve(child);
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`reactor exited (${code ?? signal}) before it was killed: ${stderr.slice(-2_000)}`));
    });
  });
}

/** Lets a started reactor work for `ms`, then kills it with SIGKILL and waits for it to be gone. */
export async function killAfter(child: ChildProcess, ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}
