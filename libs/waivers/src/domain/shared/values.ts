/** Plain value types of the waivers context, with the checks its deciders apply to them. */

/** Integer minor units (cents, pence) with an ISO 4217 code: money is never a float (DOMAIN: $200 is 20000 USD). */
export interface Money {
  amountMinor: number;
  currency: string;
}

export const isValidMoney = (money: Money): boolean => !!money && Number.isSafeInteger(money.amountMinor) && money.amountMinor >= 0 && /^[A-Z]{3}$/.test(money.currency);

/**
 * A SHA-256 as `sha256:` and 64 lowercase hex digits: the same spelling custody uses for evidence.
 * Events hold hashes of the waiver's text, its clauses and the signature, never the documents
 * themselves (the text is kept as a document; a signature image is personal data).
 */
export type Sha256 = string;

export const isSha256 = (value: string): boolean => typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value);

/** ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision: `US`, `US-CA`, `GB-SCT`. */
export const isJurisdiction = (value: string): boolean => typeof value === 'string' && /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(value);

/** A word of a shared vocabulary (a participant kind, a parcel category): lowercase, digits, hyphens. */
export const isVocabularyWord = (value: string): boolean => typeof value === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(value);

export const isNonEmptyId = (value: string): boolean => typeof value === 'string' && value.trim() !== '' && value.length <= 200;

export const hasDuplicates = (values: readonly string[]): boolean => new Set(values).size !== values.length;

/** Who acts on a participant's waivers: the participant themselves, or an admin (a paper signature, a revocation for cause). */
export interface WaiverActor {
  kind: 'participant' | 'admin';
  id: string;
}
