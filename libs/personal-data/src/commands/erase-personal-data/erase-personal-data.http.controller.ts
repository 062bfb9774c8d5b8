import { Controller, Delete, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Facts, type HttpCommandFacts } from '@handoff/commands';
import { reportPosition } from '@handoff/projections';
import { Roles } from '@handoff/shared/auth';
import { IdParam, IdempotentRequests } from '@handoff/shared/http';
import { PersonalDataErasure } from './personal-data-erasure';

@ApiTags('personal data')
@ApiBearerAuth()
@Controller('recipients')
export class ErasePersonalDataHttpController {
  constructor(
    private readonly erasure: PersonalDataErasure,
    private readonly idempotency: IdempotentRequests,
  ) {}

  /**
   * Forgets a recipient's (or neighbour's) name, address and phone by destroying their key; the
   * custody chain stays complete and every answer shows the fields as erased from now on. Once per
   * Idempotency-Key, with the `$all` position for read-your-writes, as every command endpoint.
   */
  @Delete(':subjectId/personal-data')
  @Roles('admin')
  erase(@Param('subjectId', IdParam) subjectId: string, @Facts() facts: HttpCommandFacts) {
    return this.idempotency.run(facts, async () => reportPosition(facts.reply, await this.erasure.erase(subjectId, facts)));
  }
}
