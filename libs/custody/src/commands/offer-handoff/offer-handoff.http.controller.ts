import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { OfferHandoffCommand } from './offer-handoff.handler';
import { OfferHandoffRequestDto } from './offer-handoff.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class OfferHandoffHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The holder offers the parcel to a named courier or hub; it moves only when they accept. */
  @Post(':parcelId/handoffs')
  @HttpCode(201)
  @Roles('retailer', 'coordinator', 'courier')
  offerHandoff(@Param('parcelId', IdParam) parcelId: string, @Body() body: OfferHandoffRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new OfferHandoffCommand(parcelId, body, facts));
  }
}
