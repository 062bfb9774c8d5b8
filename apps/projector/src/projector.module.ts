import { Module } from '@nestjs/common';
import { ProjectionRuntimeHost } from './projections/projection-runtime.host';
import { EventStoreReadiness } from './readiness/event-store-readiness';

/**
 * The projector: runs the `$all` subscriptions that feed read models (libs/projections), one
 * projection per lease. Expects the root module to provide SharedModule, EventStoreModule and
 * ProjectionsModule once.
 */
@Module({
  providers: [EventStoreReadiness, ProjectionRuntimeHost],
})
export class ProjectorModule {}
