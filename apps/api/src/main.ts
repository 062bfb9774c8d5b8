/**
 * The API alone (e.g. one container per app): needs EVENTSTORE_CONNECTION_STRING; it never starts
 * an embedded server — only the all-in-one (`npm start`) does.
 */
import 'reflect-metadata';
import { JsonLogger, loadConfig, runMain } from '@handoff/shared';
import { ApiAppModule } from './api-app.module';
import { listenHttp } from './http-app';

runMain('api', async () => {
  const config = loadConfig();
  const logger = new JsonLogger({ level: config.logLevel });
  const { app, url, address } = await listenHttp(ApiAppModule.forRoot(config), { config, logger });
  logger.log({ msg: 'api listening', address, url }, 'api');
  return { close: () => app.close() };
});
