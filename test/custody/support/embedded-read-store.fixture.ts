import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmbeddedReadStore } from '@handoff/readstore';

/** A real embedded MongoDB-compatible server on a fresh temp dir and a free port (needs dist/). */
export async function startTestReadStore(): Promise<{ uri: string; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-custody-rs-'));
  const server = await startEmbeddedReadStore({ dataDir: path.join(dataDir, 'readstore'), port: 0 });
  return {
    uri: server.uri,
    dispose: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
