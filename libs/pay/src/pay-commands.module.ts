import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { HANDOFF_CONFIG, type HandoffConfig } from '@handoff/shared';
import { ledgerHandlings, type StatementPolicy } from './commands/ledger.handlings';
import { parcelPayHandlings } from './commands/parcel-pay.handlings';
import { PayRecords } from './commands/pay-records';
import { rateCardHandlings } from './commands/rate-card.handlings';
import { payEventSchemaVersions } from './pay-catalogue';

/** Every pay handling, as the commands module registers them (and a bare reactor process in the tests). */
export const payHandlings = (records: PayRecords, policy: StatementPolicy) => [...rateCardHandlings(records), ...parcelPayHandlings(records), ...ledgerHandlings(records, policy)];

/** Puts the pay handlings on the process's one dispatcher when the module starts. */
@Injectable()
class PayCommands implements OnModuleInit {
  constructor(
    private readonly dispatcher: CommandDispatcher,
    private readonly records: PayRecords,
    @Inject(HANDOFF_CONFIG) private readonly config: HandoffConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(...payHandlings(this.records, this.config.pay));
  }
}

/**
 * The pay context's write side without HTTP: the rate-card, parcel-pay and ledger handlings on the
 * one dispatcher (what the accrual reactions and the routes issue), the reads they are judged on
 * (PayRecords), and the schema check. Needs SharedModule and EventStoreModule from the root, the
 * composition's CommandsModule, and PAY_PARTIES bound by the composition (the participants
 * context answers it).
 */
@Module({ providers: [PayRecords, PayCommands], exports: [PayRecords] })
export class PayCommandsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, payEventSchemaVersions);
  }
}
