/**
 * The projector on a worker thread of the all-in-one (see projector-thread.ts): the same Nest
 * application context as `apps/projector` deployed alone, with its own event store and MongoDB
 * clients, on its own event loop. Log lines go to the parent, which writes them where its own go.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfig } from '@handoff/shared';
import { ProjectorAppModule } from '../projector-app.module';
import type { ProjectorThreadData, ProjectorThreadMessage, ProjectorThreadRequest } from './projector-thread.protocol';

if (!parentPort) throw new Error('projector-thread.worker runs as a worker thread only');
const port = parentPort;
const send = (message: ProjectorThreadMessage) => port.postMessage(message);

async function main(): Promise<void> {
  const data = workerData as ProjectorThreadData;
  const config = loadConfig(data.env, data.cwd);
  const logger = new JsonLogger({ level: config.logLevel, sink: (line) => send({ kind: 'log', line }) });
  const app = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot(config, { owner: data.owner }), { logger });
  await app.init();
  port.on('message', (request: ProjectorThreadRequest) => {
    if (request.kind !== 'stop') return;
    app.close().then(
      () => send({ kind: 'stopped' }),
      (error: unknown) => send({ kind: 'failed', error: describe(error) }),
    );
  });
  send({ kind: 'started' });
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

main().catch((error: unknown) => send({ kind: 'failed', error: describe(error) }));
