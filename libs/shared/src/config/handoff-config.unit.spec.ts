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
      apiKeyCacheTtlSeconds: 30,
      host: '127.0.0.1',
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, rateLimits: { perApiKey: 6_000, perAddress: 12_000, windowSeconds: 60 } },
      statedTime: { maxSkewMs: 300_000, backfillWindowMs: 72 * 3_600_000 },
      keyringDir: path.resolve('/srv/handoff', 'data', 'keys'),
      erasureBoundSeconds: 300,
      kekRotationIntervalSeconds: 86_400,
      integrityFullPassIntervalMinutes: 1440,
      rosters: { noticeMs: 6 * 86_400_000, surgeOfferLimitPerBlock: 5, surgeOfferLapseMs: 15 * 60_000 },
      payReportingThresholds: { US: { amountMinor: 60_000, currency: 'USD' } },
      pay: { secondApprovalAboveMinor: 50_000, currency: 'USD' },
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
        API_KEY_CACHE_TTL_SECONDS: '5',
        API_KEY_MAX_LIFETIME_DAYS: '90',
        HOST: '::',
        HTTP_HEADERS_TIMEOUT_MS: '500',
        HTTP_REQUEST_TIMEOUT_MS: '2000',
        RATE_LIMIT_PER_API_KEY: '0',
        RATE_LIMIT_PER_ADDRESS: '100',
        RATE_LIMIT_WINDOW_SECONDS: '10',
        OCCURRED_AT_MAX_SKEW_SECONDS: '60',
        OCCURRED_AT_BACKFILL_WINDOW_HOURS: '24',
        METRICS_TOKEN: 'scrape-token-0123456789abcdef0123456789',
        HANDOFF_KEYRING_DIR: 'secrets/keys',
        HANDOFF_ERASURE_BOUND: '60',
        HANDOFF_KEK_ROTATION_INTERVAL: '3600',
        INTEGRITY_FULL_PASS_INTERVAL_MINUTES: '60',
        ROSTER_NOTICE_DAYS: '7',
        SURGE_OFFER_LIMIT_PER_BLOCK: '3',
        SURGE_OFFER_LAPSE_MINUTES: '30',
        PAY_REPORTING_THRESHOLDS: 'US:60000:USD,CA-ON:50000:CAD',
        PAY_SECOND_APPROVAL_ABOVE_MINOR: '100000',
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
      apiKeyCacheTtlSeconds: 5,
      apiKeyMaxLifetimeDays: 90,
      host: '::',
      http: { headersTimeoutMs: 500, requestTimeoutMs: 2000, rateLimits: { perApiKey: 0, perAddress: 100, windowSeconds: 10 } },
      statedTime: { maxSkewMs: 60_000, backfillWindowMs: 24 * 3_600_000 },
      metricsToken: 'scrape-token-0123456789abcdef0123456789',
      keyringDir: '/srv/handoff/secrets/keys',
      erasureBoundSeconds: 60,
      kekRotationIntervalSeconds: 3600,
      integrityFullPassIntervalMinutes: 60,
      rosters: { noticeMs: 7 * 86_400_000, surgeOfferLimitPerBlock: 3, surgeOfferLapseMs: 30 * 60_000 },
      payReportingThresholds: { US: { amountMinor: 60_000, currency: 'USD' }, 'CA-ON': { amountMinor: 50_000, currency: 'CAD' } },
      pay: { secondApprovalAboveMinor: 100_000, currency: 'USD' },
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
    ['API_KEY_CACHE_TTL_SECONDS', '301'],
    ['API_KEY_MAX_LIFETIME_DAYS', '0'],
    ['HANDOFF_ERASURE_BOUND', '1'],
    ['HANDOFF_ERASURE_BOUND', '5m'],
    ['HANDOFF_KEK_ROTATION_INTERVAL', '10'],
    ['INTEGRITY_FULL_PASS_INTERVAL_MINUTES', '0'],
    ['EVENTSTORE_CONNECTION_STRING', 'http://localhost:2113'],
    ['MONGODB_URI', 'localhost:27017'],
    ['HOST', 'localhost'],
    ['HOST', '0.0.0.0:3000'],
    ['HTTP_HEADERS_TIMEOUT_MS', '10'],
    ['HTTP_REQUEST_TIMEOUT_MS', 'soon'],
    ['RATE_LIMIT_PER_API_KEY', '-5'],
    ['RATE_LIMIT_PER_ADDRESS', '1.5'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['OCCURRED_AT_MAX_SKEW_SECONDS', '5m'],
    ['OCCURRED_AT_MAX_SKEW_SECONDS', '7200'],
    ['OCCURRED_AT_BACKFILL_WINDOW_HOURS', '0'],
    ['OCCURRED_AT_BACKFILL_WINDOW_HOURS', '1.5'],
    ['ROSTER_NOTICE_DAYS', '0'],
    ['SURGE_OFFER_LIMIT_PER_BLOCK', '51'],
    ['SURGE_OFFER_LAPSE_MINUTES', 'soon'],
    ['PAY_REPORTING_THRESHOLDS', 'US:600.00:USD'],
    ['PAY_REPORTING_THRESHOLDS', 'US:60000'],
    ['PAY_REPORTING_THRESHOLDS', 'US:60000:USD,'],
  ])('refuses a malformed %s (%s) with a message naming it', (variable, value) => {
    const error = failureOf({ [variable]: value });
    expect(error.problems.map((p) => p.variable)).toEqual([variable]);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(JSON.stringify(value).slice(1, -1));
  });

  it('refuses a headers timeout longer than the request timeout (Node would not start)', () => {
    expect(failureOf({ HTTP_HEADERS_TIMEOUT_MS: '40000' }).problems.map((p) => p.variable)).toEqual(['HTTP_HEADERS_TIMEOUT_MS']);
  });

  it('names a malformed secret without writing it into the message that gets logged', () => {
    const error = failureOf({ METRICS_TOKEN: 'too-short-secret' });
    expect(error.problems.map((p) => p.variable)).toEqual(['METRICS_TOKEN']);
    expect(error.message).toContain('METRICS_TOKEN must be 32 to 256 visible ASCII characters');
    expect(error.message).not.toContain('too-short-secret');
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
