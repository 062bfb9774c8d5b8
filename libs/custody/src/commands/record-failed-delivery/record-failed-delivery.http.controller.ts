import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { RecordFailedDeliveryCommand } from './record-failed-delivery.handler';
import { RecordFailedDeliveryRequestDto } from './record-failed-delivery.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class RecordFailedDeliveryHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The recipient was away: the courier fills in the card (I accept / leave with a neighbour / return to depot on a date). */
  @Post(':parcelId/delivery-attempts')
  @HttpCode(201)
  @Roles('courier')
  recordFailedDelivery(@Param('parcelId', IdParam) parcelId: string, @Body() body: RecordFailedDeliveryRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new RecordFailedDeliveryCommand(parcelId, body, facts));
  }
}
