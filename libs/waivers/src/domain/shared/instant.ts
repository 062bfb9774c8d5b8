/**
 * Instants, compared exactly. Coverage turns on boundaries (a waiver that expires at 14:00:00 does
 * not cover 14:00:00), so comparing through `Date.parse` is not good enough: it rounds away
 * everything below the millisecond and accepts dates that do not exist (`2025-02-30` becomes
 * 2 March). Every instant of this context is UTC ISO-8601 with a `Z` and up to nine fractional
 * digits; it is checked strictly, stored in one canonical spelling, and compared as whole
 * nanoseconds since the epoch.
 */
export type Instant = string;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

const NANOS_PER_MS = 1_000_000n;

interface InstantParts {
  epochMs: number;
  /** Nanoseconds below the millisecond, 0 to 999,999. */
  subMsNanos: number;
  fraction: string;
  seconds: string;
}

function partsOf(value: string): InstantParts | null {
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const digits = fraction.padEnd(9, '0');
  const epochMs = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${digits.slice(0, 3)}Z`);
  return { epochMs, subMsNanos: Number(digits.slice(3)), fraction, seconds: value.slice(0, 19) };
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** UTC ISO-8601 with a `Z`, a real calendar date and time, at most nanosecond precision. */
export const isUtcInstant = (value: string): boolean => typeof value === 'string' && partsOf(value) !== null;

function parts(value: Instant): InstantParts {
  const found = partsOf(value);
  if (!found) throw new RangeError(`not a UTC ISO-8601 instant: ${value}`);
  return found;
}

/**
 * The one spelling stored in events: at least milliseconds, trailing zeros beyond them dropped
 * (`…T09:00:00Z` and `…T09:00:00.000000Z` are both `…T09:00:00.000Z`; `.1234560` is `.123456`).
 */
export function normaliseInstant(value: Instant): Instant {
  const { seconds, fraction } = parts(value);
  const digits = fraction.padEnd(9, '0');
  const significant = digits.replace(/0+$/, '');
  return `${seconds}.${significant.length <= 3 ? digits.slice(0, 3) : significant}Z`;
}

/**
 * Nanoseconds since the epoch, exactly. Remembered for the last few thousand instants: coverage
 * compares the same handful of boundaries many times (a timeline, a read model's rebuild), and the
 * answer depends on the string alone, so the cache changes nothing but the time taken.
 */
export function epochNanosOf(value: Instant): bigint {
  const known = nanosByInstant.get(value);
  if (known !== undefined) return known;
  const { epochMs, subMsNanos } = parts(value);
  const nanos = BigInt(epochMs) * NANOS_PER_MS + BigInt(subMsNanos);
  if (nanosByInstant.size >= NANOS_CACHE_SIZE) nanosByInstant.clear();
  nanosByInstant.set(value, nanos);
  return nanos;
}

const NANOS_CACHE_SIZE = 4_096;
const nanosByInstant = new Map<Instant, bigint>();

export const compareInstants = (a: Instant, b: Instant): number => {
  const difference = epochNanosOf(a) - epochNanosOf(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
};

export const isBefore = (a: Instant, b: Instant): boolean => compareInstants(a, b) < 0;

/** The later of two instants; `a` may be missing. */
export const laterOf = (a: Instant | undefined, b: Instant): Instant => (a !== undefined && isBefore(b, a) ? a : b);

/** `from` (inclusive) ≤ at < `until` (exclusive); a missing `until` never ends. */
export const isWithin = (at: Instant, from: Instant, until?: Instant): boolean => !isBefore(at, from) && (until === undefined || isBefore(at, until));

/** How many milliseconds `a` is after `b` (negative if before), for tolerances measured in ms. */
export const millisecondsBetween = (a: Instant, b: Instant): number => Number(epochNanosOf(a) - epochNanosOf(b)) / 1_000_000;
