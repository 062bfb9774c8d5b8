import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, type IssuedApiKey } from '@handoff/shared/auth';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IssueApiKeyCommand } from './issue-api-key.handler';
import { IssueApiKeyRequestDto } from './issue-api-key.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api-keys')
export class IssueApiKeyHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** 201 with `apiKey` (shown this once) and the actor it maps to. */
  @Post()
  @Roles('admin')
  issue(@Body() body: IssueApiKeyRequestDto, @Facts() facts: RequestFacts): Promise<IssuedApiKey> {
    return this.commands.execute(new IssueApiKeyCommand(body, facts));
  }
}
