import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { HANDOFF_CONFIG, type HandoffConfig } from '@handoff/shared';
import { waiverHandlings } from './commands/waiver.handlings';
import { WaiverRecords } from './commands/waiver-records';
import { WaiverCoverageFromSignatures } from './waiver-coverage/waiver-coverage-from-signatures';
import { waiverEventSchemaVersions } from './domain/waiver-event-schema-versions';

/** Puts the waiver handlings on the process's one dispatcher when the module starts. */
@Injectable()
class WaiverCommands implements OnModuleInit {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly records: WaiverRecords,
    @Inject(HANDOFF_CONFIG) private readonly config: HandoffConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(...waiverHandlings(this.records, this.config.statedTime));
  }
}

/**
 * The waivers context's write side without HTTP: its handlings on the one dispatcher, the reads
 * they and coverage are judged on (WaiverRecords), the class answering custody's WAIVER_COVERAGE
 * (bound by the composition), and the schema check. Needs SharedModule and EventStoreModule from
 * the root, the composition's CommandsModule, and WAIVER_SIGNERS bound by the composition (the
 * participants context answers it).
 */
@Module({ providers: [WaiverRecords, WaiverCommands, WaiverCoverageFromSignatures], exports: [WaiverRecords, WaiverCoverageFromSignatures] })
export class WaiversCommandsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, waiverEventSchemaVersions);
  }
}
