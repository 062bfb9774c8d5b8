import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HttpCommands, type HttpCommandResult, Facts, type HttpCommandFacts } from '@handoff/commands';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '../shared/id-param.pipe';
import type { AcceptHandoff, DeclineHandoff, OfferHandoff, WithdrawHandoff } from './handoff.handlings';
import { AcceptHandoffRequestDto, DeclineHandoffRequestDto, OfferHandoffRequestDto, WithdrawHandoffRequestDto } from './handoff.request.dto';

/** Routes of the handoff commands: each maps a validated request to a command (handoff.handlings.ts decides it). */
@ApiTags('parcels')
@ApiBearerAuth()
@Controller('parcels')
export class HandoffHttpController {
  constructor(
    private readonly commands: HttpCommands,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The holder offers the parcel to a named courier or hub; it moves only when they accept. */
  @Post(':parcelId/handoffs')
  @HttpCode(201)
  @Roles('retailer', 'coordinator', 'courier')
  offerHandoff(@Param('parcelId', IdParam) parcelId: string, @Body() body: OfferHandoffRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<OfferHandoff>(facts, 'OfferHandoff', { parcelId, handoffId: body.handoffId ?? this.ids.next(), to: { kind: body.to.kind, id: body.to.id } });
  }

  /** The named receiver takes custody, recording condition, evidence and place; a courier's waiver is checked at this instant. */
  @Post(':parcelId/handoffs/:handoffId/accept')
  @HttpCode(200)
  @Roles('courier', 'coordinator')
  acceptHandoff(
    @Param('parcelId', IdParam) parcelId: string,
    @Param('handoffId', IdParam) handoffId: string,
    @Body() body: AcceptHandoffRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    const { evidence, deviceTime } = body;
    return this.commands.issue<AcceptHandoff>(facts, 'AcceptHandoff', { parcelId, handoffId, condition: { ...body.condition }, evidence, geo: { ...body.geo }, deviceTime });
  }

  /** The named receiver refuses the parcel, saying why; custody stays with the offerer. */
  @Post(':parcelId/handoffs/:handoffId/decline')
  @HttpCode(200)
  @Roles('courier', 'coordinator')
  declineHandoff(
    @Param('parcelId', IdParam) parcelId: string,
    @Param('handoffId', IdParam) handoffId: string,
    @Body() body: DeclineHandoffRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<DeclineHandoff>(facts, 'DeclineHandoff', { parcelId, handoffId, reason: body.reason });
  }

  /** The offerer takes an unanswered offer back. */
  @Post(':parcelId/handoffs/:handoffId/withdraw')
  @HttpCode(200)
  @Roles('retailer', 'coordinator', 'courier')
  withdrawHandoff(
    @Param('parcelId', IdParam) parcelId: string,
    @Param('handoffId', IdParam) handoffId: string,
    @Body() body: WithdrawHandoffRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<WithdrawHandoff>(facts, 'WithdrawHandoff', { parcelId, handoffId, reason: body.reason });
  }
}
