import { Module } from '@nestjs/common';
import { ReadModels } from '@handoff/projections';
import { RosterHttpController } from './commands/roster.http.controller';
import { SurgeHttpController } from './commands/surge.http.controller';
import { RosterQueries } from './read-models/roster-queries';
import { RosterQueriesHttpController } from './read-models/roster-queries.http.controller';
import { RostersCommandsModule } from './rosters-commands.module';

/**
 * The rosters context over HTTP: roster and surge routes (each a command on the one dispatcher)
 * and the read models' queries, over RostersCommandsModule. The composition (libs/catalog) binds
 * ROSTER_PARTIES to the participants directory.
 */
@Module({
  imports: [RostersCommandsModule],
  controllers: [RosterHttpController, SurgeHttpController, RosterQueriesHttpController],
  providers: [{ provide: RosterQueries, inject: [ReadModels], useFactory: (readModels: ReadModels) => new RosterQueries(readModels) }],
  exports: [RostersCommandsModule],
})
export class RostersModule {}
