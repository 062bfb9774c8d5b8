import type { DomainEvent } from '@handoff/kernel';
import type { AccrualBasis, AccrualWork, PayRule } from '../accrual/accrual.lines';
import type { Credit, PayAmount } from '../money/credit';
import type { Money } from '../money/money';

/**
 * Stream `payledger-<participantId>-<yyyy-mm>`: what one participant earned in one month, and the
 * statements that paid it. Cut per month (ADR 0017) so no stream grows without bound. Every event
 * names the ledger it belongs to, so a reader needs nothing else. Nothing is ever edited: a
 * correction is an adjustment or a clawback, a late release lands on the next statement.
 */
type LedgerFact<Type extends string, Data extends object> = DomainEvent<Type, { participantId: string; period: string } & Data>;

export type AccrualRecorded = LedgerFact<
  'AccrualRecorded',
  {
    /** `<sourceEventId>/<rule>`, and `/<creditUnit>` for a credit: unique in the ledger. */
    accrualId: string;
    sourceEventId: string;
    rule: PayRule;
    amount: PayAmount;
    rateCardId: string;
    rateCardVersion: number;
    basis: AccrualBasis;
    parcelId: string | null;
    /** Capacity, hub and route of the work: what the reports group by. */
    work: AccrualWork;
    /** The holds on its parcel when recorded: a held accrual waits for their release. Empty: payable. */
    heldUnder: string[];
    accruedAt: string;
  }
>;

/** A correction, up or down, in cash or credits: a retroactive rate change, a missed delivery, a goodwill payment. */
export type PayAdjusted = LedgerFact<
  'PayAdjusted',
  { adjustmentId: string; amount: PayAmount; reason: string; accrualId: string | null; parcelId: string | null; adjustedBy: string; adjustedAt: string }
>;

/** Takes back (part of) one accrual: `amount` is what is taken, positive, of the accrual's kind. */
export type PayClawedBack = LedgerFact<'PayClawedBack', { clawbackId: string; accrualId: string; amount: PayAmount; reason: string; clawedBackBy: string; clawedBackAt: string }>;

/** A parcel's pay is on hold (a dispute): its accruals not yet on a statement, and any recorded later, wait. */
export type ParcelPayHeld = LedgerFact<'ParcelPayHeld', { holdId: string; parcelId: string; reason: string; heldAccrualIds: string[]; placedBy: string; placedAt: string }>;

/** A hold ends: the accruals no other hold keeps back become payable on the next statement. */
export type ParcelPayHoldReleased = LedgerFact<'ParcelPayHoldReleased', { holdId: string; parcelId: string; releasedAccrualIds: string[]; releasedBy: string; releasedAt: string }>;

export type StatementIssued = LedgerFact<
  'StatementIssued',
  {
    statementId: string;
    accrualIds: string[];
    adjustmentIds: string[];
    clawbackIds: string[];
    /** Accruals + adjustments − clawbacks, in the ledger's currency; null when nothing in cash. */
    cashTotal: Money | null;
    /** Per credit unit, sorted by unit: never added to the cash. */
    creditTotals: Credit[];
    /** The configured amount above which a second approver is needed, as it was at issue. */
    secondApprovalAbove: Money;
    approvalsRequired: 1 | 2;
    issuedBy: string;
    issuedAt: string;
  }
>;

export type StatementApproved = LedgerFact<'StatementApproved', { statementId: string; approvedBy: string; approvalNumber: number; fullyApproved: boolean; approvedAt: string }>;

export type StatementSettled = LedgerFact<'StatementSettled', { statementId: string; paymentReference: string; cashTotal: Money | null; settledBy: string; settledAt: string }>;

export type LedgerEvent = AccrualRecorded | PayAdjusted | PayClawedBack | ParcelPayHeld | ParcelPayHoldReleased | StatementIssued | StatementApproved | StatementSettled;

export const ledgerEventSchemaVersions = {
  AccrualRecorded: 1,
  PayAdjusted: 1,
  PayClawedBack: 1,
  ParcelPayHeld: 1,
  ParcelPayHoldReleased: 1,
  StatementIssued: 1,
  StatementApproved: 1,
  StatementSettled: 1,
} as const satisfies Record<LedgerEvent['type'], number>;
