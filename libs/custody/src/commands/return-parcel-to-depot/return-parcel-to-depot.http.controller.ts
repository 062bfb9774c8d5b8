import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { ReturnParcelToDepotCommand } from './return-parcel-to-depot.handler';
import { ReturnParcelToDepotRequestDto } from './return-parcel-to-depot.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class ReturnParcelToDepotHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The depot hub takes a parcel back from whoever holds it. */
  @Post(':parcelId/return-to-depot')
  @HttpCode(200)
  @Roles('coordinator')
  returnParcelToDepot(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReturnParcelToDepotRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new ReturnParcelToDepotCommand(parcelId, body, facts));
  }
}
