import { DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@handoff/eventstore';
import { ProjectionsModule, requireMongoDbUri } from '@handoff/projections';
import { HandoffConfig, SharedModule, requireEventStoreConnectionString } from '@handoff/shared';
import { PROJECTIONS, UPCASTERS } from '@handoff/catalog';
import { ProjectorModule } from './projector.module';

/** The projector deployed alone: it needs an external event store and MongoDB. */
@Module({})
export class ProjectorAppModule {
  /** `owner`: the projector's lease owner (unique per process by default). */
  static forRoot(config: HandoffConfig, options: { owner?: string } = {}): DynamicModule {
    const connectionString = requireEventStoreConnectionString(config, 'the projector');
    return {
      module: ProjectorAppModule,
      imports: [
        SharedModule.forRoot({ config }),
        EventStoreModule.forRoot({ connectionString, upcasters: UPCASTERS }),
        // subscriptions read beside the handlers and writes, not before them (subscription-thread.ts)
        ProjectionsModule.forRoot({ mongodbUri: requireMongoDbUri(config, 'the projector'), projections: PROJECTIONS, owner: options.owner, subscriptionThread: { connectionString } }),
        ProjectorModule,
      ],
    };
  }
}
