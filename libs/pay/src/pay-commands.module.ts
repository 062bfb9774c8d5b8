import { Module, OnModuleInit } from '@nestjs/common';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { payEventSchemaVersions } from './pay-catalogue';

/**
 * The pay context's write side without HTTP: the rate-card and ledger handlings on the one
 * dispatcher (what the accrual reaction and the routes issue), and the schema check. Needs
 * SharedModule and EventStoreModule from the root and the composition's CommandsModule.
 */
@Module({})
export class PayCommandsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, payEventSchemaVersions);
  }
}
