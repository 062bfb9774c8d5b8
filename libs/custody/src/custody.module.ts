import { Inject, Injectable, Module, OnModuleInit, Provider, Type } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { UpcasterRegistry } from '@handoff/eventstore';
import { PersonalDataModule } from '@handoff/personal-data';
import { assertSchemaVersions } from '@handoff/kernel';
import { custodyEventSchemaVersions } from './custody-schema-versions';
import { hubCycleHandlings } from './commands/open-hub-cycle/hub-cycle.handlings';
import { HubCycleHttpController } from './commands/open-hub-cycle/open-hub-cycle.http.controller';
import { handoffHandlings } from './commands/parcel/handoff.handlings';
import { HandoffHttpController } from './commands/parcel/handoff.http.controller';
import { parcelHandlings } from './commands/parcel/parcel.handlings';
import { ParcelHttpController } from './commands/parcel/parcel.http.controller';
import { ParcelPersonalData } from './commands/parcel/parcel-personal-data';
import { ReceiveParcelAtHubHandler } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.handler';
import { ReceiveParcelAtHubHttpController } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.http.controller';
import { CommandGateway } from './commands/shared/command-gateway';
import { CustodyEdge } from './commands/shared/custody-edge';
import { WAIVER_COVERAGE, type WaiverCoveragePort } from './domain/parcel/waiver-coverage.port';
import { custodyQueryControllers, custodyQueryProviders } from './read-models/http/custody-queries.providers';

const commandControllers: Type[] = [ParcelHttpController, HandoffHttpController, ReceiveParcelAtHubHttpController, HubCycleHttpController];

const commandHandlers: Provider[] = [ReceiveParcelAtHubHandler];

/** Custody's commands go on the process's one dispatcher (ADR 0016) when the module starts; receive-at-hub still goes through CommandGateway's handler. */
@Injectable()
class CustodyCommands implements OnModuleInit {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly edge: CustodyEdge,
    @Inject(WAIVER_COVERAGE) private readonly waivers: WaiverCoveragePort,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(...parcelHandlings(this.edge), ...handoffHandlings(this.edge, this.waivers), ...hubCycleHandlings(this.edge));
  }
}

const edge: Provider[] = [CommandGateway, CustodyEdge, ParcelPersonalData, CustodyCommands];

/**
 * The custody context's write side over HTTP: command endpoints and their handlings (ADR 0016).
 * The read side's query endpoints (read-models/http) are served from here too. Personal
 * data is sealed and opened through PersonalDataModule. Ports custody owns are bound by whoever
 * composes the contexts (libs/catalog): PARTY_DIRECTORY (the participants context answers it) and
 * WAIVER_COVERAGE. Needs the root module's SharedModule, EventStoreModule, ProjectionsModule (with
 * `custodyProjections` among its projections), CqrsModule, and the composition's CommandsModule.
 */
@Module({
  imports: [PersonalDataModule],
  controllers: [...commandControllers, ...custodyQueryControllers],
  providers: [...commandHandlers, ...edge, ...custodyQueryProviders],
})
export class CustodyModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, custodyEventSchemaVersions);
  }
}
