import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { ReturnParcelToSenderCommand } from './return-parcel-to-sender.handler';
import { ReturnParcelToSenderRequestDto } from './return-parcel-to-sender.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class ReturnParcelToSenderHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The holding depot sends the parcel back to its retailer; custody ends. */
  @Post(':parcelId/return-to-sender')
  @HttpCode(200)
  @Roles('coordinator')
  returnParcelToSender(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReturnParcelToSenderRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new ReturnParcelToSenderCommand(parcelId, body, facts));
  }
}
