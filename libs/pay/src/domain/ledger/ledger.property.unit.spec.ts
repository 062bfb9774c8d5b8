import fc from 'fast-check';
import { DomainError } from '@handoff/kernel';
import { accrualIdOf, type AccrualLine } from '../accrual/accrual.lines';
import { isCredit } from '../money/credit';
import { isMoney } from '../money/money';
import { GAS_CARD, line, PRIORITY_SLOT, usd } from '../pay.fixtures';
import type { PayLedgerCommand } from './ledger.commands';
import { payLedgerDecider } from './ledger.decider';
import { ledgerErrorKinds } from './ledger.errors';
import type { LedgerEvent } from './ledger.events';
import { command } from './ledger.fixtures';
import { activeHoldsOn, type PayLedger } from './ledger.state';

/**
 * Random months of a ledger: deliveries (some on the same parcels, some replayed), credits, holds
 * and releases, adjustments, clawbacks, statements approved and settled, in any order. Whatever
 * happens, every cent and every credit recorded is either on exactly one statement or still
 * waiting, counted once; a statement's cash is the sum of its cash items only; nothing held is
 * stated; no accrual is clawed back beyond what it paid; a replayed accrual changes nothing; every
 * refusal is a named PAY.* refusal.
 */
const step = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('accrue' as const),
      n: fc.integer({ min: 1, max: 8 }),
      cents: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 70_000 })),
      surge: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('credit' as const), n: fc.integer({ min: 1, max: 8 }), slot: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hold' as const), hold: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), hold: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), id: fc.integer({ min: 1, max: 4 }), cents: fc.integer({ min: -5_000, max: 5_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('clawBack' as const), id: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 8 }), cents: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('issue' as const), id: fc.integer({ min: 1, max: 6 }), threshold: fc.integer({ min: 0, max: 100_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('approve' as const), id: fc.integer({ min: 1, max: 6 }), by: fc.constantFrom('coordinator-1', 'treasurer-1', 'walker-1') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const), id: fc.integer({ min: 1, max: 6 }) }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function toCommand(s: Step): PayLedgerCommand {
  switch (s.kind) {
    case 'accrue': {
      const lines: AccrualLine[] = [line('delivery', usd(s.cents))];
      if (s.surge) lines.push(line('surge-premium', usd(Math.ceil(s.cents / 4))));
      return command.accrue(s.n, lines);
    }
    case 'credit':
      return { ...command.volunteerShift(s.n), lines: [line('volunteer-shift-credit', s.slot ? PRIORITY_SLOT : GAS_CARD)] };
    case 'hold':
      return command.hold(`hold-${s.hold}`, s.n);
    case 'release':
      return command.release(`hold-${s.hold}`);
    case 'adjust':
      return command.adjust(`adj-${s.id}`, s.cents);
    case 'clawBack':
      return command.clawBack(`claw-${s.id}`, `delivered-${s.n}/delivery`, s.cents);
    case 'issue':
      return command.issue(`st-${s.id}`, s.threshold);
    case 'approve':
      return command.approve(`st-${s.id}`, s.by);
    case 'settle':
      return command.settle(`st-${s.id}`);
  }
}

/** Signed amounts by kind (`$USD`, or a credit unit), counted from the commands the ledger accepted. */
type Tally = Map<string, number>;
const bump = (tally: Tally, key: string, by: number) => tally.set(key, (tally.get(key) ?? 0) + by);
const keyOf = (amount: AccrualLine['amount']) => (isMoney(amount) ? `$${amount.currency}` : amount.creditUnit);
const quantity = (amount: AccrualLine['amount']) => (isMoney(amount) ? amount.amountMinor : amount.quantity);

describe('a pay ledger, for any sequence of commands', () => {
  it('balances to the cent and the credit, states nothing twice or held, and never mixes cash and credits', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 80, size: 'large' }), (steps) => {
        let state: PayLedger = payLedgerDecider.initialState();
        const recordedIds = new Set<string>();
        const expected: Tally = new Map();
        const amountsById = new Map<string, AccrualLine['amount']>();
        const stated = new Set<string>();

        for (const s of steps) {
          const next = toCommand(s);
          let events: LedgerEvent[];
          try {
            events = payLedgerDecider.decide(next, state);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect(Object.keys(ledgerErrorKinds)).toContain((error as DomainError).code);
            continue;
          }
          // The independent recomputation: from the accepted commands, not from the events.
          if (next.type === 'RecordAccruals') {
            for (const accrual of next.lines) {
              const id = accrualIdOf(next.sourceEventId, accrual);
              if (!recordedIds.has(id)) bump(expected, keyOf(accrual.amount), quantity(accrual.amount));
              recordedIds.add(id);
            }
          }
          if (next.type === 'AdjustPay' && events.length > 0) bump(expected, keyOf(next.amount), quantity(next.amount));
          if (next.type === 'ClawBackPay' && events.length > 0) bump(expected, keyOf(next.amount), -quantity(next.amount));

          for (const event of events) {
            if (event.type === 'AccrualRecorded') amountsById.set(event.data.accrualId, event.data.amount);
            if (event.type === 'StatementIssued' && state.status === 'open') {
              const open = state;
              for (const id of event.data.accrualIds) {
                expect(stated.has(id)).toBe(false);
                stated.add(id);
                expect(activeHoldsOn(open, open.accruals.get(id)!.parcelId)).toEqual([]);
              }
              const items = [
                ...event.data.accrualIds.map((id) => open.accruals.get(id)!.amount),
                ...event.data.adjustmentIds.map((id) => open.adjustments[id].amount),
                ...event.data.clawbackIds.map((id) => {
                  const amount = open.clawbacks[id].amount;
                  return isMoney(amount) ? { ...amount, amountMinor: -amount.amountMinor } : { ...amount, quantity: -amount.quantity };
                }),
              ];
              const cash = items.filter(isMoney);
              expect(event.data.cashTotal?.amountMinor ?? 0).toBe(cash.reduce((sum, amount) => sum + amount.amountMinor, 0));
              expect(event.data.cashTotal === null).toBe(cash.length === 0);
              for (const total of event.data.creditTotals) {
                expect(total.quantity).toBe(
                  items
                    .filter(isCredit)
                    .filter((c) => c.creditUnit === total.creditUnit)
                    .reduce((sum, c) => sum + c.quantity, 0),
                );
              }
            }
          }
          state = events.reduce(payLedgerDecider.evolve, state);
          if (next.type === 'RecordAccruals') expect(payLedgerDecider.decide(next, state)).toEqual([]);
        }

        if (state.status === 'empty') return;
        // What the ledger says: every statement's totals, plus everything not yet stated.
        const actual: Tally = new Map();
        for (const statement of Object.values(state.statements)) {
          for (const amount of [...(statement.cashTotal ? [statement.cashTotal] : []), ...statement.creditTotals]) bump(actual, keyOf(amount), quantity(amount));
        }
        for (const accrual of state.accruals.values()) if (accrual.statementId === null) bump(actual, keyOf(accrual.amount), quantity(accrual.amount));
        for (const adjustment of Object.values(state.adjustments)) if (adjustment.statementId === null) bump(actual, keyOf(adjustment.amount), quantity(adjustment.amount));
        for (const clawback of Object.values(state.clawbacks)) if (clawback.statementId === null) bump(actual, keyOf(clawback.amount), -quantity(clawback.amount));
        // No accrual is clawed back beyond what it paid.
        for (const accrual of state.accruals.values()) {
          const taken = Object.values(state.clawbacks).filter((clawback) => clawback.accrualId === accrual.accrualId);
          expect(taken.reduce((sum, clawback) => sum + quantity(clawback.amount), 0)).toBeLessThanOrEqual(quantity(accrual.amount));
        }
        const nonZero = (tally: Tally) => new Map([...tally].filter(([, value]) => value !== 0));
        expect(nonZero(actual)).toEqual(nonZero(expected));
        expect([...amountsById.keys()].sort()).toEqual([...recordedIds].sort());
      }),
      { numRuns: 200 },
    );
  });
});
