import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReportsPosition } from '@handoff/projections';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { ReturnParcelToDepotCommand } from './return-parcel-to-depot.handler';
import { ReturnParcelToDepotRequestDto } from './return-parcel-to-depot.request.dto';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class ReturnParcelToDepotHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** The depot hub takes a parcel back from whoever holds it. */
  @Post(':parcelId/return-to-depot')
  @HttpCode(200)
  @Roles('coordinator')
  @ReportsPosition()
  returnParcelToDepot(
    @Param('parcelId', IdParam) parcelId: string,
    @Body() body: ReturnParcelToDepotRequestDto,
    @Facts() facts: RequestFacts,
  ): Promise<CommandResult> {
    return this.commands.execute(new ReturnParcelToDepotCommand(parcelId, body, facts));
  }
}
