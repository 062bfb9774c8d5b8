import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
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
/** `log` is Nest's name for what every log shipper calls `info`. */
const OUTPUT_LEVEL: Record<LogLevel, string> = { verbose: 'verbose', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };

/**
 * Nest's LoggerService writing one JSON object per line: time (UTC ISO-8601 from the injected
 * clock), level, context, msg, then any extra fields passed as an object.
 * `logger.log({ msg: 'appended', stream: 'parcel-1' }, 'EventStore')` →
 * `{"time":"…","level":"info","context":"EventStore","msg":"appended","stream":"parcel-1"}`.
 */
export class JsonLogger implements LoggerService {
  private enabled: Set<string>;
  private readonly clock: Clock;
  private readonly sink: LogSink;
  private readonly context?: string;

  constructor(options: JsonLoggerOptions = {}) {
    this.clock = options.clock ?? new SystemClock();
    this.sink = options.sink ?? ((line) => process.stdout.write(line));
    this.context = options.context;
    this.enabled = levelsFrom(options.level ?? 'log');
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

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const rest = [...params];
    // Nest passes the context as the last string argument (and, for errors, a stack before it).
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : this.context;
    const record: Record<string, unknown> = { time: this.clock.nowIso(), level: OUTPUT_LEVEL[level], context, msg: '' };
    const extra: Record<string, unknown> = {};

    if (message instanceof Error) {
      record.msg = message.message;
      extra.err = describeError(message);
    } else if (isPlainRecord(message)) {
      const { msg, message: text, ...fields } = message;
      record.msg = String(msg ?? text ?? '');
      Object.assign(extra, fields);
    } else {
      record.msg = String(message);
    }
    for (const param of rest) {
      if (param instanceof Error) extra.err = describeError(param);
      else if (typeof param === 'string' && level === 'error') extra.stack = param;
      else if (isPlainRecord(param)) Object.assign(extra, param);
      else if (param !== undefined) ((extra.args ??= []) as unknown[]).push(param);
    }
    for (const [key, value] of Object.entries(extra)) {
      record[CORE_FIELDS.has(key) ? `${key}_` : key] = value;
    }
    this.sink(`${stringify(record)}\n`);
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

function stringify(record: Record<string, unknown>): string {
  const seen = new WeakSet<object>();
  // bigint (stream revisions, $all positions) is not JSON: write it as a decimal string.
  return JSON.stringify(record, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  });
}
