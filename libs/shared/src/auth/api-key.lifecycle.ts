import type { Role } from './actor';
import { ApiKeyRefusal } from './api-key.errors';

/** An API key as it is recorded, without its secret or the secret's hash. Times are UTC ISO-8601. */
export interface ApiKeyRecord {
  /** Names the key without revealing it (logs, listings, revocation). */
  keyId: string;
  role: Role;
  participantId: string;
  hubId?: string;
  issuedAt: string;
  /** The key id that issued it, or `bootstrap`. */
  issuedBy: string;
  /** Refused from this instant on; none means until revoked. */
  expiresAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  reason?: string;
  /** Rotation: the key this one succeeds, and the key that succeeded this one. */
  replaces?: string;
  replacedBy?: string;
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';
export const API_KEY_STATUSES: readonly ApiKeyStatus[] = ['active', 'expired', 'revoked'];

export interface ApiKeyView extends ApiKeyRecord {
  status: ApiKeyStatus;
}

/** How long a new key lives: a TTL or an instant, never both (the request DTOs say so). */
export interface RequestedLifetime {
  ttlSeconds?: number;
  expiresAt?: string;
}

const RECORD_FIELDS = ['keyId', 'role', 'participantId', 'hubId', 'issuedAt', 'issuedBy', 'expiresAt', 'revokedAt', 'revokedBy', 'reason', 'replaces', 'replacedBy'] as const;

export function statusAt(key: ApiKeyRecord, now: number): ApiKeyStatus {
  if (key.revokedAt !== undefined) return 'revoked';
  return key.expiresAt !== undefined && Date.parse(key.expiresAt) <= now ? 'expired' : 'active';
}

/** The key as its listing shows it: recorded fields only (whatever else the document holds), and its status now. */
export function viewAt(key: ApiKeyRecord, now: number): ApiKeyView {
  const view: Partial<ApiKeyRecord> = {};
  for (const field of RECORD_FIELDS) if (key[field] !== undefined) (view as Record<string, unknown>)[field] = key[field];
  return { ...(view as ApiKeyRecord), status: statusAt(key, now) };
}

/**
 * When a new key expires: as requested (refused if not in the future or past the configured
 * maximum lifetime); otherwise `inherited` (a rotated key's successor keeps its predecessor's
 * expiry, so rotation renews the secret, not the grant), capped by the maximum lifetime.
 */
export function expiryFor(requested: RequestedLifetime, now: number, maxLifetimeMs?: number, inherited?: string): string | undefined {
  const ceiling = maxLifetimeMs === undefined ? undefined : now + maxLifetimeMs;
  const explicit = requested.ttlSeconds !== undefined ? now + requested.ttlSeconds * 1000 : requested.expiresAt !== undefined ? Date.parse(requested.expiresAt) : undefined;
  if (explicit !== undefined) {
    if (explicit <= now) throw new ApiKeyRefusal('API_KEY.EXPIRY_NOT_IN_FUTURE', `A key must expire after now (${new Date(now).toISOString()}).`);
    if (ceiling !== undefined && explicit > ceiling) {
      throw new ApiKeyRefusal('API_KEY.LIFETIME_TOO_LONG', `A key may live at most ${maxLifetimeMs! / 86_400_000} days here (until ${new Date(ceiling).toISOString()}).`);
    }
    return new Date(explicit).toISOString();
  }
  const bounds = [inherited === undefined ? undefined : Date.parse(inherited), ceiling].filter((bound): bound is number => bound !== undefined);
  return bounds.length === 0 ? undefined : new Date(Math.min(...bounds)).toISOString();
}

/** Only an active key that was not rotated yet may be rotated: one successor per key. */
export function assertRotatable(key: ApiKeyRecord, now: number): void {
  const status = statusAt(key, now);
  if (status === 'revoked') throw new ApiKeyRefusal('API_KEY.REVOKED', `API key ${key.keyId} was revoked at ${key.revokedAt}; issue a new key instead.`);
  if (key.replacedBy !== undefined) throw new ApiKeyRefusal('API_KEY.ALREADY_ROTATED', `API key ${key.keyId} was already rotated to ${key.replacedBy}.`);
  if (status === 'expired') throw new ApiKeyRefusal('API_KEY.EXPIRED', `API key ${key.keyId} expired at ${key.expiresAt}; issue a new key instead.`);
}

/** A rotated key's new expiry: after the grace period, never later than it would have expired anyway. */
export function expiryAfterGrace(key: ApiKeyRecord, now: number, graceMs: number): string {
  const graceEnds = now + graceMs;
  const expiry = key.expiresAt === undefined ? graceEnds : Math.min(Date.parse(key.expiresAt), graceEnds);
  return new Date(expiry).toISOString();
}

/** Admins manage every key; anyone else only the key they are presenting (to revoke or rotate it). */
export const mayManage = (actor: { role: Role; keyId: string }, key: ApiKeyRecord): boolean => actor.role === 'admin' || actor.keyId === key.keyId;
