import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { hubCycleHandlings } from './commands/open-hub-cycle/hub-cycle.handlings';
import { handoffHandlings } from './commands/parcel/handoff.handlings';
import { parcelHandlings } from './commands/parcel/parcel.handlings';
import { receiveParcelAtHubHandling } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.handlings';
import { CustodyEdge } from './commands/shared/custody-edge';
import { custodyEventSchemaVersions } from './custody-schema-versions';
import { custodyUpcasters } from './custody-upcasters';
import { WAIVER_COVERAGE, type WaiverCoveragePort } from './domain/parcel/waiver-coverage.port';

/** Every custody command on the dispatcher (ADR 0016), whoever issues it: a route, a reaction, a test. */
export const custodyHandlings = (edge: CustodyEdge, waivers: WaiverCoveragePort) => [
  ...parcelHandlings(edge),
  ...handoffHandlings(edge, waivers),
  receiveParcelAtHubHandling(edge),
  ...hubCycleHandlings(edge),
];

/** Puts custody's handlings on the process's one dispatcher when the module starts. */
@Injectable()
class CustodyCommands implements OnModuleInit {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly edge: CustodyEdge,
    @Inject(WAIVER_COVERAGE) private readonly waivers: WaiverCoveragePort,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(...custodyHandlings(this.edge, this.waivers));
  }
}

/**
 * Custody's write side without HTTP: the edge that resolves facts for its deciders, its handlings
 * on the one dispatcher, its upcasters and schema versions. CustodyModule serves it over HTTP; the
 * projector imports it alone (through the catalogue) to decide the reactions' commands (ADR 0017)
 * exactly as the api decides a route's. Needs SharedModule and EventStoreModule from the root, the
 * composition's CommandsModule, and PARTY_DIRECTORY and WAIVER_COVERAGE bound by the composition.
 */
@Module({ providers: [CustodyEdge, CustodyCommands], exports: [CustodyEdge] })
export class CustodyCommandsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** Old shapes are upcast, and a forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters.registerSteps(custodyUpcasters), custodyEventSchemaVersions);
  }
}
