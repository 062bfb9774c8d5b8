import { IsIn, IsInt, IsIP, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const PROJECTOR_PLACEMENTS = ['thread', 'inline'] as const;
export type ProjectorPlacement = (typeof PROJECTOR_PLACEMENTS)[number];

/** An integer variable within bounds, with one message naming it. */
function IntegerIn(variable: string, min: number, max: number, note = ''): PropertyDecorator {
  const message = `${variable} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}${note}`;
  const rules = [IsInt({ message }), Min(min, { message }), Max(max, { message })];
  return (target, property) => rules.forEach((rule) => rule(target, property));
}

/**
 * The process environment as it must look at start-up. Property names are the variable names on
 * purpose: class-validator reports the property, so every message names the variable to fix.
 * (The environment is input at the edge, like a request DTO — hence class-validator here.)
 */
export class HandoffEnvironment {
  /** Unset: the all-in-one starts the embedded EventStoreDB-compatible server. */
  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, { message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string' })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Unset: the embedded MongoDB (a later issue). */
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI?: string;

  @IsString()
  @IsNotEmpty()
  HANDOFF_DATA_DIR: string = './data';

  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT: number = 3000;

  @IsInt({ message: 'EMBEDDED_EVENTSTORE_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'EMBEDDED_EVENTSTORE_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'EMBEDDED_EVENTSTORE_PORT must be an integer between 0 and 65535' })
  EMBEDDED_EVENTSTORE_PORT: number = 2113;

  @IsInt({ message: 'EMBEDDED_MONGODB_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'EMBEDDED_MONGODB_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'EMBEDDED_MONGODB_PORT must be an integer between 0 and 65535' })
  EMBEDDED_MONGODB_PORT: number = 27017;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'log';

  /**
   * Where the all-in-one runs the projector: on its own worker thread (its own event loop, so it
   * uses the second core instead of queueing behind HTTP requests), or inline on the API's loop.
   */
  @IsIn(PROJECTOR_PLACEMENTS, { message: `ALL_IN_ONE_PROJECTOR must be one of ${PROJECTOR_PLACEMENTS.join(', ')}` })
  ALL_IN_ONE_PROJECTOR: ProjectorPlacement = 'thread';

  /** How long an API key that authenticated is trusted without reading MongoDB: how late another process sees a revocation. */
  @IsInt({ message: 'API_KEY_CACHE_TTL_SECONDS must be an integer between 0 and 300' })
  @Min(0, { message: 'API_KEY_CACHE_TTL_SECONDS must be an integer between 0 and 300' })
  @Max(300, { message: 'API_KEY_CACHE_TTL_SECONDS must be an integer between 0 and 300' })
  API_KEY_CACHE_TTL_SECONDS: number = 30;

  /** Unset: keys live until revoked unless issued with a TTL. Set: no key lives longer, and keys issued without a TTL get this one. */
  @IsOptional()
  @IsInt({ message: 'API_KEY_MAX_LIFETIME_DAYS must be an integer between 1 and 3650' })
  @Min(1, { message: 'API_KEY_MAX_LIFETIME_DAYS must be an integer between 1 and 3650' })
  @Max(3650, { message: 'API_KEY_MAX_LIFETIME_DAYS must be an integer between 1 and 3650' })
  API_KEY_MAX_LIFETIME_DAYS?: number;

  /** The address the API binds: loopback unless an operator opens it (the Docker image sets 0.0.0.0). */
  @IsIP(undefined, { message: 'HOST must be an IP address to bind, e.g. 127.0.0.1, 0.0.0.0 or ::' })
  HOST: string = '127.0.0.1';

  /** A client that has not sent all its headers by then is cut off (408): a slow-loris guard. */
  @IntegerIn('HTTP_HEADERS_TIMEOUT_MS', 100, 600_000)
  HTTP_HEADERS_TIMEOUT_MS: number = 10_000;

  /** ... and one that has not sent its whole request (headers and body) by then. */
  @IntegerIn('HTTP_REQUEST_TIMEOUT_MS', 100, 600_000)
  HTTP_REQUEST_TIMEOUT_MS: number = 30_000;

  /** Requests per window per API key; 0 turns the limit off. */
  @IntegerIn('RATE_LIMIT_PER_API_KEY', 0, Number.MAX_SAFE_INTEGER, ' (0: no limit)')
  RATE_LIMIT_PER_API_KEY: number = 6_000;

  /** Requests per window per client address (IPv6: per /64); 0 turns the limit off. */
  @IntegerIn('RATE_LIMIT_PER_ADDRESS', 0, Number.MAX_SAFE_INTEGER, ' (0: no limit)')
  RATE_LIMIT_PER_ADDRESS: number = 12_000;

  @IntegerIn('RATE_LIMIT_WINDOW_SECONDS', 1, 3600)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;
  /** How far ahead of the server's clock a client may state a custody fact's time (ADR 0008). */
  @IsInt({ message: 'OCCURRED_AT_MAX_SKEW_SECONDS must be an integer between 0 and 3600' })
  @Min(0, { message: 'OCCURRED_AT_MAX_SKEW_SECONDS must be an integer between 0 and 3600' })
  @Max(3600, { message: 'OCCURRED_AT_MAX_SKEW_SECONDS must be an integer between 0 and 3600' })
  OCCURRED_AT_MAX_SKEW_SECONDS: number = 300;

  /** How far back anyone may date a custody fact; older ones only from a hub, flagged backdated (ADR 0008). */
  @IsInt({ message: 'OCCURRED_AT_BACKFILL_WINDOW_HOURS must be an integer between 1 and 8760' })
  @Min(1, { message: 'OCCURRED_AT_BACKFILL_WINDOW_HOURS must be an integer between 1 and 8760' })
  @Max(8760, { message: 'OCCURRED_AT_BACKFILL_WINDOW_HOURS must be an integer between 1 and 8760' })
  OCCURRED_AT_BACKFILL_WINDOW_HOURS: number = 72;
  /** The bearer token a Prometheus server scrapes `/metrics` with; unset, only admin API keys may. */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{32,256}$/, { message: 'METRICS_TOKEN must be 32 to 256 visible ASCII characters' })
  METRICS_TOKEN?: string;
  /** Where the key-encryption keys live (ADR 0011). Unset: `<HANDOFF_DATA_DIR>/keys`. */
  @IsOptional()
  @IsString()
  HANDOFF_KEYRING_DIR?: string;

  /** Seconds within which an erased subject's key stops unwrapping anywhere (a KEK rotation); at least 2. */
  @IsInt({ message: 'HANDOFF_ERASURE_BOUND must be a whole number of seconds, at least 2' })
  @Min(2, { message: 'HANDOFF_ERASURE_BOUND must be a whole number of seconds, at least 2' })
  HANDOFF_ERASURE_BOUND: number = 300;

  /** Seconds after which the KEK is rotated even with no erasure. */
  @IsInt({ message: 'HANDOFF_KEK_ROTATION_INTERVAL must be a whole number of seconds, at least 60' })
  @Min(60, { message: 'HANDOFF_KEK_ROTATION_INTERVAL must be a whole number of seconds, at least 60' })
  HANDOFF_KEK_ROTATION_INTERVAL: number = 86_400;
  /** Minutes between full passes of the background hash-chain verifier (default a day). */
  @IsInt({ message: 'INTEGRITY_FULL_PASS_INTERVAL_MINUTES must be a whole number of minutes, at least 1' })
  @Min(1, { message: 'INTEGRITY_FULL_PASS_INTERVAL_MINUTES must be a whole number of minutes, at least 1' })
  INTEGRITY_FULL_PASS_INTERVAL_MINUTES: number = 1440;

  /** How many days ahead a volunteer roster is published at the least (ADR 0028; DOMAIN: 6). */
  @IntegerIn('ROSTER_NOTICE_DAYS', 1, 60)
  ROSTER_NOTICE_DAYS: number = 6;

  /** First-refusal offers per block in a surge window, unless the window states its own. */
  @IntegerIn('SURGE_OFFER_LIMIT_PER_BLOCK', 1, 50)
  SURGE_OFFER_LIMIT_PER_BLOCK: number = 5;

  /** Minutes a first-refusal offer stays open before it lapses, unless the window states its own. */
  @IntegerIn('SURGE_OFFER_LAPSE_MINUTES', 1, 1440)
  SURGE_OFFER_LAPSE_MINUTES: number = 15;
  /**
   * Per jurisdiction, the cash paid to a participant in a year from which it must be reported (a US
   * 1099-NEC's $600): `<jurisdiction>:<minor units>:<currency>`, comma-separated.
   */
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?:\d{1,15}:[A-Z]{3}(,[A-Z]{2}(-[A-Z0-9]{1,3})?:\d{1,15}:[A-Z]{3})*$/, {
    message: 'PAY_REPORTING_THRESHOLDS must be <jurisdiction>:<minor units>:<currency>, comma-separated (e.g. US:60000:USD,CA:50000:CAD)',
  })
  PAY_REPORTING_THRESHOLDS: string = 'US:60000:USD';

  /** Pay statements with a cash total above this many minor units (in the ledger's currency) need a second approver (default $500.00). */
  @IsInt({ message: 'PAY_SECOND_APPROVAL_ABOVE_MINOR must be a whole number of minor units, 0 or more' })
  @Min(0, { message: 'PAY_SECOND_APPROVAL_ABOVE_MINOR must be a whole number of minor units, 0 or more' })
  @Max(1_000_000_000, { message: 'PAY_SECOND_APPROVAL_ABOVE_MINOR must be at most 1000000000' })
  PAY_SECOND_APPROVAL_ABOVE_MINOR: number = 50_000;
}
