import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { BoundedMap } from '../collections/bounded-map';
import type { AuthenticatedActor, Role } from './actor';

export const API_KEYS_COLLECTION = 'api_keys';

/** The MongoDB database holding API keys (the read-model database; see ApiModule). */
export const AUTH_DB = Symbol('AUTH_DB');

interface ApiKeyDocument {
  /** SHA-256 (hex) of the key: the key itself is never stored. */
  _id: string;
  keyId: string;
  role: Role;
  participantId: string;
  hubId?: string;
  issuedAt: string;
  issuedBy: string;
}

export interface IssuedApiKey {
  /** Shown once, to whoever asked for it. */
  apiKey: string;
  actor: AuthenticatedActor;
}

const KEY_PREFIX = 'hk_';
/**
 * How long a key that authenticated is trusted without asking the database again. Keys are
 * immutable and cannot be revoked yet; whoever adds revocation must make it evict this cache
 * (and other API instances' within this bound).
 */
export const AUTHENTICATED_KEY_TTL_MS = 30_000;
const AUTHENTICATED_KEYS_CACHED = 10_000;

export const hashApiKey = (apiKey: string): string => createHash('sha256').update(apiKey, 'utf8').digest('hex');

/**
 * API keys at rest: 32 random bytes shown once, stored only as their SHA-256. A key's hash is its
 * document id, so a lookup is one indexed read, and a stolen database yields no usable key.
 */
export class ApiKeyStore {
  private readonly keys: Collection<ApiKeyDocument>;
  /** Keys that authenticated lately, by hash (a request per command made this lookup a database read per request). */
  private readonly recent = new BoundedMap<string, { actor: AuthenticatedActor; until: number }>(AUTHENTICATED_KEYS_CACHED);

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = db.collection<ApiKeyDocument>(API_KEYS_COLLECTION);
  }

  async issue(grant: { role: Role; participantId: string; hubId?: string }, issuedBy: string, issuedAt: string): Promise<IssuedApiKey> {
    const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
    const keyId = `key-${randomBytes(8).toString('hex')}`;
    const document: ApiKeyDocument = { _id: hashApiKey(apiKey), keyId, role: grant.role, participantId: grant.participantId, issuedAt, issuedBy };
    if (grant.hubId !== undefined) document.hubId = grant.hubId;
    await this.keys.insertOne(document);
    return { apiKey, actor: toActor(document) };
  }

  async authenticate(apiKey: string): Promise<AuthenticatedActor | null> {
    if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 200) return null;
    const hash = hashApiKey(apiKey);
    const known = this.recent.get(hash);
    if (known && known.until > this.now()) return known.actor;
    // Unknown keys are not cached: a key issued by another instance works at once.
    const document = await this.keys.findOne({ _id: hash });
    if (!document) return null;
    const actor = toActor(document);
    this.recent.set(hash, { actor, until: this.now() + AUTHENTICATED_KEY_TTL_MS });
    return actor;
  }

  /** True when no key was ever issued: the first start of an empty store. */
  async isEmpty(): Promise<boolean> {
    return (await this.keys.countDocuments({}, { limit: 1 })) === 0;
  }
}

const toActor = (document: ApiKeyDocument): AuthenticatedActor => ({
  keyId: document.keyId,
  role: document.role,
  participantId: document.participantId,
  ...(document.hubId !== undefined ? { hubId: document.hubId } : {}),
});
