import * as path from 'node:path';
import { startEventStoreServer } from '@handoff/eventstore/embedded/server';
import { parseFlags } from './cli';

const DEFAULT_PORT = 2113;
const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

export async function serveEventStore(args: string[]): Promise<void> {
  const flags = parseFlags(args, ['port', 'data-dir', 'max-append-size']);
  const port = parseInteger(flags.port ?? process.env.EMBEDDED_EVENTSTORE_PORT ?? String(DEFAULT_PORT), 'port');
  const dataDir = path.resolve(flags['data-dir'] ?? path.join(process.env.HANDOFF_DATA_DIR ?? './data', 'eventstore'));
  const maxAppendSize = parseInteger(flags['max-append-size'] ?? String(DEFAULT_MAX_APPEND_SIZE), 'max-append-size');
  const server = await startEventStoreServer({ host: '127.0.0.1', port, dataDir, maxAppendSize });
  process.stdout.write(`listening on 127.0.0.1:${server.port}\n`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Started by a parent with an IPC channel: die with it rather than outlive it as an orphan.
  process.on('disconnect', shutdown);
}

function parseInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}
