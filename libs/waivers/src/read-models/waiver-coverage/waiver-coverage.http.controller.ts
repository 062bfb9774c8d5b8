import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { ReadsProjections } from '@handoff/projections';
import { CLOCK, type Clock } from '@handoff/shared';
import { type AuthenticatedActor, CurrentActor, Roles } from '@handoff/shared/auth';
import { IdParam, IsUtcInstant } from '@handoff/shared/http';
import { waiverErrors } from '../../domain/shared/waiver.errors';
import type { Coverage, CoverageHistory } from '../../domain/waiver-coverage/waiver-coverage';
import { WaiverRecords } from '../../commands/waiver-records';
import { waiverCoverageProjection } from './waiver-coverage.projection';
import { WaiverCoverageQueries } from './waiver-coverage.queries';
import { COVERAGE_EXAMPLE, TIMELINE_EXAMPLE } from './waiver-coverage.examples';

export class ReadYourWritesQueryDto {
  /** Wait until the read model has passed this position (a command's `x-handoff-position`). */
  @IsOptional() @IsString() position?: string;
}

export class CoverageQueryDto extends ReadYourWritesQueryDto {
  /** The instant asked about (UTC, RFC 3339); the server's clock when absent. */
  @IsOptional() @IsUtcInstant() at?: string;
}

/**
 * Waiver coverage over HTTP, answered from the `waiver-coverage` read model (custody's check at a
 * handoff stays on the write side). Pass a command's position (`?position=` or the header) to read
 * your own signature or revocation. Who reads whom (issue 19 §4): admins, insurers and auditors
 * anyone's; a courier or a coordinator only their own, refused before anything is read, so the
 * answer tells nothing of others (the participants directory records no hub membership for
 * couriers, so a coordinator has no "hub's couriers" to read); anyone else, 403.
 */
@ApiTags('waivers')
@ApiBearerAuth()
@Controller('participants/:participantId/waivers/coverage')
export class WaiverCoverageHttpController {
  constructor(
    private readonly queries: WaiverCoverageQueries,
    private readonly records: WaiverRecords,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Was the participant covered at `at`, by which waiver, version and cap; if not, why not. */
  @Get()
  @Roles('admin', 'courier', 'coordinator', 'insurer', 'auditor')
  @ReadsProjections(waiverCoverageProjection.name)
  @ApiOkResponse({ content: { 'application/json': { examples: { 'covered by the $200 waiver': { value: COVERAGE_EXAMPLE } } } } })
  async coverage(
    @Param('participantId', IdParam) participantId: string,
    @Query() query: CoverageQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<Coverage & { participantId: string; at: string }> {
    const participantKind = await this.kindOfReadable(actor, participantId);
    const at = query.at ?? this.clock.nowIso();
    return { participantId, at, ...(await this.queries.coverageAt(participantId, participantKind, at)) };
  }

  /**
   * Every stretch of time the participant was covered, each with its waiver, version, cap and why it
   * ends (`from` inclusive, `until` exclusive), and every gap with why nothing covered. An expiry
   * still to come is in it as signed: the coverage at T says whether it has passed.
   */
  @Get('timeline')
  @Roles('admin', 'courier', 'coordinator', 'insurer', 'auditor')
  @ReadsProjections(waiverCoverageProjection.name)
  @ApiOkResponse({ content: { 'application/json': { examples: { 'renewed, then revoked': { value: TIMELINE_EXAMPLE } } } } })
  async timeline(
    @Param('participantId', IdParam) participantId: string,
    @Query() _query: ReadYourWritesQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<CoverageHistory & { participantId: string }> {
    const participantKind = await this.kindOfReadable(actor, participantId);
    return { participantId, ...(await this.queries.history(participantId, participantKind)) };
  }

  /** Refuses a courier or coordinator asking about someone else before anything is read; then the participant's kind (404 for no such participant). */
  private kindOfReadable(actor: AuthenticatedActor, participantId: string): Promise<string> {
    if ((actor.role === 'courier' || actor.role === 'coordinator') && actor.participantId !== participantId) throw waiverErrors.notOwnCoverage(participantId, actor.participantId, actor.role);
    return this.records.participantKind(participantId);
  }
}
