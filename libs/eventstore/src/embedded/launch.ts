/**
 * Starts the embedded EventStoreDB-compatible server in its own process, exactly as an operator
 * would (`cli eventstore serve`), and resolves once it prints `listening on 127.0.0.1:<port>`.
 * Used by the all-in-one entry point, the contract suite and the benchmark.
 */
import {
  cliEntryPoint,
  ListeningProcessHandle,
  ListeningProcessOptions,
  startListeningProcess,
} from '@handoff/shared/process/listening-process';

export interface EmbeddedEventStoreOptions extends ListeningProcessOptions {
  dataDir: string;
  /** 0 lets the server pick a free loopback port. */
  port?: number;
  maxAppendSize?: number;
}

export interface EmbeddedEventStoreHandle extends ListeningProcessHandle {
  connectionString: string;
}

export async function startEmbeddedEventStore(options: EmbeddedEventStoreOptions): Promise<EmbeddedEventStoreHandle> {
  const args = [cliEntryPoint(), 'eventstore', 'serve', '--port', String(options.port ?? 0), '--data-dir', options.dataDir];
  if (options.maxAppendSize !== undefined) args.push('--max-append-size', String(options.maxAppendSize));
  return startEventStoreProcess(args, { env: options.env, stderr: options.stderr });
}

/** Any server speaking the EventStoreDB protocol started as `node <args>` (the bench's ceiling server too). */
export async function startEventStoreProcess(args: string[], options: ListeningProcessOptions = {}): Promise<EmbeddedEventStoreHandle> {
  const handle = await startListeningProcess(args, options);
  return { ...handle, connectionString: `esdb://127.0.0.1:${handle.port}?tls=false` };
}
