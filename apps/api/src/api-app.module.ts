import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '@handoff/eventstore';
import { ProjectionsModule } from '@handoff/projections';
import { ConfigValidationError, HandoffConfig, SharedModule, requireEventStoreConnectionString } from '@handoff/shared';
import { CONSULTED_CATEGORIES, PROJECTIONS, UPCASTERS } from '@handoff/catalog';
import { ApiModule } from './api.module';

/** The API deployed alone: it needs an external event store and MongoDB (API keys, idempotency, read models). */
@Module({})
export class ApiAppModule {
  static forRoot(config: HandoffConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        SharedModule.forRoot({ config }),
        EventStoreModule.forRoot({ connectionString: requireEventStoreConnectionString(config, 'the api'), upcasters: UPCASTERS, aggregateCache: { watchedCategories: CONSULTED_CATEGORIES } }),
        ProjectionsModule.forRoot({ mongodbUri: requireMongodbUri(config), projections: PROJECTIONS }),
        CqrsModule.forRoot(),
        ApiModule,
      ],
    };
  }
}

function requireMongodbUri(config: HandoffConfig): string {
  if (config.mongodbUri) return config.mongodbUri;
  throw new ConfigValidationError([
    { variable: 'MONGODB_URI', message: 'MONGODB_URI must be set to run the api alone (only the all-in-one `npm start` starts an embedded read store)', value: undefined },
  ]);
}
