import { Injectable, Module, OnModuleInit, Provider, Type } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { UpcasterRegistry } from '@handoff/eventstore';
import { PersonalDataModule } from '@handoff/personal-data';
import { assertSchemaVersions } from '@handoff/kernel';
import { custodyEventSchemaVersions } from './custody-schema-versions';
import { DeclineHandoffHandler } from './commands/decline-handoff/decline-handoff.handler';
import { DeclineHandoffHttpController } from './commands/decline-handoff/decline-handoff.http.controller';
import { DeliverParcelHandler } from './commands/deliver-parcel/deliver-parcel.handler';
import { DeliverParcelHttpController } from './commands/deliver-parcel/deliver-parcel.http.controller';
import { AcceptHandoffHandler } from './commands/accept-handoff/accept-handoff.handler';
import { AcceptHandoffHttpController } from './commands/accept-handoff/accept-handoff.http.controller';
import { OfferHandoffHandler } from './commands/offer-handoff/offer-handoff.handler';
import { OfferHandoffHttpController } from './commands/offer-handoff/offer-handoff.http.controller';
import { hubCycleHandlings } from './commands/open-hub-cycle/hub-cycle.handlings';
import { HubCycleHttpController } from './commands/open-hub-cycle/open-hub-cycle.http.controller';
import { ReceiveParcelAtHubHandler } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.handler';
import { ReceiveParcelAtHubHttpController } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.http.controller';
import { RecordFailedDeliveryHandler } from './commands/record-failed-delivery/record-failed-delivery.handler';
import { RecordFailedDeliveryHttpController } from './commands/record-failed-delivery/record-failed-delivery.http.controller';
import { RegisterParcelHandler } from './commands/register-parcel/register-parcel.handler';
import { RegisterParcelHttpController } from './commands/register-parcel/register-parcel.http.controller';
import { ReportParcelIncidentHandler } from './commands/report-parcel-incident/report-parcel-incident.handler';
import { ReportParcelIncidentHttpController } from './commands/report-parcel-incident/report-parcel-incident.http.controller';
import { ReturnParcelToDepotHandler } from './commands/return-parcel-to-depot/return-parcel-to-depot.handler';
import { ReturnParcelToDepotHttpController } from './commands/return-parcel-to-depot/return-parcel-to-depot.http.controller';
import { ReturnParcelToSenderHandler } from './commands/return-parcel-to-sender/return-parcel-to-sender.handler';
import { ReturnParcelToSenderHttpController } from './commands/return-parcel-to-sender/return-parcel-to-sender.http.controller';
import { CommandGateway } from './commands/shared/command-gateway';
import { CustodyEdge } from './commands/shared/custody-edge';
import { SortParcelHandler } from './commands/sort-parcel/sort-parcel.handler';
import { SortParcelHttpController } from './commands/sort-parcel/sort-parcel.http.controller';
import { WithdrawHandoffHandler } from './commands/withdraw-handoff/withdraw-handoff.handler';
import { WithdrawHandoffHttpController } from './commands/withdraw-handoff/withdraw-handoff.http.controller';
import { custodyQueryControllers, custodyQueryProviders } from './read-models/http/custody-queries.providers';

const commandControllers: Type[] = [
  RegisterParcelHttpController,
  ReceiveParcelAtHubHttpController,
  SortParcelHttpController,
  OfferHandoffHttpController,
  AcceptHandoffHttpController,
  DeclineHandoffHttpController,
  WithdrawHandoffHttpController,
  RecordFailedDeliveryHttpController,
  DeliverParcelHttpController,
  ReturnParcelToDepotHttpController,
  ReturnParcelToSenderHttpController,
  ReportParcelIncidentHttpController,
  HubCycleHttpController,
];

const commandHandlers: Provider[] = [
  RegisterParcelHandler,
  ReceiveParcelAtHubHandler,
  SortParcelHandler,
  OfferHandoffHandler,
  AcceptHandoffHandler,
  DeclineHandoffHandler,
  WithdrawHandoffHandler,
  RecordFailedDeliveryHandler,
  DeliverParcelHandler,
  ReturnParcelToDepotHandler,
  ReturnParcelToSenderHandler,
  ReportParcelIncidentHandler,
];

/** Hub-cycle commands go on the process's one dispatcher (ADR 0016) when the module starts; the rest still go through CommandGateway's handlers. */
@Injectable()
class CustodyCommands implements OnModuleInit {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly edge: CustodyEdge,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(...hubCycleHandlings(this.edge));
  }
}

const edge: Provider[] = [CommandGateway, CustodyEdge, CustodyCommands];

/**
 * The custody context's write side over HTTP: command endpoints and their handlers (load, decide,
 * append). The read side's query endpoints (read-models/http) are served from here too. Personal
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
