/**
 * Time enters the system only through this port, so tests and replays control it and every
 * timestamp is UTC ISO-8601 (`toISOString()`), never local time.
 */
export interface Clock {
  now(): Date;
  /** `now()` as UTC ISO-8601 with milliseconds, e.g. `2025-03-04T09:15:00.000Z`. */
  nowIso(): string;
}

export const CLOCK = Symbol('CLOCK');

export class SystemClock implements Clock {
  /** The last instant formatted: a command asks for the time several times within a millisecond. */
  private lastMs = Number.NaN;
  private lastIso = '';

  now(): Date {
    return new Date();
  }

  nowIso(): string {
    const ms = Date.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = new Date(ms).toISOString();
    }
    return this.lastIso;
  }
}

/** A clock that only moves when told to: for tests and deterministic demos. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2025-01-01T00:00:00.000Z') {
    this.current = parseInstant(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  set(instant: Date | string): void {
    this.current = parseInstant(instant);
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

function parseInstant(instant: Date | string): number {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(time)) throw new Error(`not a valid instant: ${String(instant)}`);
  return time;
}
