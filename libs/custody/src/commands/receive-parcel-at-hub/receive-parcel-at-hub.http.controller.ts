import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Facts, type HttpCommandFacts, HttpCommands, type HttpCommandResult } from '@handoff/commands';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '../shared/id-param.pipe';
import { ReceiveParcelAtHubRequestDto } from './receive-parcel-at-hub.request.dto';

/** The route of ReceiveParcelAtHub: maps the validated request to the command (receive-parcel-at-hub.handlings.ts decides it). */
@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class ReceiveParcelAtHubHttpController {
  constructor(private readonly commands: HttpCommands) {}

  /** The hub scans a parcel in (from whoever holds it); counted against the hub's open cycle when one is named. */
  @Post(':parcelId/receive-at-hub')
  @HttpCode(200)
  @Roles('coordinator')
  receiveParcelAtHub(@Param('parcelId', IdParam) parcelId: string, @Body() body: ReceiveParcelAtHubRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    const { condition, cycleId } = body;
    return this.commands.issue(facts, 'ReceiveParcelAtHub', { parcelId, condition: { ...condition }, ...(cycleId ? { cycleId } : {}) });
  }
}
