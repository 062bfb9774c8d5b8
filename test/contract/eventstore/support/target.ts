/**
 * The store the EventStoreDB contract suite runs against.
 *
 * - EVENTSTORE_CONNECTION_STRING set: a real EventStoreDB (23.10 / 24.x, insecure single node).
 * - otherwise: Handoff's embedded server, started as its own process on a fresh temp data dir.
 *
 * One long-lived client per test file: client 6.2.1 keeps one BatchAppend pending map for the
 * whole process, so disposing a client while another has appends in flight rejects them all.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';

export interface ContractTarget {
  readonly embedded: boolean;
  readonly connectionString: string;
  /** The file's one client; replaced (old one disposed) by restart(). */
  readonly client: EventStoreDBClient;
  /** Embedded only: the data directory the server writes to. */
  readonly dataDir?: string;
  /** Embedded only: graceful stop, then start again on the same data dir; reconnects the client. */
  restart(): Promise<void>;
  /** Embedded only: SIGKILL the server process (no graceful shutdown). */
  kill(): Promise<void>;
  /** Embedded only: start the server again on the same data dir after kill(); reconnects the client. */
  start(): Promise<void>;
  /** Dispose the client, stop the server, remove the temp data dir. */
  close(): Promise<void>;
}

export const isEmbeddedTarget = !process.env.EVENTSTORE_CONNECTION_STRING;

export async function createTarget(): Promise<ContractTarget> {
  const external = process.env.EVENTSTORE_CONNECTION_STRING;
  if (external) return externalTarget(external);
  return embeddedTarget();
}

function externalTarget(connectionString: string): ContractTarget {
  const client = EventStoreDBClient.connectionString(connectionString);
  const unsupported = async () => {
    throw new Error('process control is only available against the embedded server');
  };
  return {
    embedded: false,
    connectionString,
    client,
    restart: unsupported,
    kill: unsupported,
    start: unsupported,
    close: () => client.dispose(),
  };
}

async function embeddedTarget(): Promise<ContractTarget> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-es-contract-'));
  let handle: EmbeddedEventStoreHandle | undefined = await startEmbeddedEventStore({ dataDir, port: 0 });
  let client = EventStoreDBClient.connectionString(handle.connectionString);

  const reconnect = async () => {
    await client.dispose().catch(() => undefined);
    client = EventStoreDBClient.connectionString(handle!.connectionString);
  };

  return {
    embedded: true,
    dataDir,
    get connectionString() {
      if (!handle) throw new Error('embedded server is not running');
      return handle.connectionString;
    },
    get client() {
      return client;
    },
    async restart() {
      if (handle) {
        const stopped = await withTimeout(
          handle.stop().then(() => true),
          10_000,
          'graceful stop (SIGTERM) for restart',
        );
        if (!stopped) throw new Error('embedded server did not stop within 10 s of SIGTERM');
      }
      handle = await startEmbeddedEventStore({ dataDir, port: 0 });
      await reconnect();
    },
    async kill() {
      await handle?.kill('SIGKILL');
      handle = undefined;
    },
    async start() {
      if (handle) throw new Error('embedded server is already running');
      handle = await startEmbeddedEventStore({ dataDir, port: 0 });
      await reconnect();
    },
    async close() {
      await withTimeout(
        client.dispose().catch(() => undefined),
        3_000,
        'client.dispose()',
      );
      if (handle) {
        const stopping = handle;
        handle = undefined;
        // a graceful stop must not hang on open streams; if it does, say so and kill
        const stopped = await withTimeout(
          stopping.stop().then(() => true),
          5_000,
          'graceful stop (SIGTERM)',
        );
        if (!stopped) await stopping.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the promise's value, or with undefined (and a warning) after `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`contract target: ${what} did not finish within ${ms} ms`);
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
