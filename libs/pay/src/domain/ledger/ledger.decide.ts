import { adjustPay, clawBackPay, recordAccruals } from './ledger-accrual.decide';
import { placeParcelPayHold, releaseParcelPayHold } from './ledger-hold.decide';
import { approveStatement, issueStatement, settleStatement } from './ledger-statement.decide';
import type { PayLedgerCommand } from './ledger.commands';
import type { LedgerEvent } from './ledger.events';
import type { PayLedger } from './ledger.state';

/** One participant's month of pay: accruals in, corrections beside them, statements out. */
export const decide = (command: PayLedgerCommand, state: PayLedger): LedgerEvent[] => {
  switch (command.type) {
    case 'RecordAccruals':
      return recordAccruals(command, state);
    case 'AdjustPay':
      return adjustPay(command, state);
    case 'ClawBackPay':
      return clawBackPay(command, state);
    case 'PlaceParcelPayHold':
      return placeParcelPayHold(command, state);
    case 'ReleaseParcelPayHold':
      return releaseParcelPayHold(command, state);
    case 'IssueStatement':
      return issueStatement(command, state);
    case 'ApproveStatement':
      return approveStatement(command, state);
    case 'SettleStatement':
      return settleStatement(command, state);
    default: {
      const _never: never = command;
      return _never;
    }
  }
};
