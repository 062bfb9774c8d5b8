import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyStore, type ApiKeyView, type AuthenticatedActor } from '@handoff/shared/auth';
import type { RevokeApiKeyRequestDto } from './revoke-api-key.request.dto';

/** An admin revokes any key, a holder their own; effective at once in this process, within the cache TTL in others. */
@Injectable()
export class ApiKeyRevocation {
  constructor(@Inject(ApiKeyStore) private readonly keys: ApiKeyStore) {}

  async revoke(keyId: string, body: RevokeApiKeyRequestDto, actor: AuthenticatedActor): Promise<ApiKeyView> {
    await this.keys.findManageable(keyId, actor);
    return this.keys.revoke(keyId, actor.keyId, body.reason);
  }
}
