/** Refusals of key management, read by the API's exception filter like any context's refusal (by `kind`). */
const KINDS = {
  'API_KEY.NOT_FOUND': 'not-found',
  'API_KEY.REVOKED': 'conflict',
  'API_KEY.EXPIRED': 'conflict',
  'API_KEY.ALREADY_ROTATED': 'conflict',
  'API_KEY.LAST_ADMIN': 'conflict',
  'API_KEY.EXPIRY_NOT_IN_FUTURE': 'rule-broken',
  'API_KEY.LIFETIME_TOO_LONG': 'rule-broken',
} as const;

export type ApiKeyRefusalCode = keyof typeof KINDS;

export class ApiKeyRefusal extends Error {
  readonly kind: (typeof KINDS)[ApiKeyRefusalCode];

  constructor(
    readonly code: ApiKeyRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiKeyRefusal';
    this.kind = KINDS[code];
  }
}

/** Also what a caller gets for someone else's key: whether a key id exists is nobody else's business. */
export const keyNotFound = (keyId: string) => new ApiKeyRefusal('API_KEY.NOT_FOUND', `No API key ${keyId} that you may manage.`);
