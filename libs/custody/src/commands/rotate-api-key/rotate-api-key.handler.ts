import { ForbiddenException, Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore, type RotatedApiKey } from '@handoff/shared/auth';
import { ApiKeyCommand } from '../shared/api-key-command';
import { lifetimeOf } from '../issue-api-key/api-key-lifetime.request.dto';
import { DEFAULT_ROTATION_GRACE_SECONDS, type RotateApiKeyRequestDto } from './rotate-api-key.request.dto';

export class RotateApiKeyCommand extends ApiKeyCommand<RotateApiKeyRequestDto> {}

/**
 * A successor key for the same grant; the old one expires after the grace period. An admin rotates
 * any key and may give the successor a new lifetime; a holder rotates their own key (a new secret)
 * but cannot lengthen it, so a stolen key cannot keep itself alive past what an admin granted.
 */
@CommandHandler(RotateApiKeyCommand)
export class RotateApiKeyHandler implements ICommandHandler<RotateApiKeyCommand, RotatedApiKey> {
  constructor(@Inject(ApiKeyStore) private readonly keys: ApiKeyStore) {}

  async execute({ keyId, body, facts }: RotateApiKeyCommand): Promise<RotatedApiKey> {
    await this.keys.findManageable(keyId, facts.actor);
    const lifetime = lifetimeOf(body);
    if (facts.actor.role !== 'admin' && Object.keys(lifetime).length > 0) {
      throw new ForbiddenException({ code: 'API_KEY.LIFETIME_ADMIN_ONLY', message: 'Only an admin sets a key’s lifetime; a rotated key keeps its expiry.' });
    }
    return this.keys.rotate(keyId, facts.actor.keyId, (body.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS) * 1000, lifetime);
  }
}
