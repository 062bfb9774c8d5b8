import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HttpCommands, type HttpCommandResult, Facts, type HttpCommandFacts } from '@handoff/commands';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '../shared/id-param.pipe';
import { CloseHubCycleRequestDto, OpenHubCycleRequestDto } from './open-hub-cycle.request.dto';

/** Routes of the hub-cycle commands: each maps a validated request to a command (hub-cycle.handlings.ts decides it). */
@ApiTags('hub cycles')
@ApiBearerAuth()
@Controller('hub-cycles')
@Roles('coordinator')
export class HubCycleHttpController {
  constructor(
    private readonly commands: HttpCommands,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Opens a cycle at the caller's hub: intake is counted against the hub's cap (soft: over it is flagged). */
  @Post()
  open(@Body() body: OpenHubCycleRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue(facts, 'OpenHubCycle', { cycleId: body.cycleId ?? this.ids.next() });
  }

  @Post(':cycleId/close')
  @HttpCode(200)
  close(@Param('cycleId', IdParam) cycleId: string, @Body() _body: CloseHubCycleRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue(facts, 'CloseHubCycle', { cycleId });
  }
}
