/**
 * Starts a server process (the ceiling server, or any entry point that prints
 * `listening on 127.0.0.1:<port>`) the same way `startEmbeddedEventStore` starts the embedded one:
 * a child process with an IPC channel, resolved once it is listening.
 */
import * as path from 'node:path';
import { EmbeddedEventStoreHandle, startEventStoreProcess } from '@handoff/eventstore/embedded/launch';

/** The same handle the embedded server's launcher gives. */
export type ServerHandle = EmbeddedEventStoreHandle;

/** Starts any `listening on` server entry point, exactly as the embedded server is started. */
export const startServerProcess = startEventStoreProcess;

export function ceilingEntryPoint(): string {
  // This file runs compiled from dist/bench/ceiling/; main.js sits beside it.
  return path.join(__dirname, 'main.js');
}

export function startCeilingEventStore(options: { port?: number } = {}): Promise<ServerHandle> {
  return startServerProcess([ceilingEntryPoint(), '--port', String(options.port ?? 0)]);
}
