import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { DeliverParcelCommand } from './deliver-parcel.handler';
import { DeliverParcelRequestDto } from './deliver-parcel.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class DeliverParcelHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The holding courier hands the parcel to the recipient (or a neighbour, whose details are sealed), with proof. */
  @Post(':parcelId/delivery')
  @HttpCode(200)
  @Roles('courier')
  deliverParcel(@Param('parcelId', IdParam) parcelId: string, @Body() body: DeliverParcelRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new DeliverParcelCommand(parcelId, body, facts));
  }
}
