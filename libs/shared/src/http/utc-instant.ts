import { ValidateBy, type ValidationOptions } from 'class-validator';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
const isRealDay = (year: number, month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);

/**
 * The one parser for instants a client states (`occurredAt`, `deviceTime`, `?asOf=`, ...): RFC 3339
 * `date-time` in UTC (`Z`), seconds required, up to nine fractional digits. Every part must
 * exist: no 30 February, hour 24 or 25, minute or second 60 (a leap second cannot be held by a
 * JavaScript Date, and Handoff's clocks never produce one). `Date.parse` is no judge: it rolls
 * 2026-02-30 over to 2 March. Returns epoch milliseconds, or undefined when the text is no instant.
 */
export function parseUtcInstant(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = INSTANT.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  return Date.parse(text);
}

/** RFC 3339 `full-date` (YYYY-MM-DD) that exists in the Gregorian calendar. */
export function isCalendarDay(text: unknown): boolean {
  const parts = typeof text === 'string' ? DAY.exec(text) : null;
  return !!parts && isRealDay(Number(parts[1]), Number(parts[2]), Number(parts[3]));
}

/** class-validator rule for request DTOs: a field holding an instant, per `parseUtcInstant`. */
export const IsUtcInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isUtcInstant',
      validator: { validate: (value) => parseUtcInstant(value) !== undefined, defaultMessage: () => '$property must be a real UTC instant in RFC 3339 form, e.g. 2025-03-04T09:15:00Z' },
    },
    options,
  );

/** class-validator rule for request DTOs: a field holding a calendar day, per `isCalendarDay`. */
export const IsCalendarDay = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isCalendarDay', validator: { validate: isCalendarDay, defaultMessage: () => '$property must be a real date in RFC 3339 form (YYYY-MM-DD)' } }, options);
