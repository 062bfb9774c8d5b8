import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Facts, type HttpCommandFacts as RequestFacts } from '@handoff/commands';
import { Roles, type IssuedApiKey } from '@handoff/shared/auth';
import { ApiKeyIssuance } from './api-key-issuance';
import { IssueApiKeyRequestDto } from './issue-api-key.request.dto';
import { refuseIdempotencyKey } from './secret-answer';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class IssueApiKeyHttpController {
  constructor(private readonly issuance: ApiKeyIssuance) {}

  /** 201 with `apiKey` (shown this once), the actor it maps to and the key as listed (`key`: id, expiry). */
  @Post()
  @Roles('admin')
  issue(@Body() body: IssueApiKeyRequestDto, @Facts() facts: RequestFacts): Promise<IssuedApiKey> {
    refuseIdempotencyKey(facts);
    return this.issuance.issue(body, facts.actor);
  }
}
