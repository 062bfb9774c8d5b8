import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Facts, type HttpCommandFacts as RequestFacts } from '@handoff/commands';
import { ROLES, Roles, type RotatedApiKey } from '@handoff/shared/auth';
import { IdParam } from '@handoff/shared/http';
import { refuseIdempotencyKey } from '../issue-api-key/secret-answer';
import { ApiKeyRotation } from './api-key-rotation';
import { RotateApiKeyRequestDto } from './rotate-api-key.request.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class RotateApiKeyHttpController {
  constructor(private readonly rotation: ApiKeyRotation) {}

  /** 201 with the successor's `apiKey` (shown this once), `actor`, `key`, and the old key as `previous` (its new `expiresAt`). */
  @Post(':keyId/rotate')
  @Roles(...ROLES)
  rotate(@Param('keyId', IdParam) keyId: string, @Body() body: RotateApiKeyRequestDto, @Facts() facts: RequestFacts): Promise<RotatedApiKey> {
    refuseIdempotencyKey(facts);
    return this.rotation.rotate(keyId, body, facts.actor);
  }
}
