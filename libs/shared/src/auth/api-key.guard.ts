import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from './actor';
import { ApiKeyStore, hashApiKey } from './api-key.store';
import { ACTOR_PROPERTY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

const REFUSALS = {
  unknown: { code: 'AUTH.API_KEY_UNKNOWN', message: 'This API key is not known.' },
  revoked: { code: 'AUTH.API_KEY_REVOKED', message: 'This API key was revoked; ask an admin for a new one.' },
  expired: { code: 'AUTH.API_KEY_EXPIRED', message: 'This API key has expired; ask an admin for a new one.' },
} as const;

/**
 * The app-wide guard: every route needs an API key (`Authorization: Bearer <key>` or
 * `X-Api-Key`) unless marked @Public(); 401 without a known key, 403 when the route's @Roles
 * leave the caller out; a revoked or expired key says so (only its holder can present it, so this
 * tells nobody else that a key exists). A route with neither @Public nor @Roles is refused (403):
 * forgetting to say who may call an endpoint must not open it. Ownership (whose parcel) is the handler's check.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const apiKey = presentedKey(request.headers);
    if (!apiKey) throw new UnauthorizedException({ code: 'AUTH.API_KEY_REQUIRED', message: 'Send an API key as "Authorization: Bearer <key>" or "X-Api-Key".' });
    const authentication = await this.keys.authenticate(apiKey, presentedKeyDigest(request));
    if ('refused' in authentication) throw new UnauthorizedException(REFUSALS[authentication.refused]);
    const { actor } = authentication;
    request[ACTOR_PROPERTY] = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(actor.role)) {
      throw new ForbiddenException({ code: 'AUTH.ROLE_NOT_ALLOWED', message: `A ${actor.role} may not do this${roles.length ? ` (allowed: ${roles.join(', ')})` : ''}.` });
    }
    return true;
  }
}

/** The API key a request presents (`Authorization: Bearer` or `X-Api-Key`), not yet checked. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const authorization = header('authorization');
  const bearer = authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  return bearer || header('x-api-key') || undefined;
}

const DIGEST = Symbol('handoff.presented-key-digest');
type Digested = { headers: Record<string, string | string[] | undefined>; [DIGEST]?: string | null };

/**
 * The SHA-256 (hex) of the API key a request presents, worked out once per request: the rate limiter
 * counts keys by it and the key store looks keys up by it (two hashes of every key before, ~5 µs each).
 */
export function presentedKeyDigest(request: Digested): string | undefined {
  let digest = request[DIGEST];
  if (digest === undefined) {
    const key = presentedKey(request.headers);
    request[DIGEST] = digest = key === undefined ? null : hashApiKey(key);
  }
  return digest ?? undefined;
}
