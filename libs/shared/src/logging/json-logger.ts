import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import pino, { type Logger as PinoLogger } from 'pino';
import { Clock, SystemClock } from '../clock/clock';
import { LOG_LEVELS, LogLevel } from '../config/handoff-environment';

export type LogSink = (line: string) => void;

export interface JsonLoggerOptions {
  /** The least severe level written; default `log`. */
  level?: LogLevel;
  clock?: Clock;
  /** Where lines go; default stdout. Tests pass an array push. */
  sink?: LogSink;
  /** Context used when a call names none. */
  context?: string;
}

const CORE_FIELDS = new Set(['time', 'level', 'context', 'msg']);

/**
 * Nest's levels as pino levels, with the labels operators read: `log` is what every log shipper
 * calls `info`. Only these: pino's numeric levels in the output would break every reader that
 * matches `"level":"warn"`.
 */
const PINO_LEVELS = { verbose: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
type PinoLevel = keyof typeof PINO_LEVELS;
const PINO_LEVEL: Record<LogLevel, PinoLevel> = { verbose: 'verbose', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };

/**
 * Defence in depth for "no personal data in logs": nothing should log a request's credentials or
 * body in the first place (the request log names route, status and ids only), but if a caller
 * passes one, pino writes `[redacted]` instead. `apiKey` stays: the bootstrap key line exists to show it once.
 * Exact paths only: a wildcard (`*.recipient`) made every line three times as costly (measured, 8 → 26 µs).
 */
export const REDACTED_PATHS = [
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'body',
  'req.body',
  'recipient',
  'personalData',
];

/**
 * Nest's LoggerService on pino, writing one JSON object per line: level, time (UTC ISO-8601 from
 * the injected clock), context, then any extra fields passed as an object, and msg.
 * `logger.log({ msg: 'appended', stream: 'parcel-1' }, 'EventStore')` →
 * `{"level":"info","time":"…","context":"EventStore","stream":"parcel-1","msg":"appended"}`.
 */
export class JsonLogger implements LoggerService {
  private enabled: Set<string>;
  private readonly pino: PinoLogger<PinoLevel, boolean>;
  private readonly context?: string;

  constructor(options: JsonLoggerOptions = {}) {
    const clock = options.clock ?? new SystemClock();
    const sink = options.sink;
    this.context = options.context;
    this.enabled = levelsFrom(options.level ?? 'log');
    this.pino = pino<PinoLevel, boolean>(
      {
        // Every level reaches pino; which ones are written is `enabled`, because Nest's setLogLevels takes any set, not a threshold.
        level: 'verbose',
        customLevels: PINO_LEVELS,
        useOnlyCustomLevels: true,
        base: undefined,
        messageKey: 'msg',
        timestamp: () => `,"time":"${clock.nowIso()}"`,
        formatters: { level: (label) => ({ level: label }) },
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      },
      // Synchronous on stdout: a fatal line must be written before runMain's process.exit.
      sink ? { write: sink } : pino.destination({ dest: 1, sync: true }),
    );
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: NestLogLevel[]): void {
    this.enabled = new Set(levels);
  }

  /** Whether a line at this level would be written: callers skip building one that would not. */
  isLevelEnabled(level: LogLevel): boolean {
    return this.enabled.has(level);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const rest = [...params];
    // Nest passes the context as the last string argument (and, for errors, a stack before it).
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : this.context;
    const extra: Record<string, unknown> = {};
    let msg: string;

    if (message instanceof Error) {
      msg = message.message;
      extra.err = describeError(message);
    } else if (isPlainRecord(message)) {
      const { msg: given, message: text, ...fields } = message;
      msg = String(given ?? text ?? '');
      Object.assign(extra, fields);
    } else {
      msg = String(message);
    }
    for (const param of rest) {
      if (param instanceof Error) extra.err = describeError(param);
      else if (typeof param === 'string' && level === 'error') extra.stack = param;
      else if (isPlainRecord(param)) Object.assign(extra, param);
      else if (param !== undefined) ((extra.args ??= []) as unknown[]).push(param);
    }
    const record: Record<string, unknown> = { context };
    const seen = new WeakSet<object>();
    for (const [key, value] of Object.entries(extra)) {
      record[CORE_FIELDS.has(key) ? `${key}_` : key] = jsonSafe(value, seen);
    }
    this.pino[PINO_LEVEL[level]](record, msg);
  }
}

function levelsFrom(minimum: LogLevel): Set<string> {
  return new Set(LOG_LEVELS.slice(LOG_LEVELS.indexOf(minimum)));
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code !== undefined ? { code } : {}), stack: error.stack };
}

/**
 * bigint (stream revisions, `$all` positions) as a decimal string, which pino would write as a bare
 * number that readers round past 2^53; cycles as `[circular]`.
 */
function jsonSafe(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  const prototype = Object.getPrototypeOf(value);
  // Class instances (Date, ObjectId, Buffer) keep their own toJSON.
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => jsonSafe(item, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = jsonSafe(item, seen);
  return copy;
}
