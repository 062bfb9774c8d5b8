import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AggregateRepository } from '@handoff/eventstore';
import { type AuthenticatedActor, CurrentActor, Roles } from '@handoff/shared/auth';
import { IdParam } from '@handoff/shared/http';
import { payLedgerDecider } from '../domain/ledger/ledger.decider';
import { payableOf } from '../domain/ledger/ledger-statement.decide';
import { openLedger, type LedgerAccrual, type OpenPayLedger } from '../domain/ledger/ledger.state';
import { rateCardErrors } from '../domain/rate-card/rate-card.errors';
import type { RateCard } from '../domain/rate-card/rate-card.state';
import { payAccessErrors } from '../domain/shared/pay-access.errors';
import { payStreams } from '../pay-streams';
import { PayRecords } from './pay-records';
import { PeriodParam } from './pay.request.dto';

/**
 * A rate card and a participant's month of pay, answered from the write side (their streams), so
 * they agree with what the last command decided. The statements and reports are read models of
 * their own (read-models/).
 */
@ApiTags('pay')
@ApiBearerAuth()
@Controller()
export class PayRecordsHttpController {
  constructor(
    private readonly records: PayRecords,
    private readonly repository: AggregateRepository,
  ) {}

  /** Every version of a rate card (`hub:<hubId>`, `collective:<collectiveId>`), none ever changed. */
  @Get('rate-cards/:rateCardId')
  @Roles('admin', 'coordinator', 'courier', 'auditor')
  async rateCard(@Param('rateCardId', IdParam) rateCardId: string): Promise<Extract<RateCard, { status: 'published' }>> {
    const card = await this.records.rateCard(rateCardId);
    if (card.status === 'unpublished') throw rateCardErrors.notFound(rateCardId);
    return card;
  }

  /** A participant's ledger for a month, with what the next statement would hold: admins and auditors, or the participant themself. */
  @Get('participants/:participantId/pay-ledgers/:period')
  @Roles('admin', 'auditor', 'courier', 'coordinator')
  async ledger(
    @Param('participantId', IdParam) participantId: string,
    @Param('period', PeriodParam) period: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<Omit<OpenPayLedger, 'accruals'> & { accruals: Record<string, LedgerAccrual>; payable: { accrualIds: string[]; adjustmentIds: string[]; clawbackIds: string[] } }> {
    // Refused before anything is read, so it tells nothing of another participant's pay.
    if ((actor.role === 'courier' || actor.role === 'coordinator') && actor.participantId !== participantId) throw payAccessErrors.notOwnLedger(participantId, actor.participantId);
    const { state } = await this.repository.load(payLedgerDecider, payStreams.ledger(participantId, period));
    const ledger = state.status === 'open' ? state : openLedger(participantId, period);
    const payable = payableOf(ledger);
    return {
      ...ledger,
      // Sent as an object keyed by accrual id, as before the ledger kept them in a persistent map.
      accruals: Object.fromEntries(ledger.accruals),
      payable: { accrualIds: payable.accruals.map((a) => a.accrualId), adjustmentIds: payable.adjustments.map((a) => a.adjustmentId), clawbackIds: payable.clawbacks.map((c) => c.clawbackId) },
    };
  }
}
