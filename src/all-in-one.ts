import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from '@handoff/eventstore/embedded/launch';
import { EmbeddedReadStoreHandle, startEmbeddedReadStore } from '@handoff/readstore';
import { HandoffConfig, JsonLogger, LogSink, RunningProcess, loadConfig } from '@handoff/shared';
import { ensurePrivateDir } from '@handoff/shared/process/private-files';
import { listenHttp } from '../apps/api/src/http-app';
import { ProjectorThread } from '../apps/projector/src/thread/projector-thread';
import { AllInOneModule } from './all-in-one.module';

export interface AllInOne extends RunningProcess {
  app: NestFastifyApplication;
  url: string;
  config: HandoffConfig;
  /** Present when no EVENTSTORE_CONNECTION_STRING was given. */
  embeddedEventStore?: EmbeddedEventStoreHandle;
  /** Present when no MONGODB_URI was given. */
  embeddedReadStore?: EmbeddedReadStoreHandle;
  /** Present unless ALL_IN_ONE_PROJECTOR=inline (the projector then runs on the API's event loop). */
  projectorThread?: ProjectorThread;
}

/**
 * Validates the config; without EVENTSTORE_CONNECTION_STRING starts the embedded event store as
 * a child process on `<HANDOFF_DATA_DIR>/eventstore` (and the read store likewise); then serves the
 * API on PORT and runs the projector on a worker thread (or inline, ALL_IN_ONE_PROJECTOR=inline).
 * `close()` stops the app and the projector first (appends in flight finish), then the servers.
 */
export async function startAllInOne(env: NodeJS.ProcessEnv = process.env, options: { logSink?: LogSink } = {}): Promise<AllInOne> {
  const config = loadConfig(env);
  const sink: LogSink = options.logSink ?? ((line) => process.stdout.write(line));
  const logger = new JsonLogger({ level: config.logLevel, sink });
  // the embedded servers keep events and subject keys here: owner-only, like their own files
  if (!config.eventStoreConnectionString || !config.mongodbUri) ensurePrivateDir(config.dataDir);
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
    // The projector thread first: once it has started, its read models are registered, so the
    // API's first queries find them.
    const threadEnv = { ...env, EVENTSTORE_CONNECTION_STRING: connectionString, MONGODB_URI: mongodbUri };
    const projectorThread = config.allInOneProjector === 'thread' ? await ProjectorThread.start({ env: threadEnv, sink, logger }) : undefined;
    const { app, url, address } = await listenHttp(AllInOneModule.forRoot(config, connectionString, mongodbUri), { config, logger }).catch(async (error: unknown) => {
      await projectorThread?.close();
      throw error;
    });
    logger.log({ msg: 'handoff listening', address, url, eventStore: embeddedEventStore ? 'embedded' : 'external', projector: config.allInOneProjector }, 'AllInOne');
    return {
      app,
      url,
      config,
      embeddedEventStore,
      embeddedReadStore,
      projectorThread,
      close: async () => {
        await Promise.all([app.close(), projectorThread?.close()]);
        await Promise.all([embeddedEventStore?.stop(), embeddedReadStore?.close()]);
      },
    };
  } catch (error) {
    await Promise.all([embeddedEventStore?.stop(), embeddedReadStore?.close()]);
    throw error;
  }
}
