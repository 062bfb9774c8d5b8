import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ApiKeyView, ROLES, Roles } from '@handoff/shared/auth';
import { CommandGateway } from '../shared/command-gateway';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { RevokeApiKeyCommand } from './revoke-api-key.handler';
import { RevokeApiKeyRequestDto } from './revoke-api-key.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class RevokeApiKeyHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** 200 with the revoked key; again 200 with the first revocation if it was revoked already. Any role may revoke its own key. */
  @Post(':keyId/revoke')
  @HttpCode(200)
  @Roles(...ROLES)
  revoke(@Param('keyId', IdParam) keyId: string, @Body() body: RevokeApiKeyRequestDto, @Facts() facts: RequestFacts): Promise<ApiKeyView> {
    return this.commands.execute(new RevokeApiKeyCommand(keyId, body, facts));
  }
}
