import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { DeclineHandoffCommand } from './decline-handoff.handler';
import { DeclineHandoffRequestDto } from './decline-handoff.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class DeclineHandoffHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The named receiver refuses the parcel, saying why; custody stays with the offerer. */
  @Post(':parcelId/handoffs/:handoffId/decline')
  @HttpCode(200)
  @Roles('courier', 'coordinator')
  declineHandoff(
    @Param('parcelId', IdParam) parcelId: string,
    @Param('handoffId', IdParam) handoffId: string,
    @Body() body: DeclineHandoffRequestDto,
    @Facts() facts: RequestFacts,
  ): Promise<CommandResult> {
    return this.commands.execute(new DeclineHandoffCommand(parcelId, body, facts, handoffId));
  }
}
