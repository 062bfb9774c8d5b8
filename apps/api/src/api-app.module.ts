import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@handoff/eventstore';
import { HandoffConfig, SharedModule, requireEventStoreConnectionString } from '@handoff/shared';
import { ApiModule } from './api.module';

/** The API deployed alone: it needs an external event store. */
@Module({})
export class ApiAppModule {
  static forRoot(config: HandoffConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        SharedModule.forRoot({ config }),
        EventStoreModule.forRoot({ connectionString: requireEventStoreConnectionString(config, 'the api') }),
        CqrsModule.forRoot(),
        ApiModule,
      ],
    };
  }
}
