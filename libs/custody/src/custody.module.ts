import { Module, Type } from '@nestjs/common';
import { PersonalDataModule } from '@handoff/personal-data';
import { HubCycleHttpController } from './commands/open-hub-cycle/open-hub-cycle.http.controller';
import { HandoffHttpController } from './commands/parcel/handoff.http.controller';
import { ParcelHttpController } from './commands/parcel/parcel.http.controller';
import { ParcelPersonalData } from './commands/parcel/parcel-personal-data';
import { ReceiveParcelAtHubHttpController } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.http.controller';
import { CustodyCommandsModule } from './custody-commands.module';
import { custodyQueryControllers, custodyQueryProviders } from './read-models/http/custody-queries.providers';

/** Each route maps a validated request to a command; the handlings decide it (ADR 0016). */
const commandControllers: Type[] = [ParcelHttpController, HandoffHttpController, ReceiveParcelAtHubHttpController, HubCycleHttpController];

/**
 * The custody context over HTTP: its command routes and the query endpoints of its read models
 * (read-models/http), over its write side (CustodyCommandsModule). Personal data is sealed and
 * opened through PersonalDataModule. Ports custody owns are bound by whoever composes the contexts
 * (libs/catalog): PARTY_DIRECTORY (the participants context answers it) and WAIVER_COVERAGE (the waivers context). Needs
 * the root module's SharedModule, EventStoreModule, ProjectionsModule (with `custodyProjections`
 * among its projections), and the composition's CommandsModule.
 */
@Module({
  imports: [CustodyCommandsModule, PersonalDataModule],
  controllers: [...commandControllers, ...custodyQueryControllers],
  providers: [ParcelPersonalData, ...custodyQueryProviders],
})
export class CustodyModule {}
