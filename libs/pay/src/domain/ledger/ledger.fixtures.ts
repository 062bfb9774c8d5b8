import { GAS_CARD, line, usd } from '../pay.fixtures';
import type { AccrualLine } from '../accrual/accrual.lines';
import type { AdjustPay, ApproveStatement, ClawBackPay, IssueStatement, PayLedgerCommand, PlaceParcelPayHold, RecordAccruals, ReleaseParcelPayHold, SettleStatement } from './ledger.commands';
import { payLedgerDecider } from './ledger.decider';
import type { LedgerEvent } from './ledger.events';

/** Command builders for walker-1's March 2025 ledger, and a fold that records what they decide. Specs only. */
export const LEDGER = { participantId: 'walker-1', period: '2025-03' } as const;
export const at = (day: number, hour = 10) => new Date(Date.UTC(2025, 2, day, hour)).toISOString();

export const command = {
  accrue: (n: number, lines: AccrualLine[] = [line('delivery', usd(120))], overrides: Partial<RecordAccruals> = {}): RecordAccruals => ({
    type: 'RecordAccruals',
    ...LEDGER,
    sourceEventId: `delivered-${n}`,
    parcelId: `parcel-${n}`,
    work: { capacity: 'paid-courier', hubId: 'hub-city', routeId: 'route-7' },
    lines,
    accruedAt: at(n),
    ...overrides,
  }),
  volunteerShift: (n: number): RecordAccruals => ({
    type: 'RecordAccruals',
    ...LEDGER,
    sourceEventId: `shift-${n}`,
    parcelId: null,
    work: { capacity: 'volunteer', hubId: 'hub-city', routeId: null },
    lines: [line('volunteer-shift-credit', GAS_CARD)],
    accruedAt: at(n),
  }),
  adjust: (id: string, amountMinor: number, overrides: Partial<AdjustPay> = {}): AdjustPay => ({
    type: 'AdjustPay',
    ...LEDGER,
    adjustmentId: id,
    amount: usd(amountMinor),
    reason: 'Rate card 2 was late: March deliveries at $1.35',
    accrualId: null,
    parcelId: null,
    adjustedBy: 'admin-1',
    adjustedAt: at(20),
    ...overrides,
  }),
  clawBack: (id: string, accrualId: string, amountMinor: number): ClawBackPay => ({
    type: 'ClawBackPay',
    ...LEDGER,
    clawbackId: id,
    accrualId,
    amount: usd(amountMinor),
    reason: 'Dispute d-1 found the parcel was never delivered',
    clawedBackBy: 'admin-1',
    clawedBackAt: at(21),
  }),
  hold: (holdId: string, n: number): PlaceParcelPayHold => ({
    type: 'PlaceParcelPayHold',
    ...LEDGER,
    holdId,
    parcelId: `parcel-${n}`,
    reason: 'Dispute d-1: dented power tool',
    placedBy: 'disputes',
    placedAt: at(15),
  }),
  release: (holdId: string): ReleaseParcelPayHold => ({ type: 'ReleaseParcelPayHold', ...LEDGER, holdId, releasedBy: 'disputes', releasedAt: at(18) }),
  issue: (statementId: string, secondApprovalAbove = 50_000): IssueStatement => ({
    type: 'IssueStatement',
    ...LEDGER,
    statementId,
    secondApprovalAbove: usd(secondApprovalAbove),
    issuedBy: 'system',
    issuedAt: at(28),
  }),
  approve: (statementId: string, approvedBy: string): ApproveStatement => ({ type: 'ApproveStatement', ...LEDGER, statementId, approvedBy, approvedAt: at(29) }),
  settle: (statementId: string, paymentReference = 'ach-2025-03-0001'): SettleStatement => ({
    type: 'SettleStatement',
    ...LEDGER,
    statementId,
    paymentReference,
    settledBy: 'treasurer-1',
    settledAt: at(30),
  }),
};

/** The events the decider records for these commands, one after the other (a refusal throws). */
export function recorded(...commands: PayLedgerCommand[]): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  let state = payLedgerDecider.initialState();
  for (const next of commands) {
    const decided = payLedgerDecider.decide(next, state);
    state = decided.reduce(payLedgerDecider.evolve, state);
    events.push(...decided);
  }
  return events;
}

export const foldLedger = (events: LedgerEvent[]) => events.reduce(payLedgerDecider.evolve, payLedgerDecider.initialState());
