import * as path from 'node:path';
import { closeOnShutdown } from '@handoff/shared/process/close-on-shutdown';
import { startReadStoreServer } from '@handoff/readstore/embedded/server';
import type { Durability } from '@handoff/readstore/embedded/storage/document-store';
import { credentialsPath } from '@handoff/shared/process/server-credentials';

/** As parsed and checked by cli.ts (defaults applied there). */
export interface ReadStoreServeOptions {
  port: number;
  dataDir?: string;
}

/** `cli readstore serve`: the embedded MongoDB-compatible server alone. */
export async function serveReadStore(options: ReadStoreServeOptions): Promise<void> {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.env.HANDOFF_DATA_DIR ?? './data', 'readstore'));
  const durability = parseDurability(process.env.EMBEDDED_MONGODB_DURABILITY ?? 'process');
  process.umask(0o077);
  const server = await startReadStoreServer({ host: '127.0.0.1', port: options.port, dataDir, durability });
  process.stdout.write(`listening on 127.0.0.1:${server.port}\n`);
  process.stdout.write(`clients authenticate with SCRAM-SHA-256 as the user and password in ${credentialsPath(dataDir)} (authSource=admin)\n`);

  closeOnShutdown(server);
}

function parseDurability(value: string): Durability {
  if (value !== 'process' && value !== 'fsync') throw new Error(`EMBEDDED_MONGODB_DURABILITY must be "process" or "fsync", got "${value}"`);
  return value;
}
