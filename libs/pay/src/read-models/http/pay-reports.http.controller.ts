import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReadsProjections } from '@handoff/projections';
import { type AuthenticatedActor, CurrentActor, Roles } from '@handoff/shared/auth';
import { IdParam, RequestValidationError } from '@handoff/shared/http';
import { PayReportQueries } from '../pay-report-queries';
import { payReadModelsProjection } from '../pay-read-models.projection';
import { ANNUAL_TOTALS_EXAMPLE, COORDINATOR_CYCLES_EXAMPLE, DELIVERY_COST_EXAMPLE, PAY_EQUITY_EXAMPLE, STATEMENT_EXAMPLE } from './pay-reports.examples';
import { AnnualTotalsQueryDto, PayPeriodQueryDto, StatementQueryDto } from './pay-reports.request.dto';

const example = (name: string, value: object) => ({ content: { 'application/json': { examples: { [name]: { value } } } } });
const DEFAULT_JURISDICTION = 'US';

/**
 * The pay questions over HTTP (issue 19 §2 Reports), each from its own read model. Every endpoint
 * honours read-your-writes (`?position=` or `x-handoff-position`). Retailers are not let in: the
 * cost of a retailer's own parcels is not derivable from the ledger (ADR 0027).
 */
@ApiTags('pay reports')
@ApiBearerAuth()
@Controller()
export class PayReportsHttpController {
  constructor(private readonly queries: PayReportQueries) {}

  /**
   * A participant's month: totals (cash per currency, credits per unit), statements and their
   * state, holds, and its lines a page at a time in ledger order: every accrual (rule, amount, rate
   * card and version, source event, held or not), adjustment and clawback. `next` → `?after=`.
   */
  @Get('participants/:participantId/pay-statement')
  @Roles('admin', 'auditor', 'courier', 'coordinator')
  @ReadsProjections(payReadModelsProjection.name)
  @ApiOkResponse(example('a walker in March', STATEMENT_EXAMPLE))
  statement(@Param('participantId', IdParam) participantId: string, @Query() query: StatementQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.statementMonth(actor, participantId, query.period, { after: query.after, limit: query.limit });
  }

  /** Deliveries, hours, cash and credits per capacity at a hub and on each of its routes, side by side, with per-delivery figures and surge first refusal. */
  @Get('hubs/:hubId/pay-equity')
  @Roles('admin', 'auditor', 'coordinator')
  @ReadsProjections(payReadModelsProjection.name)
  @ApiOkResponse(example('paid, volunteer and gig at the city hub', PAY_EQUITY_EXAMPLE))
  payEquity(@Param('hubId', IdParam) hubId: string, @Query() query: PayPeriodQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.payEquity(actor, hubId, query.period);
  }

  /** What the hub's deliveries cost in the month, over all and per participant kind, per delivery with the remainder. */
  @Get('hubs/:hubId/delivery-cost')
  @Roles('admin', 'auditor', 'coordinator')
  @ReadsProjections(payReadModelsProjection.name)
  @ApiOkResponse(example('the rural hub: $10.00 over 3 deliveries', DELIVERY_COST_EXAMPLE))
  deliveryCost(@Param('hubId', IdParam) hubId: string, @Query() query: PayPeriodQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.deliveryCost(actor, hubId, query.period);
  }

  /** A coordinator's month: parcels handled, the before-noon share, bonus, fees, retainer, and their hubs' cycles over the cap. */
  @Get('coordinators/:participantId/pay-cycles')
  @Roles('admin', 'auditor', 'coordinator')
  @ReadsProjections(payReadModelsProjection.name)
  @ApiOkResponse(example('the city coordinator in March', COORDINATOR_CYCLES_EXAMPLE))
  coordinatorCycles(@Param('participantId', IdParam) participantId: string, @Query() query: PayPeriodQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.coordinatorCycles(actor, participantId, query.period);
  }

  /** A participant's year: earned and settled, and whether the cash settled reaches the jurisdiction's reporting threshold (US: $600, 1099-NEC style). */
  @Get('participants/:participantId/pay-annual-totals')
  @Roles('admin', 'auditor', 'courier', 'coordinator')
  @ReadsProjections(payReadModelsProjection.name)
  @ApiOkResponse(example('a gig driver over the US threshold', ANNUAL_TOTALS_EXAMPLE))
  annualTotals(@Param('participantId', IdParam) participantId: string, @Query() query: AnnualTotalsQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    const jurisdiction = query.jurisdiction ?? DEFAULT_JURISDICTION;
    const known = this.queries.jurisdictions();
    if (!known.includes(jurisdiction)) throw new RequestValidationError([{ field: 'jurisdiction', message: `has no reporting threshold configured (known: ${known.join(', ')})` }]);
    return this.queries.annualTotals(actor, participantId, query.year, jurisdiction);
  }
}
