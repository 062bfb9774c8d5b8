import * as path from 'node:path';
import { closeOnShutdown } from '@handoff/shared/process/close-on-shutdown';
import { startReadStoreServer } from '@handoff/readstore/embedded/server';
import type { Durability } from '@handoff/readstore/embedded/storage/document-store';
import { credentialsPath } from '@handoff/shared/process/server-credentials';
import { parseFlags } from './cli';

const DEFAULT_PORT = 27017;

/** `cli readstore serve`: the embedded MongoDB-compatible server alone. */
export async function serveReadStore(args: string[]): Promise<void> {
  const flags = parseFlags(args, ['port', 'data-dir']);
  const port = parsePort(flags.port ?? process.env.EMBEDDED_MONGODB_PORT ?? String(DEFAULT_PORT));
  const dataDir = path.resolve(flags['data-dir'] ?? path.join(process.env.HANDOFF_DATA_DIR ?? './data', 'readstore'));
  const durability = parseDurability(process.env.EMBEDDED_MONGODB_DURABILITY ?? 'process');
  process.umask(0o077);
  const server = await startReadStoreServer({ host: '127.0.0.1', port, dataDir, durability });
  process.stdout.write(`listening on 127.0.0.1:${server.port}\n`);
  process.stdout.write(`clients authenticate with SCRAM-SHA-256 as the user and password in ${credentialsPath(dataDir)} (authSource=admin)\n`);

  closeOnShutdown(server);
}

function parseDurability(value: string): Durability {
  if (value !== 'process' && value !== 'fsync') throw new Error(`EMBEDDED_MONGODB_DURABILITY must be "process" or "fsync", got "${value}"`);
  return value;
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`--port must be an integer from 0 to 65535, got "${value}"`);
  return Number(value);
}
