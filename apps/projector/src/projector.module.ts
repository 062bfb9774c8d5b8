import { Module } from '@nestjs/common';
import { EventStoreReadiness } from './readiness/event-store-readiness';

/**
 * The projector: will run the `$all` subscriptions that feed read models (next issue). Expects
 * the root module to provide SharedModule and EventStoreModule once.
 */
@Module({
  providers: [EventStoreReadiness],
})
export class ProjectorModule {}
