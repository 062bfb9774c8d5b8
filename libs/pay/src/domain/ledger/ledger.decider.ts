import type { Decider } from '@handoff/kernel';
import type { PayLedgerCommand } from './ledger.commands';
import { decide } from './ledger.decide';
import type { LedgerEvent } from './ledger.events';
import { evolve } from './ledger.evolve';
import { initialState, type PayLedger } from './ledger.state';

export const payLedgerDecider: Decider<PayLedgerCommand, PayLedger, LedgerEvent> = { decide, evolve, initialState };
