import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { ApiKeyStore, type AuthenticatedActor, type RotatedApiKey } from '@handoff/shared/auth';
import { lifetimeOf } from '../issue-api-key/api-key-lifetime.request.dto';
import { DEFAULT_ROTATION_GRACE_SECONDS, type RotateApiKeyRequestDto } from './rotate-api-key.request.dto';

/**
 * A successor key for the same grant; the old one expires after the grace period. An admin rotates
 * any key and may give the successor a new lifetime; a holder rotates their own key (a new secret)
 * but cannot lengthen it, so a stolen key cannot keep itself alive past what an admin granted.
 */
@Injectable()
export class ApiKeyRotation {
  constructor(@Inject(ApiKeyStore) private readonly keys: ApiKeyStore) {}

  async rotate(keyId: string, body: RotateApiKeyRequestDto, actor: AuthenticatedActor): Promise<RotatedApiKey> {
    await this.keys.findManageable(keyId, actor);
    const lifetime = lifetimeOf(body);
    if (actor.role !== 'admin' && Object.keys(lifetime).length > 0) {
      throw new ForbiddenException({ code: 'API_KEY.LIFETIME_ADMIN_ONLY', message: 'Only an admin sets a key’s lifetime; a rotated key keeps its expiry.' });
    }
    return this.keys.rotate(keyId, actor.keyId, (body.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS) * 1000, lifetime);
  }
}
