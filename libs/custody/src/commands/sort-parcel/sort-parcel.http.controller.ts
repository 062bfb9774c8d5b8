import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { SortParcelCommand } from './sort-parcel.handler';
import { SortParcelRequestDto } from './sort-parcel.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class SortParcelHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The holding hub sorts a parcel into a tote and a route. */
  @Post(':parcelId/sort')
  @HttpCode(200)
  @Roles('coordinator')
  sortParcel(@Param('parcelId', IdParam) parcelId: string, @Body() body: SortParcelRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new SortParcelCommand(parcelId, body, facts));
  }
}
