import { Controller, Get } from '@nestjs/common';
import { ProjectionStatus, ProjectionStatusReader } from '@handoff/projections';
import { ReactionStatus, ReactionStatusReader } from '@handoff/reactions';
import { Roles } from '@handoff/shared/auth';

/**
 * `GET /projections`: every projection's state, checkpoint, lag and rate (docs/adr/0005), and
 * beside them every reaction's (ADR 0017): state, checkpoint, lag, counts, rate and the error it
 * is stopped on. For admins (`/health` has the summary).
 */
@Controller('projections')
export class ProjectionsHttpController {
  constructor(
    private readonly status: ProjectionStatusReader,
    private readonly reactions: ReactionStatusReader,
  ) {}

  @Get()
  @Roles('admin')
  async list(): Promise<{ projections: ProjectionStatus[]; reactions: ReactionStatus[] }> {
    const [projections, reactions] = await Promise.all([this.status.all(), this.reactions.all()]);
    return { projections, reactions };
  }
}
