/**
 * Starts a server process (the ceiling server, or any entry point that prints
 * `listening on 127.0.0.1:<port>`) the same way `startEmbeddedEventStore` starts the embedded one:
 * a child process with an IPC channel, resolved once it is listening.
 */
import * as path from 'node:path';
import { EmbeddedEventStoreHandle, embeddedEventStoreConnectionString } from '@handoff/eventstore/embedded/launch';
import { startListeningProcess } from '@handoff/shared/process/listening-process';

/** The same handle the embedded server's launcher gives. */
export type ServerHandle = EmbeddedEventStoreHandle;

export function ceilingEntryPoint(): string {
  // This file runs compiled from dist/bench/ceiling/; main.js sits beside it.
  return path.join(__dirname, 'main.js');
}

/** Reached over TLS with the user it made in `dataDir`, as the embedded server is. */
export async function startCeilingEventStore(options: { port?: number; dataDir: string }): Promise<ServerHandle> {
  const handle = await startListeningProcess([ceilingEntryPoint(), '--port', String(options.port ?? 0), '--data-dir', options.dataDir]);
  return { ...handle, connectionString: embeddedEventStoreConnectionString(options.dataDir, handle.port) };
}
