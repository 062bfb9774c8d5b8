import * as path from 'node:path';
import { validateSync } from 'class-validator';
import { HandoffEnvironment, LogLevel, ProjectorPlacement } from './handoff-environment';

/** The validated configuration every process reads; built once at start-up from the environment. */
export interface HandoffConfig {
  /** Undefined means "no external store": only the all-in-one may then start the embedded one. */
  eventStoreConnectionString?: string;
  mongodbUri?: string;
  /** Absolute. */
  dataDir: string;
  port: number;
  embeddedEventStorePort: number;
  embeddedMongoDbPort: number;
  logLevel: LogLevel;
  /** All-in-one only: the projector on a worker thread (default) or on the API's event loop. */
  allInOneProjector: ProjectorPlacement;
  apiKeyCacheTtlSeconds: number;
  apiKeyMaxLifetimeDays?: number;
  /** The API's address to bind (HOST). */
  host: string;
  /** The HTTP edge: slow-client timeouts and rate limits (0: that limit is off). */
  http: HttpEdgeConfig;
  /** The tolerances a client-stated `occurredAt` is judged by (ADR 0008). */
  statedTime: { maxSkewMs: number; backfillWindowMs: number };
  /** The bearer token that may read `/metrics` besides admin API keys. */
  metricsToken?: string;
  /** Absolute: where the key-encryption keys live (ADR 0011). */
  keyringDir: string;
  /** Seconds within which an erased subject's key stops unwrapping anywhere. */
  erasureBoundSeconds: number;
  kekRotationIntervalSeconds: number;
  /** How often the projector's background verifier re-verifies every stream from the start (ADR 0012). */
  integrityFullPassIntervalMinutes: number;
  /** Volunteer rosters and surge first refusal (ADR 0028). */
  rosters: RostersConfig;
  /** Pay: statements above this cash total (minor units, the ledger's currency) need two approvers; `currency` for a ledger with no cash yet. */
  pay: { secondApprovalAboveMinor: number; currency: string };
  /** Per jurisdiction (`US`, `US-CA`), the yearly cash paid from which a participant is reported (PAY_REPORTING_THRESHOLDS). */
  payReportingThresholds: Readonly<Record<string, { amountMinor: number; currency: string }>>;
}

export interface RostersConfig {
  /** How far ahead a roster's shifts are published at the least (DOMAIN: 6 days). */
  noticeMs: number;
  /** First-refusal offers per block in a surge window, unless the window says otherwise (issue 19: 5). */
  surgeOfferLimitPerBlock: number;
  /** How long a first-refusal offer stays open, unless the window says otherwise. */
  surgeOfferLapseMs: number;
}

export interface HttpEdgeConfig {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  rateLimits: { perApiKey: number; perAddress: number; windowSeconds: number };
}

export const HANDOFF_CONFIG = Symbol('HANDOFF_CONFIG');

export class ConfigValidationError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: { variable: string; message: string; value: unknown }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.message} (${p.value === undefined ? 'not set' : `got ${JSON.stringify(p.value)}`})`).join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

const HTTP_EDGE_VARIABLES = ['HOST', 'HTTP_HEADERS_TIMEOUT_MS', 'HTTP_REQUEST_TIMEOUT_MS', 'RATE_LIMIT_PER_API_KEY', 'RATE_LIMIT_PER_ADDRESS', 'RATE_LIMIT_WINDOW_SECONDS'] as const;
const ROSTER_VARIABLES = ['ROSTER_NOTICE_DAYS', 'SURGE_OFFER_LIMIT_PER_BLOCK', 'SURGE_OFFER_LAPSE_MINUTES'] as const;
const ENVIRONMENT_VARIABLES = [
  'EVENTSTORE_CONNECTION_STRING',
  'MONGODB_URI',
  'HANDOFF_DATA_DIR',
  'PORT',
  'EMBEDDED_EVENTSTORE_PORT',
  'EMBEDDED_MONGODB_PORT',
  'LOG_LEVEL',
  'ALL_IN_ONE_PROJECTOR',
  'API_KEY_CACHE_TTL_SECONDS',
  'API_KEY_MAX_LIFETIME_DAYS',
  'OCCURRED_AT_MAX_SKEW_SECONDS',
  'OCCURRED_AT_BACKFILL_WINDOW_HOURS',
  'METRICS_TOKEN',
  'HANDOFF_KEYRING_DIR',
  'HANDOFF_ERASURE_BOUND',
  'HANDOFF_KEK_ROTATION_INTERVAL',
  'INTEGRITY_FULL_PASS_INTERVAL_MINUTES',
  ...ROSTER_VARIABLES,
  'PAY_REPORTING_THRESHOLDS',
  'PAY_SECOND_APPROVAL_ABOVE_MINOR',
  ...HTTP_EDGE_VARIABLES,
] as const satisfies readonly (keyof HandoffEnvironment)[];
const INTEGER_VARIABLES = new Set<string>([
  'PORT',
  'EMBEDDED_EVENTSTORE_PORT',
  'EMBEDDED_MONGODB_PORT',
  'API_KEY_CACHE_TTL_SECONDS',
  'API_KEY_MAX_LIFETIME_DAYS',
  'OCCURRED_AT_MAX_SKEW_SECONDS',
  'OCCURRED_AT_BACKFILL_WINDOW_HOURS',
  'HANDOFF_ERASURE_BOUND',
  'HANDOFF_KEK_ROTATION_INTERVAL',
  'INTEGRITY_FULL_PASS_INTERVAL_MINUTES',
  ...ROSTER_VARIABLES,
  'PAY_SECOND_APPROVAL_ABOVE_MINOR',
  ...HTTP_EDGE_VARIABLES.filter((name) => name !== 'HOST'),
]);
/** Named but never echoed when wrong: the error becomes a log line. */
const SECRET_VARIABLES = new Set<string>(['METRICS_TOKEN']);

/**
 * Validates the environment and returns the typed config, or throws ConfigValidationError naming
 * every bad variable. An empty string counts as unset, so `VAR=` in a compose file means "default".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): HandoffConfig {
  const environment = new HandoffEnvironment();
  const raw: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_VARIABLES) {
    const value = env[key];
    if (value === undefined || value.trim() === '') continue;
    // Only plain digits become numbers: "3000abc" or "3e3" stay strings and fail @IsInt by name.
    raw[key] = INTEGER_VARIABLES.has(key) && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim();
  }
  Object.assign(environment, raw);

  const errors = validateSync(environment, { forbidUnknownValues: true });
  const problems = errors.map((error) => ({
    variable: error.property,
    message: Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`,
    value: SECRET_VARIABLES.has(error.property) ? '[redacted]' : (error.value as unknown),
  }));
  // Node refuses to start a server whose headers timeout exceeds its request timeout.
  if (environment.HTTP_HEADERS_TIMEOUT_MS > environment.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push({ variable: 'HTTP_HEADERS_TIMEOUT_MS', message: 'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS', value: environment.HTTP_HEADERS_TIMEOUT_MS });
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  const dataDir = path.resolve(cwd, environment.HANDOFF_DATA_DIR);
  return {
    eventStoreConnectionString: environment.EVENTSTORE_CONNECTION_STRING,
    mongodbUri: environment.MONGODB_URI,
    dataDir,
    port: environment.PORT,
    embeddedEventStorePort: environment.EMBEDDED_EVENTSTORE_PORT,
    embeddedMongoDbPort: environment.EMBEDDED_MONGODB_PORT,
    logLevel: environment.LOG_LEVEL,
    allInOneProjector: environment.ALL_IN_ONE_PROJECTOR,
    apiKeyCacheTtlSeconds: environment.API_KEY_CACHE_TTL_SECONDS,
    ...(environment.API_KEY_MAX_LIFETIME_DAYS !== undefined ? { apiKeyMaxLifetimeDays: environment.API_KEY_MAX_LIFETIME_DAYS } : {}),
    host: environment.HOST,
    http: {
      headersTimeoutMs: environment.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: environment.HTTP_REQUEST_TIMEOUT_MS,
      rateLimits: { perApiKey: environment.RATE_LIMIT_PER_API_KEY, perAddress: environment.RATE_LIMIT_PER_ADDRESS, windowSeconds: environment.RATE_LIMIT_WINDOW_SECONDS },
    },
    statedTime: { maxSkewMs: environment.OCCURRED_AT_MAX_SKEW_SECONDS * 1000, backfillWindowMs: environment.OCCURRED_AT_BACKFILL_WINDOW_HOURS * 3_600_000 },
    metricsToken: environment.METRICS_TOKEN,
    keyringDir: environment.HANDOFF_KEYRING_DIR ? path.resolve(cwd, environment.HANDOFF_KEYRING_DIR) : path.join(dataDir, 'keys'),
    erasureBoundSeconds: environment.HANDOFF_ERASURE_BOUND,
    kekRotationIntervalSeconds: environment.HANDOFF_KEK_ROTATION_INTERVAL,
    integrityFullPassIntervalMinutes: environment.INTEGRITY_FULL_PASS_INTERVAL_MINUTES,
    rosters: {
      noticeMs: environment.ROSTER_NOTICE_DAYS * 86_400_000,
      surgeOfferLimitPerBlock: environment.SURGE_OFFER_LIMIT_PER_BLOCK,
      surgeOfferLapseMs: environment.SURGE_OFFER_LAPSE_MINUTES * 60_000,
    },
    payReportingThresholds: reportingThresholds(environment.PAY_REPORTING_THRESHOLDS),
    pay: { secondApprovalAboveMinor: environment.PAY_SECOND_APPROVAL_ABOVE_MINOR, currency: 'USD' },
  };
}

/** `US:60000:USD,CA:50000:CAD` (already validated) as a map; a jurisdiction named twice keeps its last threshold. */
function reportingThresholds(text: string): Record<string, { amountMinor: number; currency: string }> {
  const thresholds: Record<string, { amountMinor: number; currency: string }> = {};
  for (const entry of text.split(',')) {
    const [jurisdiction, amountMinor, currency] = entry.split(':') as [string, string, string];
    thresholds[jurisdiction] = { amountMinor: Number(amountMinor), currency };
  }
  return thresholds;
}

/**
 * For apps deployed alone (api, projector): they never start an embedded server, so a missing
 * connection string is a configuration error, not a cue.
 */
export function requireEventStoreConnectionString(config: HandoffConfig, app: string): string {
  if (!config.eventStoreConnectionString) {
    throw new ConfigValidationError([
      {
        variable: 'EVENTSTORE_CONNECTION_STRING',
        message: `EVENTSTORE_CONNECTION_STRING must be set to run ${app} alone (only the all-in-one \`npm start\` starts an embedded event store)`,
        value: undefined,
      },
    ]);
  }
  return config.eventStoreConnectionString;
}
