/** Identity for every HTTP endpoint: API keys → actor + role, the guard and its decorators. */
export { ROLES, metadataActor } from './actor';
export type { AuthenticatedActor, Role } from './actor';
export { API_KEYS_COLLECTION, AUTH_DB, ApiKeyStore, hashApiKey } from './api-key.store';
export type { IssuedApiKey } from './api-key.store';
export { ApiKeyGuard, presentedKey } from './api-key.guard';
export { ACTOR_PROPERTY, CurrentActor, Public, Roles } from './auth.decorators';
