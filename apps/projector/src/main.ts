/**
 * The projector alone: a Nest application context (no HTTP). Needs EVENTSTORE_CONNECTION_STRING.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, loadConfig, runMain } from '@handoff/shared';
import { ProjectorAppModule } from './projector-app.module';

runMain('projector', async () => {
  const config = loadConfig();
  const logger = new JsonLogger({ level: config.logLevel });
  const app = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot(config), { logger });
  await app.init();
  return { close: () => app.close() };
});
