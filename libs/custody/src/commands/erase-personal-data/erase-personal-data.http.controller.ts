import { Controller, Delete, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@handoff/shared/auth';
import type { CommandResult } from '../shared/command-result';
import type { RequestFacts } from '../shared/custody-edge';
import { Facts } from '../shared/http-request';
import { IdParam } from '../shared/id-param.pipe';
import { ErasePersonalDataCommand } from './erase-personal-data.handler';
import { CommandGateway } from '../shared/command-gateway';

@ApiTags('personal data')
@ApiBearerAuth()
@Controller('recipients')
export class ErasePersonalDataHttpController {
  constructor(private readonly commands: CommandGateway) {}

  /**
   * Forgets a recipient's (or neighbour's) name, address and phone by destroying their key; the
   * custody chain stays complete and every answer shows the fields as erased from now on.
   */
  @Delete(':subjectId/personal-data')
  @Roles('admin')
  erase(@Param('subjectId', IdParam) subjectId: string, @Facts() facts: RequestFacts): Promise<CommandResult> {
    return this.commands.execute(new ErasePersonalDataCommand(subjectId, facts));
  }
}
