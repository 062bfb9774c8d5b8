import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CLOCK, type Clock } from '@handoff/shared';
import { type AuthenticatedActor, CurrentActor, Roles } from '@handoff/shared/auth';
import { IdParam, IsCalendarDay } from '@handoff/shared/http';
import { RosterQueries } from './roster-queries';

export class RosterWeekQueryDto {
  /** Any day of the week asked about (`YYYY-MM-DD`); today by the server's clock when absent. */
  @IsOptional() @IsCalendarDay() week?: string;
}

/**
 * The rosters read models over HTTP: a hub's roster by week, broken promises per hub and per
 * coordinator, a surge window's report. Admins and auditors read every hub; a coordinator their
 * own hub and their own promises (checked before anything is read, roster-queries.ts).
 */
@ApiTags('rosters')
@ApiBearerAuth()
@Controller()
export class RosterQueriesHttpController {
  constructor(
    private readonly queries: RosterQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The hub's shifts starting in the week (Monday to Sunday, UTC) that `week` falls in. */
  @Get('hubs/:hubId/roster')
  @Roles('admin', 'auditor', 'coordinator')
  roster(@Param('hubId', IdParam) hubId: string, @Query() query: RosterWeekQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.rosterWeek(actor, hubId, query.week ?? this.clock.nowIso().slice(0, 10));
  }

  /** Every broken promise at the hub (who published, who broke it, why, how late), tallied overall and per coordinator. */
  @Get('hubs/:hubId/roster/broken-promises')
  @Roles('admin', 'auditor', 'coordinator')
  hubPromises(@Param('hubId', IdParam) hubId: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.brokenPromisesOfHub(actor, hubId);
  }

  /** The promises a coordinator published that were broken, tallied overall and per hub. */
  @Get('coordinators/:coordinatorId/broken-promises')
  @Roles('admin', 'auditor', 'coordinator')
  coordinatorPromises(@Param('coordinatorId', IdParam) coordinatorId: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.brokenPromisesOfCoordinator(actor, coordinatorId);
  }

  /** A surge window's offers, claims, declines, lapses and gig releases per block (what the pay-equity report reads). */
  @Get('hubs/:hubId/surge-windows/:windowId/report')
  @Roles('admin', 'auditor', 'coordinator')
  surgeReport(@Param('hubId', IdParam) hubId: string, @Param('windowId', IdParam) windowId: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.surgeReport(actor, hubId, windowId);
  }
}
