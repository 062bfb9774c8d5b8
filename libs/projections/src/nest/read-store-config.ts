import { ConfigValidationError, HandoffConfig } from '@handoff/shared';

/**
 * For apps deployed alone (api, projector): they never start an embedded server, so a missing
 * MONGODB_URI is a configuration error, as a missing EVENTSTORE_CONNECTION_STRING is.
 */
export function requireMongoDbUri(config: HandoffConfig, app: string): string {
  if (!config.mongodbUri) {
    throw new ConfigValidationError([
      {
        variable: 'MONGODB_URI',
        message: `MONGODB_URI must be set to run ${app} alone (only the all-in-one \`npm start\` starts an embedded read store)`,
        value: undefined,
      },
    ]);
  }
  return config.mongodbUri;
}
