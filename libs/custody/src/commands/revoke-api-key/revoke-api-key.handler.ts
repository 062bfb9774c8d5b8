import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore, type ApiKeyView } from '@handoff/shared/auth';
import { ApiKeyCommand } from '../shared/api-key-command';
import type { RevokeApiKeyRequestDto } from './revoke-api-key.request.dto';

export class RevokeApiKeyCommand extends ApiKeyCommand<RevokeApiKeyRequestDto> {}

/** An admin revokes any key, a holder their own; effective at once in this process, within the cache TTL in others. */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand, ApiKeyView> {
  constructor(@Inject(ApiKeyStore) private readonly keys: ApiKeyStore) {}

  async execute({ keyId, body, facts }: RevokeApiKeyCommand): Promise<ApiKeyView> {
    await this.keys.findManageable(keyId, facts.actor);
    return this.keys.revoke(keyId, facts.actor.keyId, body.reason);
  }
}
