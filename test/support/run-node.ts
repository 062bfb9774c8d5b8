import { ChildProcess, spawn } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '@handoff/shared/process/v8-heap-tuning';

export interface RunningNode {
  child: ChildProcess;
  lines: Record<string, any>[];
  waitFor(msg: string): Promise<Record<string, any>>;
  exited: Promise<number | null>;
}

export async function getHealth(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: await response.json() };
}

/** Runs a compiled entry point as an operator would (`npm start`'s V8 flags, no inherited store URL) and collects its JSON log lines. */
export function runNode(script: string, env: NodeJS.ProcessEnv): RunningNode {
  const { EVENTSTORE_CONNECTION_STRING: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, script], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, any>[] = [];
  const waiters: { msg: string; resolve: (line: Record<string, any>) => void }[] = [];
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      let line: Record<string, any>;
      try {
        line = JSON.parse(text);
      } catch {
        line = { notJson: text };
      }
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.msg === line.msg)) waiter.resolve(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (msg: string) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const seen = lines.find((line) => line.msg === msg);
      if (seen) return resolve(seen);
      waiters.push({ msg, resolve });
      void exited.then((code) => reject(new Error(`main exited (${code}) before logging "${msg}": ${JSON.stringify(lines)}`)));
    });
  return { child, lines, waitFor, exited };
}
