import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';

export interface TestEventStore {
  connectionString: string;
  server: EmbeddedEventStoreHandle;
  dataDir: string;
  /** Stops the server and removes its data. */
  dispose(): Promise<void>;
}

/**
 * A real embedded server on a fresh temp dir and a free port (needs the build in dist/, which
 * `npm test` does first).
 */
export async function startTestEventStore(): Promise<TestEventStore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-es-'));
  const server = await startEmbeddedEventStore({ dataDir: path.join(dataDir, 'eventstore'), port: 0 });
  return {
    connectionString: server.connectionString,
    server,
    dataDir,
    dispose: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
