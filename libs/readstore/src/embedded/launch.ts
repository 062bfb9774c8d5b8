/**
 * Starts the embedded MongoDB-compatible server in its own process (its own event loop), exactly as
 * an operator would (`cli readstore serve`), and resolves once it prints `listening on 127.0.0.1:<port>`.
 * Uses the same launcher as the embedded event store (@handoff/shared/process/listening-process).
 */
import type { ChildProcess } from 'node:child_process';
import { cliEntryPoint, startListeningProcess } from '@handoff/shared/process/listening-process';
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
  /** `mongodb://127.0.0.1:<port>/?directConnection=true` */
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
    uri: `mongodb://127.0.0.1:${handle.port}/?directConnection=true`,
    process: handle.process,
    close: () => handle.stop(),
    kill: (signal) => handle.kill(signal),
  };
}
