import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { EmbeddedReadStoreHandle, startEmbeddedReadStore } from '@handoff/readstore';
import { HandoffConfig, JsonLogger, LogSink, RunningProcess, loadConfig } from '@handoff/shared';
import { listenHttp } from '../apps/api/src/http-app';
import { AllInOneModule } from './all-in-one.module';

export interface AllInOne extends RunningProcess {
  app: NestFastifyApplication;
  url: string;
  config: HandoffConfig;
  /** Present when no EVENTSTORE_CONNECTION_STRING was given. */
  embeddedEventStore?: EmbeddedEventStoreHandle;
  /** Present when no MONGODB_URI was given. */
  embeddedReadStore?: EmbeddedReadStoreHandle;
}

/**
 * Validates the config; without EVENTSTORE_CONNECTION_STRING starts the embedded event store as
 * a child process on `<HANDOFF_DATA_DIR>/eventstore`; then serves the API (and hosts the
 * projector) on PORT. `close()` stops the app first (appends in flight finish), then the server.
 */
export async function startAllInOne(env: NodeJS.ProcessEnv = process.env, options: { logSink?: LogSink } = {}): Promise<AllInOne> {
  const config = loadConfig(env);
  const logger = new JsonLogger({ level: config.logLevel, sink: options.logSink });
  let embeddedEventStore: EmbeddedEventStoreHandle | undefined;
  let connectionString = config.eventStoreConnectionString;
  if (!connectionString) {
    const dataDir = path.join(config.dataDir, 'eventstore');
    embeddedEventStore = await startEmbeddedEventStore({ dataDir, port: config.embeddedEventStorePort });
    connectionString = embeddedEventStore.connectionString;
    logger.log({ msg: 'embedded event store started', dataDir, port: embeddedEventStore.port, pid: embeddedEventStore.pid }, 'AllInOne');
  }
  let embeddedReadStore: EmbeddedReadStoreHandle | undefined;
  let mongodbUri = config.mongodbUri;
  try {
    if (!mongodbUri) {
      const dataDir = path.join(config.dataDir, 'readstore');
      embeddedReadStore = await startEmbeddedReadStore({ dataDir, port: config.embeddedMongoDbPort });
      mongodbUri = embeddedReadStore.uri;
      logger.log({ msg: 'embedded read store started', dataDir, port: embeddedReadStore.port, pid: embeddedReadStore.pid }, 'AllInOne');
    }
    const { app, url } = await listenHttp(AllInOneModule.forRoot(config, connectionString, mongodbUri), { port: config.port, logger });
    logger.log({ msg: 'handoff listening', url, eventStore: embeddedEventStore ? 'embedded' : 'external' }, 'AllInOne');
    return {
      app,
      url,
      config,
      embeddedEventStore,
      embeddedReadStore,
      close: async () => {
        await app.close();
        await Promise.all([embeddedEventStore?.stop(), embeddedReadStore?.close()]);
      },
    };
  } catch (error) {
    await Promise.all([embeddedEventStore?.stop(), embeddedReadStore?.close()]);
    throw error;
  }
}
