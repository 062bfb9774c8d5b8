import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { HANDOFF_CONFIG, type HandoffConfig } from '@handoff/shared';
import { RosterRecords } from './commands/roster-records';
import { rosterHandlings } from './commands/roster.handlings';
import { surgeHandlings } from './commands/surge.handlings';
import { rosterEventSchemaVersions } from './domain/roster-event-schema-versions';

/** Puts the roster and surge handlings on the process's one dispatcher when the module starts. */
@Injectable()
class RosterCommands implements OnModuleInit {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly records: RosterRecords,
    @Inject(HANDOFF_CONFIG) private readonly config: HandoffConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(...rosterHandlings(this.records, this.config.rosters, this.config.statedTime), ...surgeHandlings(this.records, this.config.rosters));
  }
}

/**
 * The rosters context's write side without HTTP: its handlings on the one dispatcher, the reads
 * they are judged on (RosterRecords), and the schema check. Needs SharedModule and
 * EventStoreModule from the root, the composition's CommandsModule, and ROSTER_PARTIES bound by
 * the composition (the participants context answers it).
 */
@Module({ providers: [RosterRecords, RosterCommands], exports: [RosterRecords] })
export class RostersCommandsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, rosterEventSchemaVersions);
  }
}
