import type { ReactionDefinition } from '@handoff/reactions';
import { payAccrualsReaction } from './pay-accruals.reaction';
import { payLedgerPostingsReaction } from './pay-ledger-postings.reaction';

/** Every reaction the pay context runs (the catalogue's REACTIONS): accruals from custody's and rosters' facts, and their postings to the ledgers. */
export const payReactions: ReactionDefinition<any>[] = [payAccrualsReaction, payLedgerPostingsReaction];
