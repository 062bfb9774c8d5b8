import * as path from 'node:path';
import { ConfigValidationError, loadConfig, requireEventStoreConnectionString } from './handoff-config';

const failureOf = (env: NodeJS.ProcessEnv): ConfigValidationError => {
  try {
    loadConfig(env, '/srv/handoff');
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(loadConfig({}, '/srv/handoff')).toEqual({
      eventStoreConnectionString: undefined,
      mongodbUri: undefined,
      dataDir: path.resolve('/srv/handoff', 'data'),
      port: 3000,
      embeddedEventStorePort: 2113,
      embeddedMongoDbPort: 27017,
      logLevel: 'log',
      allInOneProjector: 'thread',
      integrityFullPassIntervalMinutes: 1440,
    });
  });

  it('reads every variable by its documented name', () => {
    const config = loadConfig(
      {
        EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false',
        MONGODB_URI: 'mongodb://mongo:27017/?replicaSet=rs0',
        HANDOFF_DATA_DIR: '/var/lib/handoff',
        PORT: '8080',
        EMBEDDED_EVENTSTORE_PORT: '0',
        EMBEDDED_MONGODB_PORT: '27018',
        LOG_LEVEL: 'debug',
        ALL_IN_ONE_PROJECTOR: 'inline',
        INTEGRITY_FULL_PASS_INTERVAL_MINUTES: '60',
      },
      '/srv/handoff',
    );
    expect(config).toEqual({
      eventStoreConnectionString: 'esdb://eventstore:2113?tls=false',
      mongodbUri: 'mongodb://mongo:27017/?replicaSet=rs0',
      dataDir: '/var/lib/handoff',
      port: 8080,
      embeddedEventStorePort: 0,
      embeddedMongoDbPort: 27018,
      logLevel: 'debug',
      allInOneProjector: 'inline',
      integrityFullPassIntervalMinutes: 60,
    });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: '', PORT: ' ' }, '/srv').port).toBe(3000);
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: '' }, '/srv').eventStoreConnectionString).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '3000abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['EMBEDDED_EVENTSTORE_PORT', '21.13'],
    ['EMBEDDED_MONGODB_PORT', '1e3'],
    ['LOG_LEVEL', 'loud'],
    ['ALL_IN_ONE_PROJECTOR', 'process'],
    ['INTEGRITY_FULL_PASS_INTERVAL_MINUTES', '0'],
    ['EVENTSTORE_CONNECTION_STRING', 'http://localhost:2113'],
    ['MONGODB_URI', 'localhost:27017'],
  ])('refuses a malformed %s (%s) with a message naming it', (variable, value) => {
    const error = failureOf({ [variable]: value });
    expect(error.problems.map((p) => p.variable)).toEqual([variable]);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(JSON.stringify(value).slice(1, -1));
  });

  it('names every bad variable at once', () => {
    const error = failureOf({ PORT: 'x', LOG_LEVEL: 'y' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT']);
  });
});

describe('requireEventStoreConnectionString', () => {
  it('returns the connection string when set', () => {
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false' });
    expect(requireEventStoreConnectionString(config, 'the api')).toBe('esdb://es:2113?tls=false');
  });

  it('refuses, naming the variable, when an app that runs alone has none', () => {
    expect(() => requireEventStoreConnectionString(loadConfig({}), 'the api')).toThrow(/EVENTSTORE_CONNECTION_STRING must be set to run the api alone/);
  });
});
