import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { WithdrawHandoffCommand } from './withdraw-handoff.handler';
import { WithdrawHandoffRequestDto } from './withdraw-handoff.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class WithdrawHandoffHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The offerer takes an unanswered offer back. */
  @Post(':parcelId/handoffs/:handoffId/withdraw')
  @HttpCode(200)
  @Roles('retailer', 'coordinator', 'courier')
  withdrawHandoff(
    @Param('parcelId', IdParam) parcelId: string,
    @Param('handoffId', IdParam) handoffId: string,
    @Body() body: WithdrawHandoffRequestDto,
    @Facts() facts: RequestFacts,
  ): Promise<CommandResult> {
    return this.commands.execute(new WithdrawHandoffCommand(parcelId, body, facts, handoffId));
  }
}
