import { hash, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Collection, Db, Filter } from 'mongodb';
import { BoundedMap } from '../collections/bounded-map';
import type { AuthenticatedActor, Role } from './actor';
import { ApiKeyRefusal, keyNotFound } from './api-key.errors';
import { type ApiKeyRecord, type ApiKeyStatus, type ApiKeyView, assertRotatable, expiryAfterGrace, expiryFor, mayManage, type RequestedLifetime, statusAt, viewAt } from './api-key.lifecycle';

export const API_KEYS_COLLECTION = 'api_keys';

/** The MongoDB database holding API keys (the read-model database; see ApiModule). */
export const AUTH_DB = Symbol('AUTH_DB');

interface ApiKeyDocument extends ApiKeyRecord {
  /** SHA-256 (hex) of the key: the key itself is never stored. */
  _id: string;
}

export interface ApiKeyGrant {
  role: Role;
  participantId: string;
  hubId?: string;
}

export interface IssuedApiKey {
  /** Shown once, to whoever asked for it. */
  apiKey: string;
  actor: AuthenticatedActor;
  key: ApiKeyView;
}

export interface RotatedApiKey extends IssuedApiKey {
  /** The key rotated away from, with the expiry its grace period gave it. */
  previous: ApiKeyView;
}

/** Why a presented key was refused. Only its holder can learn that a key was revoked or expired: lookups are by the secret's hash. */
export type Authentication = { actor: AuthenticatedActor } | { refused: 'unknown' | 'revoked' | 'expired' };

/** One line per key issued, revoked or rotated: key ids and grants, never a secret or a free-text reason. */
export type ApiKeyAudit = (entry: { action: 'issued' | 'revoked' | 'rotated'; keyId: string; by: string } & Partial<ApiKeyRecord>) => void;

export interface ApiKeyStoreOptions {
  /** Milliseconds since the epoch: the injected clock's. */
  now?: () => number;
  /** How long a key that authenticated is trusted without reading MongoDB: the bound on seeing another process's revocation. 0 reads every time. */
  cacheTtlMs?: number;
  /** Longest lifetime a key may be issued with; keys issued without one get it. Undefined: keys may live until revoked. */
  maxLifetimeMs?: number;
  audit?: ApiKeyAudit;
}

const KEY_PREFIX = 'hk_';
export const DEFAULT_AUTHENTICATED_KEY_TTL_MS = 30_000;
const AUTHENTICATED_KEYS_CACHED = 10_000;
const UNKNOWN: Authentication = { refused: 'unknown' };

/** One-shot `crypto.hash`: the same digest as a Hash object's, at a third of the CPU (~0.6 µs against ~1.8). */
export const hashApiKey = (apiKey: string): string => hash('sha256', apiKey, 'hex');

const auditLogger = new Logger('ApiKeys');
const logAudit: ApiKeyAudit = ({ action, ...entry }) => auditLogger.log({ msg: `api key ${action}`, ...entry });

/**
 * API keys at rest: 32 random bytes shown once, stored only as their SHA-256. A key's hash is its
 * document id, so authenticating is one indexed read, and a stolen database yields no usable key.
 * Keys that authenticated are trusted for `cacheTtlMs` without another read, except for their
 * expiry, checked on every request; revoking or rotating evicts the key here at once, and other
 * processes notice within `cacheTtlMs`. So there must be one store per process (CustodyModule's).
 */
export class ApiKeyStore {
  private readonly keys: Collection<ApiKeyDocument>;
  private readonly recent = new BoundedMap<string, { actor: AuthenticatedActor; expiresAt: number; until: number }>(AUTHENTICATED_KEYS_CACHED);
  private readonly now: () => number;
  private readonly cacheTtlMs: number;
  private readonly audit: ApiKeyAudit;
  private indexes?: Promise<unknown>;

  constructor(
    db: Db,
    private readonly options: ApiKeyStoreOptions = {},
  ) {
    this.keys = db.collection<ApiKeyDocument>(API_KEYS_COLLECTION);
    this.now = options.now ?? Date.now;
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_AUTHENTICATED_KEY_TTL_MS;
    this.audit = options.audit ?? logAudit;
  }

  async issue(grant: ApiKeyGrant, issuedBy: string, lifetime: RequestedLifetime = {}): Promise<IssuedApiKey> {
    const now = this.now();
    const issued = await this.insert(grant, issuedBy, now, expiryFor(lifetime, now, this.options.maxLifetimeMs));
    this.audit({ action: 'issued', keyId: issued.key.keyId, by: issuedBy, ...grantOf(issued.key), expiresAt: issued.key.expiresAt });
    return issued;
  }

  /** `hash` is `hashApiKey(apiKey)`, when the caller has it already. */
  async authenticate(apiKey: string, hash?: string): Promise<Authentication> {
    if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 200) return UNKNOWN;
    hash ??= hashApiKey(apiKey);
    const known = this.recent.get(hash);
    const now = this.now();
    if (known && known.until > now) return known.expiresAt > now ? { actor: known.actor } : { refused: 'expired' };
    // Refusals are not cached: a key issued by another instance works at once.
    const document = await this.keys.findOne({ _id: hash });
    if (!document) return UNKNOWN;
    const status = statusAt(document, now);
    if (status !== 'active') return { refused: status };
    const actor = toActor(document);
    if (this.cacheTtlMs > 0) this.recent.set(hash, { actor, expiresAt: expiryMs(document), until: now + this.cacheTtlMs });
    return { actor };
  }

  async find(keyId: string): Promise<ApiKeyView | null> {
    const document = await this.keys.findOne({ keyId });
    return document && viewAt(document, this.now());
  }

  /** The key, if `actor` may manage it (an admin, or its holder); otherwise the same 404 as a key that does not exist. */
  async findManageable(keyId: string, actor: AuthenticatedActor): Promise<ApiKeyView> {
    const key = await this.find(keyId);
    if (!key || !mayManage(actor, key)) throw keyNotFound(keyId);
    return key;
  }

  /** Keys in key id order, a page at a time (`next` is the `after` of the following page). */
  async list(filter: { participantId?: string; status?: ApiKeyStatus }, page: { limit: number; after?: string }): Promise<{ keys: ApiKeyView[]; next?: string }> {
    await this.ensureIndexes();
    const now = this.now();
    const query: Filter<ApiKeyDocument> = { ...statusFilter(filter.status, new Date(now).toISOString()) };
    if (filter.participantId !== undefined) query.participantId = filter.participantId;
    if (page.after !== undefined) query.keyId = { $gt: page.after };
    const documents = await this.keys
      .find(query)
      .sort({ keyId: 1 })
      .limit(page.limit + 1)
      .toArray();
    const keys = documents.slice(0, page.limit).map((document) => viewAt(document, now));
    return documents.length > page.limit ? { keys, next: keys[keys.length - 1]!.keyId } : { keys };
  }

  /**
   * Revokes a key for good, effective at once in this process. Revoking a revoked key answers the
   * first revocation. The last usable admin key cannot be revoked (rotate it instead).
   */
  async revoke(keyId: string, revokedBy: string, reason?: string): Promise<ApiKeyView> {
    await this.ensureIndexes();
    const document = await this.keys.findOne({ keyId });
    if (!document) throw keyNotFound(keyId);
    const now = this.now();
    if (document.revokedAt !== undefined) return viewAt(document, now);
    if (document.role === 'admin' && statusAt(document, now) === 'active' && !(await this.anotherUsableAdmin(keyId, now))) {
      throw new ApiKeyRefusal('API_KEY.LAST_ADMIN', `API key ${keyId} is the last usable admin key: issue or rotate to another admin key before revoking it.`);
    }
    const revocation: Partial<ApiKeyRecord> = { revokedAt: new Date(now).toISOString(), revokedBy, ...(reason !== undefined ? { reason } : {}) };
    const revoked = await this.keys.findOneAndUpdate({ keyId, revokedAt: { $exists: false } }, { $set: revocation }, { returnDocument: 'after' });
    this.recent.delete(document._id);
    if (!revoked) return viewAt((await this.keys.findOne({ keyId }))!, now); // revoked meanwhile: the first revocation stands
    this.audit({ action: 'revoked', keyId, by: revokedBy, ...grantOf(revoked) });
    return viewAt(revoked, now);
  }

  /**
   * Issues a successor with the same grant and expiry (or `lifetime`, if given) and lets the old key
   * expire after `graceMs` (0: at once). A key is rotated once; a revoked or expired one not at all.
   */
  async rotate(keyId: string, rotatedBy: string, graceMs: number, lifetime: RequestedLifetime = {}): Promise<RotatedApiKey> {
    await this.ensureIndexes();
    const document = await this.keys.findOne({ keyId });
    if (!document) throw keyNotFound(keyId);
    const now = this.now();
    assertRotatable(document, now);
    const successor = await this.insert(grantOf(document), rotatedBy, now, expiryFor(lifetime, now, this.options.maxLifetimeMs, document.expiresAt), keyId);
    const retired = await this.keys.findOneAndUpdate(
      { keyId, revokedAt: { $exists: false }, replacedBy: { $exists: false } },
      { $set: { replacedBy: successor.key.keyId, expiresAt: expiryAfterGrace(document, now, graceMs) } },
      { returnDocument: 'after' },
    );
    if (!retired) {
      // Rotated or revoked since we read it: the successor was never shown to anyone, so it goes.
      await this.keys.deleteOne({ keyId: successor.key.keyId });
      assertRotatable((await this.keys.findOne({ keyId }))!, now);
      throw new ApiKeyRefusal('API_KEY.ALREADY_ROTATED', `API key ${keyId} changed while it was being rotated; read it again.`);
    }
    this.recent.delete(document._id);
    this.audit({ action: 'rotated', keyId, by: rotatedBy, replacedBy: successor.key.keyId, expiresAt: retired.expiresAt });
    this.audit({ action: 'issued', keyId: successor.key.keyId, by: rotatedBy, ...grantOf(successor.key), expiresAt: successor.key.expiresAt, replaces: keyId });
    return { ...successor, previous: viewAt(retired, now) };
  }

  /** True when no usable admin key remains (none was ever issued, or all are revoked, expired or rotated away). */
  async lacksUsableAdmin(): Promise<boolean> {
    return !(await this.anotherUsableAdmin(undefined, this.now()));
  }

  private async insert(grant: ApiKeyGrant, issuedBy: string, now: number, expiresAt: string | undefined, replaces?: string): Promise<IssuedApiKey> {
    await this.ensureIndexes();
    const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
    const document: ApiKeyDocument = {
      _id: hashApiKey(apiKey),
      keyId: `key-${randomBytes(8).toString('hex')}`,
      ...grantOf(grant),
      issuedAt: new Date(now).toISOString(),
      issuedBy,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(replaces !== undefined ? { replaces } : {}),
    };
    await this.keys.insertOne(document);
    return { apiKey, actor: toActor(document), key: viewAt(document, now) };
  }

  /** An admin key other than `exceptKeyId` that works now and was not rotated away. */
  private async anotherUsableAdmin(exceptKeyId: string | undefined, now: number): Promise<boolean> {
    const query: Filter<ApiKeyDocument> = { role: 'admin', replacedBy: { $exists: false }, ...statusFilter('active', new Date(now).toISOString()) };
    if (exceptKeyId !== undefined) query.keyId = { $ne: exceptKeyId };
    return (await this.keys.findOne(query, { projection: { _id: 1 } })) !== null;
  }

  /** Key ids are looked up and listed by; created once per process, before the first write or listing. */
  private ensureIndexes(): Promise<unknown> {
    this.indexes ??= this.keys
      .createIndexes([
        { key: { keyId: 1 }, name: 'keyId', unique: true },
        { key: { participantId: 1, keyId: 1 }, name: 'participantId_keyId' },
      ])
      .catch((error: unknown) => {
        this.indexes = undefined;
        throw error;
      });
    return this.indexes;
  }
}

/** Statuses as MongoDB filters. Expiries are ISO-8601 UTC strings of one width, so they compare as instants. */
function statusFilter(status: ApiKeyStatus | undefined, nowIso: string): Filter<ApiKeyDocument> {
  switch (status) {
    case undefined:
      return {};
    case 'revoked':
      return { revokedAt: { $exists: true } };
    case 'expired':
      return { revokedAt: { $exists: false }, expiresAt: { $lte: nowIso } };
    case 'active':
      return { revokedAt: { $exists: false }, $or: [{ expiresAt: { $exists: false } }, { expiresAt: { $gt: nowIso } }] };
    default: {
      const _never: never = status;
      return _never;
    }
  }
}

const grantOf = (key: ApiKeyGrant): ApiKeyGrant => ({ role: key.role, participantId: key.participantId, ...(key.hubId !== undefined ? { hubId: key.hubId } : {}) });

const expiryMs = (key: ApiKeyRecord): number => (key.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(key.expiresAt));

const toActor = (document: ApiKeyRecord): AuthenticatedActor => ({ keyId: document.keyId, ...grantOf(document) });
