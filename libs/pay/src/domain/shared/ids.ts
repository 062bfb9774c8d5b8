/** Ids as the pay domain accepts them (participants, parcels, rate cards, holds, statements): no spaces, at most 100 characters. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const isPayId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);
