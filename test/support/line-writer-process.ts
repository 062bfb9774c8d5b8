/**
 * The crash tests' writer: a child process that reports each acknowledged write as one line on
 * stdout, so the test knows exactly what was acknowledged before it kills the server under it.
 */
import { ChildProcess, spawn } from 'node:child_process';

export interface LineWriterProcess {
  child: ChildProcess;
  /** Waits up to `ms` for the child to exit (it does once its server is gone); leaves no timer behind. */
  exitWithin(ms: number): Promise<void>;
  /** SIGKILL, unless it has already exited. */
  killIfRunning(): void;
}

export function spawnLineWriter(script: string, args: string[], onLine: (line: string) => void): LineWriterProcess {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    async exitWithin(ms) {
      // A timer left pending would hold the Jest worker open after the suite.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    },
    killIfRunning() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
