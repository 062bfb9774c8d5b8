import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Facts, HttpCommands, type HttpCommandFacts, type HttpCommandResult } from '@handoff/commands';
import { ID_GENERATOR, type IdGenerator } from '@handoff/shared';
import { Roles } from '@handoff/shared/auth';
import { IdParam } from '@handoff/shared/http';
import type { AdjustPay, ApproveStatement, ClawBackPay, IssueStatement, SettleStatement } from './ledger.handlings';
import type { HoldParcelPay, ReleaseParcelPay } from './parcel-pay.handlings';
import type { PublishRateCardVersion } from './rate-card.handlings';
import {
  ADJUST_EXAMPLE,
  AdjustPayRequestDto,
  CLAWBACK_EXAMPLE,
  ClawBackPayRequestDto,
  HOLD_EXAMPLE,
  IssueStatementRequestDto,
  payAmountOf,
  PeriodParam,
  PlaceParcelPayHoldRequestDto,
  PUBLISH_RATE_CARD_EXAMPLE,
  PublishRateCardVersionRequestDto,
  ratesOf,
  SETTLE_EXAMPLE,
  SettleStatementRequestDto,
} from './pay.request.dto';

const LEDGER = 'participants/:participantId/pay-ledgers/:period';

/** Routes of the pay commands: each maps a validated request to a command (the *.handlings.ts decide it). */
@ApiTags('pay')
@ApiBearerAuth()
@Controller()
export class PayHttpController {
  constructor(
    private readonly commands: HttpCommands,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The next version of a hub's rate card: an admin, or the hub's operating coordinator. */
  @Post('hubs/:hubId/rate-card/versions')
  @HttpCode(201)
  @Roles('admin', 'coordinator')
  @ApiBody({ type: PublishRateCardVersionRequestDto, examples: { 'city rates': { value: PUBLISH_RATE_CARD_EXAMPLE } } })
  publishHubCard(@Param('hubId', IdParam) hubId: string, @Body() body: PublishRateCardVersionRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.publish({ kind: 'hub', id: hubId }, body, facts);
  }

  /** The next version of a collective's rate card (what its parcels pay where their hub has no card): admins. */
  @Post('collectives/:collectiveId/rate-card/versions')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ type: PublishRateCardVersionRequestDto, examples: { 'city rates': { value: PUBLISH_RATE_CARD_EXAMPLE } } })
  publishCollectiveCard(@Param('collectiveId', IdParam) collectiveId: string, @Body() body: PublishRateCardVersionRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.publish({ kind: 'collective', id: collectiveId }, body, facts);
  }

  private publish(owner: PublishRateCardVersion['data']['owner'], body: PublishRateCardVersionRequestDto, facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<PublishRateCardVersion>(facts, 'PublishRateCardVersion', { owner, version: body.version, effectiveFrom: body.effectiveFrom, rates: ratesOf(body.rates) });
  }

  /** Holds a parcel's pay in every ledger it reached, and any it reaches while the hold lasts (admins; disputes by command). */
  @Post('parcels/:parcelId/pay-holds')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ type: PlaceParcelPayHoldRequestDto, examples: { 'a dented parcel': { value: HOLD_EXAMPLE } } })
  hold(@Param('parcelId', IdParam) parcelId: string, @Body() body: PlaceParcelPayHoldRequestDto, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<HoldParcelPay>(facts, 'HoldParcelPay', { parcelId, holdId: body.holdId ?? this.ids.next(), reason: body.reason });
  }

  /** Ends a hold: its pay becomes payable on the next statements, unless another hold remains. */
  @Post('parcels/:parcelId/pay-holds/:holdId/release')
  @HttpCode(200)
  @Roles('admin')
  release(@Param('parcelId', IdParam) parcelId: string, @Param('holdId', IdParam) holdId: string, @Facts() facts: HttpCommandFacts): Promise<HttpCommandResult> {
    return this.commands.issue<ReleaseParcelPay>(facts, 'ReleaseParcelPay', { parcelId, holdId });
  }

  /** A correction up or down, in cash or credits (a retroactive rate change, a missed delivery): never an edit. */
  @Post(`${LEDGER}/adjustments`)
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ type: AdjustPayRequestDto, examples: { 'a late delivery': { value: ADJUST_EXAMPLE } } })
  adjust(
    @Param('participantId', IdParam) participantId: string,
    @Param('period', PeriodParam) period: string,
    @Body() body: AdjustPayRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<AdjustPay>(facts, 'AdjustPay', {
      participantId,
      period,
      adjustmentId: body.adjustmentId ?? this.ids.next(),
      amount: payAmountOf(body.amount),
      reason: body.reason,
      accrualId: body.accrualId ?? null,
      parcelId: body.parcelId ?? null,
    });
  }

  /** Takes back (part of) one accrual, never more than is left of it. */
  @Post(`${LEDGER}/clawbacks`)
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ type: ClawBackPayRequestDto, examples: { 'a finding against the courier': { value: CLAWBACK_EXAMPLE } } })
  clawBack(
    @Param('participantId', IdParam) participantId: string,
    @Param('period', PeriodParam) period: string,
    @Body() body: ClawBackPayRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<ClawBackPay>(facts, 'ClawBackPay', {
      participantId,
      period,
      clawbackId: body.clawbackId ?? this.ids.next(),
      accrualId: body.accrualId,
      amount: payAmountOf(body.amount),
      reason: body.reason,
    });
  }

  /** Gathers what is payable into a statement; above the configured cash total it will need two approvers. */
  @Post(`${LEDGER}/statements`)
  @HttpCode(201)
  @Roles('admin')
  issue(
    @Param('participantId', IdParam) participantId: string,
    @Param('period', PeriodParam) period: string,
    @Body() body: IssueStatementRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<IssueStatement>(facts, 'IssueStatement', { participantId, period, statementId: body.statementId ?? this.ids.next() });
  }

  /** An approval; never by the payee, and the second (when needed) by someone else. */
  @Post(`${LEDGER}/statements/:statementId/approve`)
  @HttpCode(200)
  @Roles('admin')
  approve(
    @Param('participantId', IdParam) participantId: string,
    @Param('period', PeriodParam) period: string,
    @Param('statementId', IdParam) statementId: string,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<ApproveStatement>(facts, 'ApproveStatement', { participantId, period, statementId });
  }

  /** Records that an approved statement was paid, by the payment's reference. */
  @Post(`${LEDGER}/statements/:statementId/settle`)
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ type: SettleStatementRequestDto, examples: { 'paid by ACH': { value: SETTLE_EXAMPLE } } })
  settle(
    @Param('participantId', IdParam) participantId: string,
    @Param('period', PeriodParam) period: string,
    @Param('statementId', IdParam) statementId: string,
    @Body() body: SettleStatementRequestDto,
    @Facts() facts: HttpCommandFacts,
  ): Promise<HttpCommandResult> {
    return this.commands.issue<SettleStatement>(facts, 'SettleStatement', { participantId, period, statementId, paymentReference: body.paymentReference });
  }
}
