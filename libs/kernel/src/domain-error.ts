/**
 * How a refusal should be read by whoever answers the caller. The domain never names an HTTP
 * status; the API's one exception filter maps these kinds (not-found → 404, conflict → 409,
 * rule-broken → 422, forbidden → 403), so adding a refusal never means touching the filter.
 * - `not-found`: the command names something that does not exist (yet).
 * - `conflict`: the request was fine but the thing's current state does not allow it now
 *   (someone else holds the parcel, an offer is already open, the parcel was delivered).
 *   Retrying after re-reading may succeed or may not.
 * - `rule-broken`: the request itself breaks a business rule and will be refused whatever the
 *   timing (a volunteer asked to carry chemotherapy drugs, a negative declared value).
 * - `forbidden`: this actor may not issue this kind of command at all, whatever it names (a
 *   courier registering a parcel). Scope on a particular thing is `not-found` (ADR 0015).
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'rule-broken' | 'forbidden';

/**
 * Base of every refusal a decider throws: a stable machine code (`PARCEL.NOT_HOLDER`), a
 * sentence a person understands, and the facts behind it for logs and Problem Details.
 * Shared by every context (the API's filter relies only on `instanceof DomainError`, `code` and
 * `kind`), so a new context's refusals reach callers as Problem Details without touching the edge.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Builds a typed error constructor for one aggregate's catalogue of codes, so the kind of each
 * code is written once, beside the code, and cannot drift between throw sites.
 */
export function refusalsOf<Code extends string>(kinds: Readonly<Record<Code, DomainErrorKind>>) {
  return (code: Code, message: string, details: Record<string, unknown> = {}): DomainError<Code> => new DomainError(code, kinds[code], message, details);
}
