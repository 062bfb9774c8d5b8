import { Controller, Get } from '@nestjs/common';
import { ProjectionStatus, ProjectionStatusReader } from '@handoff/projections';

/** `GET /projections`: every projection's state, checkpoint, lag and rate (docs/adr/0005). */
@Controller('projections')
export class ProjectionsHttpController {
  constructor(private readonly status: ProjectionStatusReader) {}

  @Get()
  async list(): Promise<{ projections: ProjectionStatus[] }> {
    return { projections: await this.status.all() };
  }
}
