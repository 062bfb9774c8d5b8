import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@handoff/eventstore';
import { ProjectionsModule } from '@handoff/projections';
import { HandoffConfig, SharedModule } from '@handoff/shared';
import { ApiModule } from '../apps/api/src/api.module';
import { PROJECTIONS } from '../apps/projector/src/projections/projection-catalog';
import { ProjectorModule } from '../apps/projector/src/projector.module';

/** API and projector in one process, sharing the process's one event store client and MongoDB client. */
@Module({})
export class AllInOneModule {
  static forRoot(config: HandoffConfig, eventStoreConnectionString: string, mongodbUri: string): DynamicModule {
    return {
      module: AllInOneModule,
      imports: [
        SharedModule.forRoot({ config }),
        EventStoreModule.forRoot({ connectionString: eventStoreConnectionString, aggregateCache: true }),
        ProjectionsModule.forRoot({ mongodbUri, projections: PROJECTIONS }),
        CqrsModule.forRoot(),
        ApiModule,
        ProjectorModule,
      ],
    };
  }
}
