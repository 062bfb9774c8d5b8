import type { PayAmount } from '../money/credit';
import { isMoney } from '../money/money';
import type { LedgerEvent } from './ledger.events';
import { openLedger, quantityOf, type OpenPayLedger, type PayLedger } from './ledger.state';

/** Folds one event; reads nothing but the event and the state, so a replay always gives the same ledger. */
export const evolve = (state: PayLedger, event: LedgerEvent): PayLedger => {
  const ledger = state.status === 'open' ? state : openLedger(event.data.participantId, event.data.period);
  switch (event.type) {
    case 'AccrualRecorded':
      return { ...withCurrencyOf(ledger, event.data.amount), accruals: { ...ledger.accruals, [event.data.accrualId]: { ...event.data, clawedBack: 0, statementId: null } } };
    case 'PayAdjusted':
      return { ...withCurrencyOf(ledger, event.data.amount), adjustments: { ...ledger.adjustments, [event.data.adjustmentId]: { ...event.data, statementId: null } } };
    case 'PayClawedBack': {
      const accrual = ledger.accruals[event.data.accrualId];
      const accruals = accrual ? { ...ledger.accruals, [accrual.accrualId]: { ...accrual, clawedBack: accrual.clawedBack + quantityOf(event.data.amount) } } : ledger.accruals;
      return { ...ledger, accruals, clawbacks: { ...ledger.clawbacks, [event.data.clawbackId]: { ...event.data, statementId: null } } };
    }
    case 'ParcelPayHeld':
      return { ...ledger, holds: { ...ledger.holds, [event.data.holdId]: { holdId: event.data.holdId, parcelId: event.data.parcelId, active: true } } };
    case 'ParcelPayHoldReleased': {
      const hold = ledger.holds[event.data.holdId];
      return hold ? { ...ledger, holds: { ...ledger.holds, [hold.holdId]: { ...hold, active: false } } } : ledger;
    }
    case 'StatementIssued': {
      const { statementId, cashTotal, creditTotals, approvalsRequired } = event.data;
      const stamp = <T extends { statementId: string | null }>(items: Record<string, T>, ids: string[]): Record<string, T> => {
        const stamped = { ...items };
        for (const id of ids) if (stamped[id]) stamped[id] = { ...stamped[id], statementId };
        return stamped;
      };
      return {
        ...ledger,
        accruals: stamp(ledger.accruals, event.data.accrualIds),
        adjustments: stamp(ledger.adjustments, event.data.adjustmentIds),
        clawbacks: stamp(ledger.clawbacks, event.data.clawbackIds),
        statements: { ...ledger.statements, [statementId]: { statementId, cashTotal, creditTotals, approvalsRequired, status: 'issued', approvers: [], paymentReference: null } },
      };
    }
    case 'StatementApproved': {
      const statement = ledger.statements[event.data.statementId];
      if (!statement) return ledger;
      const approved = { ...statement, approvers: [...statement.approvers, event.data.approvedBy], status: event.data.fullyApproved ? ('approved' as const) : statement.status };
      return { ...ledger, statements: { ...ledger.statements, [statement.statementId]: approved } };
    }
    case 'StatementSettled': {
      const statement = ledger.statements[event.data.statementId];
      if (!statement) return ledger;
      return { ...ledger, statements: { ...ledger.statements, [statement.statementId]: { ...statement, status: 'settled', paymentReference: event.data.paymentReference } } };
    }
    default: {
      const _never: never = event;
      return _never;
    }
  }
};

function withCurrencyOf(ledger: OpenPayLedger, amount: PayAmount): OpenPayLedger {
  return ledger.currency === null && isMoney(amount) ? { ...ledger, currency: amount.currency } : ledger;
}
