import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { AcceptHandoffCommand } from './accept-handoff.handler';
import { AcceptHandoffRequestDto } from './accept-handoff.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class AcceptHandoffHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The named receiver takes custody, recording condition, evidence and place; a courier's waiver is checked at this instant. */
  @Post(':parcelId/handoffs/:handoffId/accept')
  @HttpCode(200)
  @Roles('courier', 'coordinator')
  acceptHandoff(
    @Param('parcelId', IdParam) parcelId: string,
    @Param('handoffId', IdParam) handoffId: string,
    @Body() body: AcceptHandoffRequestDto,
    @Facts() facts: RequestFacts,
  ): Promise<CommandResult> {
    return this.commands.execute(new AcceptHandoffCommand(parcelId, body, facts, handoffId));
  }
}
