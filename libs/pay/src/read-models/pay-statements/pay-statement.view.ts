/**
 * A participant's month as the API answers it, folded from the stored summary and line buckets:
 * each accrual says whether it is held now and on which statement it went; statements carry their
 * state; totals are cash per currency and credits per unit, never added together. Pure.
 */
import type { Document } from 'mongodb';
import type { Money } from '../../domain/money/money';
import type { Credit } from '../../domain/money/credit';
import { combineTotals, readTotals, type StoredTotals, type Totals } from '../pay-read-model.keys';
import type { StoredLine } from './pay-statement.projection';

export type StatementState = 'issued' | 'partly-approved' | 'approved' | 'settled';

export interface StatementView {
  statementId: string;
  state: StatementState;
  cashTotal: Money | null;
  creditTotals: Credit[];
  approvalsRequired: number;
  approvals: { approvedBy: string; approvalNumber: number; approvedAt: string }[];
  issuedBy: string;
  issuedAt: string;
  settlement: { paymentReference: string; settledBy: string; settledAt: string } | null;
  lines: { accruals: number; adjustments: number; clawbacks: number };
}

export interface HoldView {
  holdId: string;
  parcelId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  released: { releasedBy: string; releasedAt: string } | null;
}

export type LineView = StoredLine & { held?: boolean; statementId: string | null };

export interface StatementMonthView {
  participantId: string;
  period: string;
  /** Accruals + adjustments − clawbacks. */
  totals: Totals;
  accrued: Totals;
  adjusted: Totals;
  clawedBack: Totals;
  /** Of the accruals, those held right now (they wait for their holds' release). */
  held: Totals;
  /** Net, not yet on any statement, and not held: what the next statement would take. */
  unstated: Totals;
  counts: { accruals: number; adjustments: number; clawbacks: number; heldAccruals: number };
  statements: StatementView[];
  holds: HoldView[];
  lines: LineView[];
}

interface StoredHold {
  holdId: string;
  parcelId: string;
  reason: string;
  heldAccrualIds: string[];
  placedBy: string;
  placedAt: string;
}

interface StoredRelease {
  holdId: string;
  releasedAccrualIds: string[];
  releasedBy: string;
  releasedAt: string;
}

export function statementMonthView(summary: Document, buckets: Document[]): StatementMonthView {
  const holds = (summary.holds ?? []) as StoredHold[];
  const releases = new Map(((summary.releases ?? []) as StoredRelease[]).map((release) => [release.holdId, release]));
  const activeHolds = holds.filter((hold) => !releases.has(hold.holdId));
  const active = new Set(activeHolds.map((hold) => hold.holdId));
  const heldByHold = new Set(activeHolds.flatMap((hold) => hold.heldAccrualIds));

  const statements = statementViews(summary);
  const onStatement = new Map<string, string>();
  for (const stored of (summary.statements ?? []) as Document[]) {
    for (const id of [...stored.accrualIds, ...stored.adjustmentIds, ...stored.clawbackIds] as string[]) onStatement.set(id, stored.statementId as string);
  }

  const lines: LineView[] = [];
  const sorted = [...buckets].sort((a, b) => (a.bucket as number) - (b.bucket as number));
  let held: StoredTotals = {};
  let unstated: StoredTotals = {};
  let heldAccruals = 0;
  for (const bucket of sorted) {
    for (const line of bucket.lines as StoredLine[]) {
      const id = line.kind === 'accrual' ? line.accrualId : line.kind === 'adjustment' ? line.adjustmentId : line.clawbackId;
      const statementId = onStatement.get(id) ?? null;
      const sign = line.kind === 'clawback' ? -1 : 1;
      if (line.kind === 'accrual') {
        const isHeld = heldByHold.has(line.accrualId) || line.heldUnder.some((holdId) => active.has(holdId));
        lines.push({ ...line, held: isHeld, statementId });
        if (isHeld) {
          heldAccruals++;
          held = combineTotals(held, asStored(line.amount));
          continue;
        }
      } else lines.push({ ...line, statementId });
      if (statementId === null) unstated = combineTotals(unstated, asStored(line.amount), sign);
    }
  }
  const accrued = summary.accrued as StoredTotals | undefined;
  const adjusted = summary.adjusted as StoredTotals | undefined;
  const clawedBack = summary.clawedBack as StoredTotals | undefined;
  const counts = (summary.counts ?? {}) as Record<string, number | undefined>;
  return {
    participantId: summary.participantId as string,
    period: summary.period as string,
    totals: readTotals(combineTotals(combineTotals(accrued, adjusted), clawedBack, -1)),
    accrued: readTotals(accrued),
    adjusted: readTotals(adjusted),
    clawedBack: readTotals(clawedBack),
    held: readTotals(held),
    unstated: readTotals(unstated),
    counts: { accruals: counts.accruals ?? 0, adjustments: counts.adjustments ?? 0, clawbacks: counts.clawbacks ?? 0, heldAccruals },
    statements,
    holds: holds.map(({ heldAccrualIds: _ids, ...hold }) => {
      const release = releases.get(hold.holdId);
      return { ...hold, released: release ? { releasedBy: release.releasedBy, releasedAt: release.releasedAt } : null };
    }),
    lines,
  };
}

function asStored(amount: Money | Credit): StoredTotals {
  return 'currency' in amount ? { cash: { [amount.currency]: amount.amountMinor } } : { credits: { [amount.creditUnit]: amount.quantity } };
}

function statementViews(summary: Document): StatementView[] {
  const approvals = (summary.approvals ?? []) as Document[];
  const settlements = (summary.settlements ?? []) as Document[];
  return ((summary.statements ?? []) as Document[]).map((stored) => {
    const mine = approvals.filter((approval) => approval.statementId === stored.statementId);
    const settled = settlements.find((settlement) => settlement.statementId === stored.statementId);
    const fully = mine.some((approval) => approval.fullyApproved === true);
    const state: StatementState = settled ? 'settled' : fully ? 'approved' : mine.length > 0 ? 'partly-approved' : 'issued';
    return {
      statementId: stored.statementId as string,
      state,
      cashTotal: (stored.cashTotal ?? null) as Money | null,
      creditTotals: (stored.creditTotals ?? []) as Credit[],
      approvalsRequired: stored.approvalsRequired as number,
      approvals: mine.map(({ approvedBy, approvalNumber, approvedAt }) => ({ approvedBy, approvalNumber, approvedAt })) as StatementView['approvals'],
      issuedBy: stored.issuedBy as string,
      issuedAt: stored.issuedAt as string,
      settlement: settled ? { paymentReference: settled.paymentReference as string, settledBy: settled.settledBy as string, settledAt: settled.settledAt as string } : null,
      lines: { accruals: (stored.accrualIds as string[]).length, adjustments: (stored.adjustmentIds as string[]).length, clawbacks: (stored.clawbackIds as string[]).length },
    };
  });
}
