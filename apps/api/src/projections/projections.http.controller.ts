import { Controller, Get } from '@nestjs/common';
import { ProjectionStatus, ProjectionStatusReader } from '@handoff/projections';
import { Roles } from '@handoff/shared/auth';

/** `GET /projections`: every projection's state, checkpoint, lag and rate (docs/adr/0005); for admins (`/health` has the summary). */
@Controller('projections')
export class ProjectionsHttpController {
  constructor(private readonly status: ProjectionStatusReader) {}

  @Get()
  @Roles('admin')
  async list(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.status.all() };
  }
}
