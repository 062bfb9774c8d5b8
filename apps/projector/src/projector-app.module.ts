import { DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@handoff/eventstore';
import { HandoffConfig, SharedModule, requireEventStoreConnectionString } from '@handoff/shared';
import { ProjectorModule } from './projector.module';

/** The projector deployed alone: it needs an external event store. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: HandoffConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        SharedModule.forRoot({ config }),
        EventStoreModule.forRoot({ connectionString: requireEventStoreConnectionString(config, 'the projector') }),
        ProjectorModule,
      ],
    };
  }
}
