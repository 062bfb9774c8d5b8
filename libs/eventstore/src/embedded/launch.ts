/**
 * Starts the embedded EventStoreDB-compatible server in its own process, exactly as an operator
 * would (`cli eventstore serve`), and resolves once it prints `listening on 127.0.0.1:<port>`.
 * Used by the all-in-one entry point, the contract suite and the benchmark.
 */
import * as path from 'node:path';
import { readServerCredentials } from '@handoff/shared/process/server-credentials';
import { certificatePath } from './tls/server-identity';
import { cliEntryPoint, ListeningProcessHandle, ListeningProcessOptions, startListeningProcess } from '@handoff/shared/process/listening-process';

export interface EmbeddedEventStoreOptions extends ListeningProcessOptions {
  dataDir: string;
  /** 0 lets the server pick a free loopback port. */
  port?: number;
  maxAppendSize?: number;
}

export interface EmbeddedEventStoreHandle extends ListeningProcessHandle {
  /** `esdb://admin:<password>@localhost:<port>?tls=true&tlsCAFile=<dataDir>/tls-cert.pem`: the generated credentials, over TLS. */
  connectionString: string;
}

export async function startEmbeddedEventStore(options: EmbeddedEventStoreOptions): Promise<EmbeddedEventStoreHandle> {
  const args = [cliEntryPoint(), 'eventstore', 'serve', '--port', String(options.port ?? 0), '--data-dir', options.dataDir];
  if (options.maxAppendSize !== undefined) args.push('--max-append-size', String(options.maxAppendSize));
  const handle = await startListeningProcess(args, { env: options.env, stderr: options.stderr });
  return { ...handle, connectionString: embeddedEventStoreConnectionString(options.dataDir, handle.port) };
}

/** The connection string of an embedded event store serving `dataDir` on `port`, with the credentials and certificate it made there. */
export function embeddedEventStoreConnectionString(dataDir: string, port: number): string {
  const { username, password } = readServerCredentials(dataDir);
  const caFile = encodeURIComponent(certificatePath(path.resolve(dataDir)));
  return `esdb://${encodeURIComponent(username)}:${encodeURIComponent(password)}@localhost:${port}?tls=true&tlsCAFile=${caFile}`;
}
