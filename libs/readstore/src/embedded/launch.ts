/**
 * Starts the embedded MongoDB-compatible server in its own process (its own event loop), exactly as
 * an operator would (`cli readstore serve`), and resolves once it prints `listening on 127.0.0.1:<port>`.
 * Uses the same launcher as the embedded event store (@handoff/shared/process/listening-process).
 */
import type { ChildProcess } from 'node:child_process';
import { cliEntryPoint, startListeningProcess } from '@handoff/shared/process/listening-process';
import { READ_STORE_USER } from './auth/scram-sha-256';
import { readServerCredentials } from '@handoff/shared/process/server-credentials';
import { READ_STORE_NODE_FLAGS } from '@handoff/shared/process/v8-heap-tuning';

export interface EmbeddedReadStoreOptions {
  dataDir: string;
  /** 0 lets the server pick a free loopback port. */
  port?: number;
  /** Extra environment for the child (e.g. EMBEDDED_MONGODB_DURABILITY=fsync). */
  env?: NodeJS.ProcessEnv;
  /** Where the child's stderr goes; defaults to ours. */
  stderr?: 'inherit' | 'pipe' | 'ignore';
  /** Extra node options for the child (e.g. `--cpu-prof`), after the server's own. */
  execArgv?: string[];
}

export interface EmbeddedReadStoreHandle {
  port: number;
  pid: number;
  /** `mongodb://handoff:<password>@127.0.0.1:<port>/?directConnection=true&authSource=admin`, the generated credentials in it. */
  uri: string;
  process: ChildProcess;
  /** Graceful stop (SIGTERM); resolves when the process has exited. */
  close(): Promise<void>;
  /** Abrupt stop, for crash tests. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startEmbeddedReadStore(options: EmbeddedReadStoreOptions): Promise<EmbeddedReadStoreHandle> {
  const args = [...READ_STORE_NODE_FLAGS, ...(options.execArgv ?? []), cliEntryPoint(), 'readstore', 'serve', '--port', String(options.port ?? 0), '--data-dir', options.dataDir];
  const handle = await startListeningProcess(args, { env: options.env, stderr: options.stderr });
  return {
    port: handle.port,
    pid: handle.pid,
    uri: embeddedReadStoreUri(options.dataDir, handle.port),
    process: handle.process,
    close: () => handle.stop(),
    kill: (signal) => handle.kill(signal),
  };
}

/** The URI of an embedded read store serving `dataDir` on `port`, with the credentials it generated there. */
export function embeddedReadStoreUri(dataDir: string, port: number): string {
  const { username, password } = readServerCredentials(dataDir);
  return `mongodb://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${port}/?directConnection=true&authSource=${READ_STORE_USER.db}`;
}
