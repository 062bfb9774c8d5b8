/** Instants and pay periods as the pay domain reads them. All UTC: a hub's local day is the edge's business. */

/** UTC ISO-8601 with a `Z`, as the clock port produces (`2025-03-04T09:15:00.000Z`). */
export const isUtcInstant = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value) && !Number.isNaN(Date.parse(value));

/** A pay period is a UTC calendar month, `2025-03`: a ledger stream and its statements cover one. */
export type PayPeriod = string;

export const isPayPeriod = (value: unknown): value is PayPeriod => typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** The period an instant falls in (its UTC month). */
export const payPeriodOf = (instant: string): PayPeriod => new Date(Date.parse(instant)).toISOString().slice(0, 7);

/** Instants compared as times, not strings (`…00Z` and `…00.000Z` are the same moment). */
export const compareInstants = (a: string, b: string): number => Math.sign(Date.parse(a) - Date.parse(b));
