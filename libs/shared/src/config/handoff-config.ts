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
  /** How often the projector's background verifier re-verifies every stream from the start (ADR 0012). */
  integrityFullPassIntervalMinutes: number;
}

export const HANDOFF_CONFIG = Symbol('HANDOFF_CONFIG');

export class ConfigValidationError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: { variable: string; message: string; value: unknown }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.message} (${p.value === undefined ? 'not set' : `got ${JSON.stringify(p.value)}`})`).join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

const ENVIRONMENT_VARIABLES = [
  'EVENTSTORE_CONNECTION_STRING',
  'MONGODB_URI',
  'HANDOFF_DATA_DIR',
  'PORT',
  'EMBEDDED_EVENTSTORE_PORT',
  'EMBEDDED_MONGODB_PORT',
  'LOG_LEVEL',
  'ALL_IN_ONE_PROJECTOR',
  'INTEGRITY_FULL_PASS_INTERVAL_MINUTES',
] as const satisfies readonly (keyof HandoffEnvironment)[];
const INTEGER_VARIABLES = new Set<string>(['PORT', 'EMBEDDED_EVENTSTORE_PORT', 'EMBEDDED_MONGODB_PORT', 'INTEGRITY_FULL_PASS_INTERVAL_MINUTES']);

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
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((error) => ({
        variable: error.property,
        message: Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`,
        value: error.value,
      })),
    );
  }
  return {
    eventStoreConnectionString: environment.EVENTSTORE_CONNECTION_STRING,
    mongodbUri: environment.MONGODB_URI,
    dataDir: path.resolve(cwd, environment.HANDOFF_DATA_DIR),
    port: environment.PORT,
    embeddedEventStorePort: environment.EMBEDDED_EVENTSTORE_PORT,
    embeddedMongoDbPort: environment.EMBEDDED_MONGODB_PORT,
    logLevel: environment.LOG_LEVEL,
    allInOneProjector: environment.ALL_IN_ONE_PROJECTOR,
    integrityFullPassIntervalMinutes: environment.INTEGRITY_FULL_PASS_INTERVAL_MINUTES,
  };
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
