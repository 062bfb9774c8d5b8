import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { certificatePath } from '@handoff/eventstore/embedded/tls/server-identity';
import { readServerCredentials } from '@handoff/shared/process/server-credentials';

export interface TestEventStore {
  connectionString: string;
  server: EmbeddedEventStoreHandle;
  dataDir: string;
  /** For raw gRPC and HTTP/2 clients: the certificate to trust and the `authorization` call metadata. */
  certificate: Buffer;
  authorization: string;
  /** Stops the server and removes its data. */
  dispose(): Promise<void>;
}

/**
 * A real embedded server on a fresh temp dir and a free port (needs the build in dist/, which
 * `npm test` does first).
 */
export async function startTestEventStore(): Promise<TestEventStore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-es-'));
  const serverDir = path.join(dataDir, 'eventstore');
  const server = await startEmbeddedEventStore({ dataDir: serverDir, port: 0 });
  const { username, password } = readServerCredentials(serverDir);
  return {
    connectionString: server.connectionString,
    server,
    dataDir,
    certificate: readFileSync(certificatePath(serverDir)),
    authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    dispose: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
