/**
 * Value shapes more than one context records, with the checks their deciders apply: money (STYLE.md:
 * `{ amountMinor, currency }`, never a float), a UTC instant as the clock port writes it, a postal
 * address. In the kernel so that two contexts that both record money or an address mean the same
 * thing by it without one importing the other.
 */

/** Integer minor units (cents, pence) with an ISO 4217 code: money is never a float. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export const isValidMoney = (money: Money): boolean => Number.isSafeInteger(money.amountMinor) && money.amountMinor >= 0 && /^[A-Z]{3}$/.test(money.currency);

/** UTC ISO-8601 with a `Z`, as the clock port produces (`2025-03-04T09:15:00.000Z`). */
export const isUtcInstant = (value: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value) && !Number.isNaN(Date.parse(value));

export interface PostalAddress {
  lines: string[];
  locality: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}
