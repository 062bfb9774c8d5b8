import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { CloseHubCycleCommand, OpenHubCycleCommand } from './open-hub-cycle.handler';
import { CloseHubCycleRequestDto, OpenHubCycleRequestDto } from './open-hub-cycle.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('hub cycles')
@ApiBearerAuth()
@Controller('hub-cycles')
@Roles('coordinator')
export class HubCycleHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** Opens a cycle at the caller's hub: intake is counted against the hub's cap (soft: over it is flagged). */
  @Post()
  open(@Body() body: OpenHubCycleRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new OpenHubCycleCommand(body.cycleId, facts));
  }

  @Post(':cycleId/close')
  @HttpCode(200)
  close(@Param('cycleId', IdParam) cycleId: string, @Body() _body: CloseHubCycleRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new CloseHubCycleCommand(cycleId, facts));
  }
}
