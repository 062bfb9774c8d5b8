import { isUtcInstant } from '@handoff/kernel';

/** Milliseconds since the epoch of a UTC ISO-8601 instant. */
export const msOf = (instant: string): number => Date.parse(instant);

/** One spelling for stored instants (milliseconds, `Z`), so equal instants compare equal as strings. */
export const normalised = (instant: string): string => new Date(Date.parse(instant)).toISOString();

export const isInstant = (value: unknown): value is string => typeof value === 'string' && isUtcInstant(value);

export const plusMs = (instant: string, ms: number): string => new Date(Date.parse(instant) + ms).toISOString();

/** A word of a shared vocabulary (a role, a block): lowercase, digits, hyphens. */
export const isWord = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(value);

export const isId = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= 200;
