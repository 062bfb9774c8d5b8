/**
 * A participant's month as the API answers it: totals from the stored summary (cash per currency,
 * credits per unit, never added together), statements with their state, holds, and a page of
 * lines, each accrual told held or not and on which statement it went. Pure.
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
  /** Accruals + adjustments − clawbacks: cash per currency, credits per unit. */
  totals: Totals;
  accrued: Totals;
  adjusted: Totals;
  clawedBack: Totals;
  counts: { accruals: number; adjustments: number; clawbacks: number; heldAccruals: number };
  statements: StatementView[];
  holds: HoldView[];
  /** One page of the month's lines in ledger order; `next` asks for the following page (`?after=`), null on the last. */
  lines: LineView[];
  next: number | null;
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

/** Lines after revision `after` (−1: from the first), at most `limit`, from buckets in any order; and whether more follow. Parses only what it returns. */
export function pageOfLines(buckets: Document[], after: number, limit: number): { lines: StoredLine[]; more: boolean } {
  const lines: StoredLine[] = [];
  for (const bucket of buckets.slice().sort((a, b) => (a.bucket as number) - (b.bucket as number))) {
    for (const text of bucket.lines as string[]) {
      // Every stored line starts `{"revision":<n>,`: the revision is read without parsing the rest.
      if (Number(text.slice(12, text.indexOf(',', 12))) <= after) continue;
      if (lines.length === limit) return { lines, more: true };
      lines.push(JSON.parse(text) as StoredLine);
    }
  }
  return { lines, more: false };
}

/** The month from its summary, with one page of its lines (pageOfLines), each told held or not and on which statement. */
export function statementMonthView(summary: Document, page: { lines: StoredLine[]; more: boolean }): StatementMonthView {
  const holds = (summary.holds ?? []) as StoredHold[];
  const releases = new Map(((summary.releases ?? []) as StoredRelease[]).map((release) => [release.holdId, release]));
  const active = new Set(holds.filter((hold) => !releases.has(hold.holdId)).map((hold) => hold.holdId));
  const held = new Set(holds.filter((hold) => active.has(hold.holdId)).flatMap((hold) => hold.heldAccrualIds));
  for (const recorded of (summary.heldOnRecord ?? []) as { accrualId: string; heldUnder: string[] }[]) {
    if (recorded.heldUnder.some((holdId) => active.has(holdId))) held.add(recorded.accrualId);
  }
  const onStatement = new Map<string, string>();
  for (const stored of (summary.statements ?? []) as Document[]) {
    for (const id of (stored.memberIds as string).split('\n')) onStatement.set(id, stored.statementId as string);
  }
  const lines: LineView[] = page.lines.map((line) => {
    const id = line.kind === 'accrual' ? line.accrualId : line.kind === 'adjustment' ? line.adjustmentId : line.clawbackId;
    return line.kind === 'accrual' ? { ...line, held: held.has(line.accrualId), statementId: onStatement.get(id) ?? null } : { ...line, statementId: onStatement.get(id) ?? null };
  });
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
    counts: { accruals: counts.accruals ?? 0, adjustments: counts.adjustments ?? 0, clawbacks: counts.clawbacks ?? 0, heldAccruals: held.size },
    statements: statementViews(summary),
    holds: holds.map(({ heldAccrualIds: _ids, ...hold }) => {
      const release = releases.get(hold.holdId);
      return { ...hold, released: release ? { releasedBy: release.releasedBy, releasedAt: release.releasedAt } : null };
    }),
    lines,
    next: page.more && lines.length > 0 ? lines[lines.length - 1]!.revision : null,
  };
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
      lines: stored.lines as StatementView['lines'],
    };
  });
}
