import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CLOCK, type Clock } from '@handoff/shared';
import { type AuthenticatedActor, CurrentActor, Roles } from '@handoff/shared/auth';
import { IdParam, IsUtcInstant } from '@handoff/shared/http';
import { waiverErrors } from '../domain/shared/waiver.errors';
import type { Coverage, CoverageInterval } from '../domain/waiver-coverage/waiver-coverage';
import { WaiverRecords } from '../commands/waiver-records';

export class CoverageQueryDto {
  /** The instant asked about (UTC, RFC 3339); the server's clock when absent. */
  @IsOptional() @IsUtcInstant() at?: string;
}

/**
 * Waiver coverage over HTTP, answered from the write side (the participant's signature stream and
 * the templates it names), so it agrees with what custody decides at a handoff. A courier reads
 * their own; admins, insurers and auditors read anyone's (issue 19 §4).
 */
@ApiTags('waivers')
@ApiBearerAuth()
@Controller('participants/:participantId/waivers/coverage')
export class WaiverCoverageHttpController {
  constructor(
    private readonly records: WaiverRecords,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Was the participant covered at `at`, by which waiver, version and cap; if not, why not. */
  @Get()
  @Roles('admin', 'courier', 'insurer', 'auditor')
  async coverage(
    @Param('participantId', IdParam) participantId: string,
    @Query() query: CoverageQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<Coverage & { participantId: string; at: string }> {
    mayRead(actor, participantId);
    const at = query.at ?? this.clock.nowIso();
    return { participantId, at, ...(await this.records.coverageAt(participantId, at)) };
  }

  /** Every stretch of time the participant was covered, each with its waiver, version and cap (`from` inclusive, `until` exclusive). */
  @Get('timeline')
  @Roles('admin', 'courier', 'insurer', 'auditor')
  async timeline(@Param('participantId', IdParam) participantId: string, @CurrentActor() actor: AuthenticatedActor): Promise<{ participantId: string; intervals: CoverageInterval[] }> {
    mayRead(actor, participantId);
    return { participantId, intervals: await this.records.coverageTimeline(participantId) };
  }
}

/** Couriers read only their own coverage; refused before anything is read, so it tells nothing of others. */
function mayRead(actor: AuthenticatedActor, participantId: string): void {
  if (actor.role === 'courier' && actor.participantId !== participantId) throw waiverErrors.notOwnCoverage(participantId, actor.participantId);
}
