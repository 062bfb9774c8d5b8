import { closeOnShutdown } from '@handoff/shared/process/close-on-shutdown';
import * as path from 'node:path';
import { startEventStoreServer } from '@handoff/eventstore/embedded/server';
import type { Durability } from '@handoff/eventstore/embedded/storage/event-log';
import { certificatePath } from '@handoff/eventstore/embedded/tls/server-identity';
import { credentialsPath } from '@handoff/shared/process/server-credentials';

/** As parsed and checked by cli.ts (defaults applied there). */
export interface EventStoreServeOptions {
  port: number;
  dataDir?: string;
  maxAppendSize: number;
}

/** `cli eventstore serve`: the embedded EventStoreDB-compatible server alone. */
export async function serveEventStore(options: EventStoreServeOptions): Promise<void> {
  const dataDir = path.resolve(options.dataDir ?? path.join(process.env.HANDOFF_DATA_DIR ?? './data', 'eventstore'));
  const durability = parseDurability(process.env.EMBEDDED_EVENTSTORE_DURABILITY ?? 'process');
  process.umask(0o077);
  const server = await startEventStoreServer({ host: '127.0.0.1', port: options.port, dataDir, maxAppendSize: options.maxAppendSize, durability });
  process.stdout.write(`listening on 127.0.0.1:${server.port}\n`);
  process.stdout.write(`TLS only; clients trust ${certificatePath(dataDir)} (tlsCAFile=) and authenticate as the user and password in ${credentialsPath(dataDir)}\n`);

  closeOnShutdown(server);
}

function parseDurability(value: string): Durability {
  if (value !== 'process' && value !== 'fsync') throw new Error(`EMBEDDED_EVENTSTORE_DURABILITY must be "process" or "fsync", got "${value}"`);
  return value;
}
