import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Facts, type HttpCommandFacts as RequestFacts } from '@handoff/commands';
import { type ApiKeyView, ROLES, Roles } from '@handoff/shared/auth';
import { IdParam, IdempotentRequests } from '@handoff/shared/http';
import { ApiKeyRevocation } from './api-key-revocation';
import { RevokeApiKeyRequestDto } from './revoke-api-key.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class RevokeApiKeyHttpController {
  constructor(
    private readonly revocation: ApiKeyRevocation,
    private readonly idempotency: IdempotentRequests,
  ) {}

  /** 200 with the revoked key; again 200 with the first revocation if it was revoked already. Any role may revoke its own key. Once per Idempotency-Key. */
  @Post(':keyId/revoke')
  @HttpCode(200)
  @Roles(...ROLES)
  revoke(@Param('keyId', IdParam) keyId: string, @Body() body: RevokeApiKeyRequestDto, @Facts() facts: RequestFacts): Promise<ApiKeyView> {
    return this.idempotency.run(facts, () => this.revocation.revoke(keyId, body, facts.actor));
  }
}
