import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ROLES, Roles, type RotatedApiKey } from '@handoff/shared/auth';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { refuseIdempotencyKey } from '../issue-api-key/secret-answer';
import { RotateApiKeyCommand } from './rotate-api-key.handler';
import { RotateApiKeyRequestDto } from './rotate-api-key.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class RotateApiKeyHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 with the successor's `apiKey` (shown this once), `actor`, `key`, and the old key as `previous` (its new `expiresAt`). */
  @Post(':keyId/rotate')
  @Roles(...ROLES)
  rotate(@Param('keyId', IdParam) keyId: string, @Body() body: RotateApiKeyRequestDto, @Facts() facts: RequestFacts): Promise<RotatedApiKey> {
    refuseIdempotencyKey(facts);
    return this.commands.execute(new RotateApiKeyCommand(keyId, body, facts));
  }
}
