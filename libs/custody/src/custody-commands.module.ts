import { Module, OnModuleInit, Provider } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { AggregateRepository, UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { Metrics } from '@handoff/shared';
import { hubCycleHandlings } from './commands/open-hub-cycle/hub-cycle.handlings';
import { receiveParcelAtHubHandling } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.handlings';
import { CustodyEdge } from './commands/shared/custody-edge';
import { NoRecordedWaivers } from './commands/shared/no-recorded-waivers';
import { custodyEventSchemaVersions } from './custody-schema-versions';
import { registerCustodyUpcasters } from './custody-upcasters';
import { WAIVER_COVERAGE } from './domain/parcel/waiver-coverage.port';

/** Every custody command on the dispatcher (ADR 0016), whoever issues it: a route, a reaction, a test. */
export const custodyHandlings = (edge: CustodyEdge) => [...hubCycleHandlings(edge), receiveParcelAtHubHandling(edge)];

const providers: Provider[] = [
  CustodyEdge,
  { provide: WAIVER_COVERAGE, useClass: NoRecordedWaivers },
  // The one dispatcher (ADR 0016), with the commands already moved onto it; the rest still go through CommandGateway's handlers.
  {
    provide: CommandDispatcher,
    inject: [AggregateRepository, Metrics, CustodyEdge],
    useFactory: (repository: AggregateRepository, metrics: Metrics, edge: CustodyEdge) => new CommandDispatcher(repository, metrics).register(...custodyHandlings(edge)),
  },
];

/**
 * Custody's write side without HTTP: the edge that resolves facts for its deciders, the dispatcher
 * with its handlings, its upcasters and schema versions. CustodyModule (the api) serves it over
 * HTTP; the projector imports it alone to run the reactions' commands (ADR 0017), so both decide a
 * command the same way. Needs SharedModule and EventStoreModule from the root module.
 */
@Module({ providers, exports: providers })
export class CustodyCommandsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** Old shapes are upcast, and a forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(registerCustodyUpcasters(this.upcasters), custodyEventSchemaVersions);
  }
}
