import type { AccrualLine, AccrualWork } from '../accrual/accrual.lines';
import type { PayAmount } from '../money/credit';
import type { Money } from '../money/money';

/** Every ledger command names its ledger: the participant and the month (`2025-03`). */
interface LedgerCommand<Type extends string> {
  type: Type;
  participantId: string;
  period: string;
}

/** The lines the calculator priced for one source event (a delivery, a shift, a loop's end). */
export interface RecordAccruals extends LedgerCommand<'RecordAccruals'> {
  sourceEventId: string;
  parcelId: string | null;
  /** Capacity, hub and route of the work, copied onto every line for the reports. */
  work: AccrualWork;
  lines: AccrualLine[];
  /** When the fact happened: must fall in the ledger's month. */
  accruedAt: string;
}

export interface AdjustPay extends LedgerCommand<'AdjustPay'> {
  adjustmentId: string;
  /** Signed, never zero: negative takes pay away. */
  amount: PayAmount;
  reason: string;
  accrualId: string | null;
  parcelId: string | null;
  adjustedBy: string;
  adjustedAt: string;
}

export interface ClawBackPay extends LedgerCommand<'ClawBackPay'> {
  clawbackId: string;
  accrualId: string;
  amount: PayAmount;
  reason: string;
  clawedBackBy: string;
  clawedBackAt: string;
}

export interface PlaceParcelPayHold extends LedgerCommand<'PlaceParcelPayHold'> {
  holdId: string;
  parcelId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
}

export interface ReleaseParcelPayHold extends LedgerCommand<'ReleaseParcelPayHold'> {
  holdId: string;
  releasedBy: string;
  releasedAt: string;
}

export interface IssueStatement extends LedgerCommand<'IssueStatement'> {
  statementId: string;
  /** From configuration, resolved at the edge: above this cash total a second approver is needed. */
  secondApprovalAbove: Money;
  issuedBy: string;
  issuedAt: string;
}

export interface ApproveStatement extends LedgerCommand<'ApproveStatement'> {
  statementId: string;
  approvedBy: string;
  approvedAt: string;
}

export interface SettleStatement extends LedgerCommand<'SettleStatement'> {
  statementId: string;
  paymentReference: string;
  settledBy: string;
  settledAt: string;
}

export type PayLedgerCommand = RecordAccruals | AdjustPay | ClawBackPay | PlaceParcelPayHold | ReleaseParcelPayHold | IssueStatement | ApproveStatement | SettleStatement;
