/** Both embedded servers on a fresh temp dir, one client of each, for a pass; stopped and removed after. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStoreDBClient, START } from '@eventstore/db-client';
import { startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { startEmbeddedReadStore } from '@handoff/readstore';
import { Logger } from '@nestjs/common';
import { MongoClient } from 'mongodb';

export interface BenchServers {
  eventStoreConnectionString: string;
  readStorePid: number;
  client: EventStoreDBClient;
  mongo: MongoClient;
}

export async function withBenchServers<T>(name: string, run: (servers: BenchServers) => Promise<T>): Promise<T> {
  Logger.overrideLogger(['warn', 'error']); // the runtime's routine lines ('lease acquired') would land inside the printed table
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_TMP_DIR ?? os.tmpdir(), `handoff-bench-${name}-`));
  const eventStore = await startEmbeddedEventStore({ dataDir: path.join(dir, 'eventstore'), port: 0 });
  const readStore = await startEmbeddedReadStore({ dataDir: path.join(dir, 'readstore'), port: 0 });
  const client = EventStoreDBClient.connectionString(eventStore.connectionString);
  const mongo = new MongoClient(readStore.uri);
  try {
    return await run({ eventStoreConnectionString: eventStore.connectionString, readStorePid: readStore.pid, client, mongo });
  } finally {
    await mongo.close().catch(() => undefined);
    await client.dispose().catch(() => undefined);
    await Promise.all([eventStore.stop(), readStore.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Events per second of a raw read of `$all` from the start, through the official client. */
export async function rawReadRate(client: EventStoreDBClient): Promise<number> {
  const started = performance.now();
  let read = 0;
  for await (const resolved of client.readAll({ fromPosition: START })) if (resolved.event) read++;
  return read / ((performance.now() - started) / 1000);
}
