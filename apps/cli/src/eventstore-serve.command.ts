import { closeOnShutdown } from '@handoff/shared/process/close-on-shutdown';
import * as path from 'node:path';
import { startEventStoreServer } from '@handoff/eventstore/embedded/server';
import type { Durability } from '@handoff/eventstore/embedded/storage/event-log';
import { certificatePath } from '@handoff/eventstore/embedded/tls/server-identity';
import { credentialsPath } from '@handoff/shared/process/server-credentials';
import { parseFlags } from './cli';

const DEFAULT_PORT = 2113;
const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

export async function serveEventStore(args: string[]): Promise<void> {
  const flags = parseFlags(args, ['port', 'data-dir', 'max-append-size']);
  const port = parseInteger(flags.port ?? process.env.EMBEDDED_EVENTSTORE_PORT ?? String(DEFAULT_PORT), 'port');
  const dataDir = path.resolve(flags['data-dir'] ?? path.join(process.env.HANDOFF_DATA_DIR ?? './data', 'eventstore'));
  const maxAppendSize = parseInteger(flags['max-append-size'] ?? String(DEFAULT_MAX_APPEND_SIZE), 'max-append-size');
  const durability = parseDurability(process.env.EMBEDDED_EVENTSTORE_DURABILITY ?? 'process');
  process.umask(0o077);
  const server = await startEventStoreServer({ host: '127.0.0.1', port, dataDir, maxAppendSize, durability });
  process.stdout.write(`listening on 127.0.0.1:${server.port}\n`);
  process.stdout.write(`TLS only; clients trust ${certificatePath(dataDir)} (tlsCAFile=) and authenticate as the user and password in ${credentialsPath(dataDir)}\n`);

  closeOnShutdown(server);
}

function parseDurability(value: string): Durability {
  if (value !== 'process' && value !== 'fsync') throw new Error(`EMBEDDED_EVENTSTORE_DURABILITY must be "process" or "fsync", got "${value}"`);
  return value;
}

function parseInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}
