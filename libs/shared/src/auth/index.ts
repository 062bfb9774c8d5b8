/** Identity for every HTTP endpoint: API keys → actor + role, the guard and its decorators; keys' lifecycle. */
export { ROLES, metadataActor } from './actor';
export type { AuthenticatedActor, Role } from './actor';
export { API_KEYS_COLLECTION, AUTH_DB, ApiKeyStore, DEFAULT_AUTHENTICATED_KEY_TTL_MS, hashApiKey } from './api-key.store';
export type { ApiKeyAudit, ApiKeyGrant, ApiKeyStoreOptions, Authentication, IssuedApiKey, RotatedApiKey } from './api-key.store';
export { API_KEY_STATUSES, mayManage } from './api-key.lifecycle';
export type { ApiKeyRecord, ApiKeyStatus, ApiKeyView, RequestedLifetime } from './api-key.lifecycle';
export { ApiKeyRefusal, keyNotFound } from './api-key.errors';
export type { ApiKeyRefusalCode } from './api-key.errors';
export { ApiKeyGuard, presentedKey, presentedKeyDigest } from './api-key.guard';
export { ACTOR_PROPERTY, CurrentActor, Public, Roles } from './auth.decorators';
