import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { RegisterParcelCommand } from './register-parcel.handler';
import { RegisterParcelRequestDto } from './register-parcel.request.dto';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class RegisterParcelHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /** A retailer hands a parcel to the network: 201 with the parcel id and the recipient's data-subject id. */
  @Post()
  @Roles('retailer')
  register(@Body() body: RegisterParcelRequestDto, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new RegisterParcelCommand(body, facts));
  }
}
