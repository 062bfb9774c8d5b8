import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@handoff/eventstore';
import { ProjectionsModule } from '@handoff/projections';
import { HandoffConfig, SharedModule } from '@handoff/shared';
import { ApiModule } from '../apps/api/src/api.module';
import { CONSULTED_CATEGORIES, PROJECTIONS, UPCASTERS } from '@handoff/catalog';
import { ProjectorModule } from '../apps/projector/src/projector.module';

/**
 * The API, and the projector when it runs inline (ALL_IN_ONE_PROJECTOR=inline) sharing the API's
 * event store and MongoDB clients; by default it runs on its own thread (src/all-in-one.ts).
 */
@Module({})
export class AllInOneModule {
  static forRoot(config: HandoffConfig, eventStoreConnectionString: string, mongodbUri: string): DynamicModule {
    return {
      module: AllInOneModule,
      imports: [
        SharedModule.forRoot({ config }),
        EventStoreModule.forRoot({ connectionString: eventStoreConnectionString, upcasters: UPCASTERS, aggregateCache: { watchedCategories: CONSULTED_CATEGORIES } }),
        ProjectionsModule.forRoot({ mongodbUri, projections: PROJECTIONS }),
        CqrsModule.forRoot(),
        ApiModule,
        ...(config.allInOneProjector === 'inline' ? [ProjectorModule] : []),
      ],
    };
  }
}
