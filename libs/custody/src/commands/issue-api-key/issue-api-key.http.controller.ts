import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, type IssuedApiKey } from '@handoff/shared/auth';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IssueApiKeyCommand } from './issue-api-key.handler';
import { IssueApiKeyRequestDto } from './issue-api-key.request.dto';
import { refuseIdempotencyKey } from './secret-answer';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class IssueApiKeyHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 201 with `apiKey` (shown this once), the actor it maps to and the key as listed (`key`: id, expiry). */
  @Post()
  @Roles('admin')
  issue(@Body() body: IssueApiKeyRequestDto, @Facts() facts: RequestFacts): Promise<IssuedApiKey> {
    refuseIdempotencyKey(facts);
    return this.commands.execute(new IssueApiKeyCommand(body, facts));
  }
}
