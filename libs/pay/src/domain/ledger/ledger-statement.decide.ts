import { totalsOf, type PayAmount } from '../money/credit';
import { isMoney } from '../money/money';
import type { ApproveStatement, IssueStatement, SettleStatement } from './ledger.commands';
import { ledgerErrors } from './ledger.errors';
import type { LedgerEvent } from './ledger.events';
import { ledgerFor, requireId, requireInstant } from './ledger.guards';
import { isHeld, openStatement, type OpenPayLedger, type PayLedger } from './ledger.state';

/**
 * A statement gathers everything payable and not yet stated: accruals no hold keeps back,
 * adjustments, and clawbacks of accruals that are (or are being) stated. One statement is open
 * at a time; what arrives after it is issued (a released hold, a late adjustment) goes on the next.
 */
export function issueStatement(command: IssueStatement, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, statementId, secondApprovalAbove, issuedBy, issuedAt } = command;
  if (ledger.statements[statementId]) return [];
  const open = openStatement(ledger);
  if (open) throw ledgerErrors.statementOpen(participantId, period, open.statementId);
  requireId(ledger, 'statementId', statementId);
  requireId(ledger, 'issuedBy', issuedBy);
  requireInstant(ledger, 'issuedAt', issuedAt);
  if (!isMoney(secondApprovalAbove) || secondApprovalAbove.amountMinor < 0 || (ledger.currency !== null && secondApprovalAbove.currency !== ledger.currency))
    throw ledgerErrors.invalidDetails(participantId, period, 'secondApprovalAbove', `must be an amount of ${ledger.currency ?? 'cash'}, 0 or more`);

  const { accruals, adjustments, clawbacks } = payableOf(ledger);
  if (accruals.length + adjustments.length + clawbacks.length === 0) throw ledgerErrors.nothingToState(participantId, period);
  const totals = totalsOf([...accruals.map((a) => a.amount), ...adjustments.map((a) => a.amount), ...clawbacks.map((c) => negated(c.amount))]);
  const cashTotal = totals.cash[0] ?? null;
  const approvalsRequired = cashTotal !== null && cashTotal.amountMinor > secondApprovalAbove.amountMinor ? 2 : 1;
  const data = {
    participantId,
    period,
    statementId,
    accrualIds: accruals.map((a) => a.accrualId),
    adjustmentIds: adjustments.map((a) => a.adjustmentId),
    clawbackIds: clawbacks.map((c) => c.clawbackId),
    cashTotal,
    creditTotals: totals.credits,
    secondApprovalAbove,
    approvalsRequired,
    issuedBy,
    issuedAt,
  } as const;
  return [{ type: 'StatementIssued', data }];
}

/** What the next statement would hold, in the order it was recorded. */
export function payableOf(ledger: OpenPayLedger) {
  const accruals = [...ledger.accruals.values()].filter((accrual) => accrual.statementId === null && !isHeld(ledger, accrual));
  const stating = new Set(accruals.map((accrual) => accrual.accrualId));
  const adjustments = Object.values(ledger.adjustments).filter((adjustment) => adjustment.statementId === null);
  const clawbacks = Object.values(ledger.clawbacks).filter((clawback) => clawback.statementId === null && (stating.has(clawback.accrualId) || ledger.accruals.get(clawback.accrualId)?.statementId));
  return { accruals, adjustments, clawbacks };
}

const negated = (amount: PayAmount): PayAmount => (isMoney(amount) ? { ...amount, amountMinor: -amount.amountMinor } : { ...amount, quantity: -amount.quantity });

/** One approval, or two from different people above the configured amount; never by the payee. */
export function approveStatement(command: ApproveStatement, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, statementId, approvedBy, approvedAt } = command;
  const statement = ledger.statements[statementId];
  if (!statement) throw ledgerErrors.statementNotFound(participantId, period, statementId);
  if (approvedBy === participantId) throw ledgerErrors.selfApproval(statementId, participantId);
  if (statement.approvers.includes(approvedBy)) {
    if (statement.status === 'issued') throw ledgerErrors.sameApprover(statementId, approvedBy);
    return [];
  }
  if (statement.status !== 'issued') throw ledgerErrors.alreadyApproved(statementId, approvedBy);
  requireId(ledger, 'approvedBy', approvedBy);
  requireInstant(ledger, 'approvedAt', approvedAt);
  const approvalNumber = statement.approvers.length + 1;
  return [{ type: 'StatementApproved', data: { participantId, period, statementId, approvedBy, approvalNumber, fullyApproved: approvalNumber >= statement.approvalsRequired, approvedAt } }];
}

/** Records that the approved statement was paid, by the payment's reference. */
export function settleStatement(command: SettleStatement, state: PayLedger): LedgerEvent[] {
  const ledger = ledgerFor(command, state);
  const { participantId, period, statementId, paymentReference, settledBy, settledAt } = command;
  const statement = ledger.statements[statementId];
  if (!statement) throw ledgerErrors.statementNotFound(participantId, period, statementId);
  if (statement.status === 'settled') {
    if (statement.paymentReference === paymentReference) return [];
    throw ledgerErrors.alreadySettled(statementId, statement.paymentReference ?? '');
  }
  if (statement.status !== 'approved') throw ledgerErrors.notApproved(statementId, statement.approvers.length, statement.approvalsRequired);
  if (typeof paymentReference !== 'string' || !/^\S.{0,99}$/.test(paymentReference) || paymentReference.trim() !== paymentReference)
    throw ledgerErrors.invalidDetails(participantId, period, 'paymentReference', 'must be the payment reference, 1 to 100 characters without surrounding spaces');
  requireId(ledger, 'settledBy', settledBy);
  requireInstant(ledger, 'settledAt', settledAt);
  return [{ type: 'StatementSettled', data: { participantId, period, statementId, paymentReference, cashTotal: statement.cashTotal, settledBy, settledAt } }];
}
