import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { ReportParcelIncidentCommand } from './report-parcel-incident.handler';
import { ReportParcelIncidentRequestDto } from './report-parcel-incident.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class ReportParcelIncidentHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** The holder (or, once closed, the last holder or the retailer) reports damage, loss or theft. */
  @Post(':parcelId/incidents')
  @HttpCode(201)
  @Roles('retailer', 'coordinator', 'courier')
  reportParcelIncident(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReportParcelIncidentRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new ReportParcelIncidentCommand(parcelId, body, facts));
  }
}
