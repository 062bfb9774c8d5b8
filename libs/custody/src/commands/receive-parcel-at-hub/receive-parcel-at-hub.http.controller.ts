import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { ReceiveParcelAtHubCommand } from './receive-parcel-at-hub.handler';
import { ReceiveParcelAtHubRequestDto } from './receive-parcel-at-hub.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class ReceiveParcelAtHubHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The hub scans a parcel in (from whoever holds it); counted against the hub's open cycle when one is named. */
  @Post(':parcelId/receive-at-hub')
  @HttpCode(200)
  @Roles('coordinator')
  receiveParcelAtHub(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReceiveParcelAtHubRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new ReceiveParcelAtHubCommand(parcelId, body, facts));
  }
}
