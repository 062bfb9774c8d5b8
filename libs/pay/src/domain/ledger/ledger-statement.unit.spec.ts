import { deciderSpecification } from '@handoff/testing';
import { GAS_CARD, line, usd } from '../pay.fixtures';
import { at, command, LEDGER, recorded } from './ledger.fixtures';
import { payLedgerDecider } from './ledger.decider';
import type { LedgerEvent, StatementIssued } from './ledger.events';

const { given } = deciderSpecification(payLedgerDecider);

const issued = (statementId: string, overrides: Partial<StatementIssued['data']>): LedgerEvent => ({
  type: 'StatementIssued',
  data: {
    ...LEDGER,
    statementId,
    accrualIds: [],
    adjustmentIds: [],
    clawbackIds: [],
    cashTotal: null,
    creditTotals: [],
    secondApprovalAbove: usd(50_000),
    approvalsRequired: 1,
    issuedBy: 'system',
    issuedAt: at(28),
    ...overrides,
  },
});
const approved = (statementId: string, approvedBy: string, approvalNumber: number, fullyApproved: boolean): LedgerEvent => ({
  type: 'StatementApproved',
  data: { ...LEDGER, statementId, approvedBy, approvalNumber, fullyApproved, approvedAt: at(29) },
});

describe('IssueStatement', () => {
  it('states everything payable: accruals not held, adjustments, clawbacks; cash and credits totalled apart', () => {
    const history = recorded(
      command.accrue(1),
      command.accrue(2),
      command.accrue(3),
      command.volunteerShift(4),
      command.hold('hold-1', 3),
      command.adjust('adj-1', 45),
      command.clawBack('claw-1', 'delivered-2/delivery', 20),
    );
    given(history)
      .when(command.issue('st-1'))
      .then([
        issued('st-1', {
          accrualIds: ['delivered-1/delivery', 'delivered-2/delivery', 'shift-4/volunteer-shift-credit/gas-card-5-usd'],
          adjustmentIds: ['adj-1'],
          clawbackIds: ['claw-1'],
          cashTotal: usd(120 + 120 + 45 - 20),
          creditTotals: [GAS_CARD],
        }),
      ]);
  });

  it('needs a second approver when the cash total is above the configured amount', () => {
    given(recorded(command.accrue(1, [line('delivery', usd(50_001))])))
      .when(command.issue('st-1'))
      .then([issued('st-1', { accrualIds: ['delivered-1/delivery'], cashTotal: usd(50_001), approvalsRequired: 2 })]);
    given(recorded(command.accrue(1, [line('delivery', usd(50_000))])))
      .when(command.issue('st-1'))
      .then([issued('st-1', { accrualIds: ['delivered-1/delivery'], cashTotal: usd(50_000), approvalsRequired: 1 })]);
  });

  it('puts what was released or adjusted after a statement on the next one, with clawbacks of stated pay', () => {
    const history = recorded(
      command.accrue(1),
      command.accrue(2),
      command.hold('hold-1', 2),
      command.issue('st-1'),
      command.approve('st-1', 'coordinator-1'),
      command.settle('st-1'),
      command.release('hold-1'),
      command.clawBack('claw-1', 'delivered-1/delivery', 120),
    );
    given(history)
      .when(command.issue('st-2'))
      .then([issued('st-2', { accrualIds: ['delivered-2/delivery'], clawbackIds: ['claw-1'], cashTotal: usd(0) })]);
  });

  it('keeps a clawback of held pay back with the pay it takes from', () => {
    given(recorded(command.accrue(1), command.accrue(2), command.hold('hold-1', 2), command.clawBack('claw-1', 'delivered-2/delivery', 50)))
      .when(command.issue('st-1'))
      .then([issued('st-1', { accrualIds: ['delivered-1/delivery'], cashTotal: usd(120) })]);
  });

  it('does nothing when the same statement is issued again', () => {
    given(recorded(command.accrue(1), command.issue('st-1')))
      .when(command.issue('st-1'))
      .thenNothing();
  });

  it('refuses a second statement while one is unsettled, and a statement of nothing', () => {
    given(recorded(command.accrue(1), command.issue('st-1'), command.accrue(2)))
      .when(command.issue('st-2'))
      .thenThrows('PAY.STATEMENT_OPEN');
    given(recorded(command.accrue(1), command.hold('hold-1', 1)))
      .when(command.issue('st-1'))
      .thenThrows('PAY.NOTHING_TO_STATE');
  });

  it('refuses an approval threshold in another currency', () => {
    given(recorded(command.accrue(1)))
      .when({ ...command.issue('st-1'), secondApprovalAbove: { amountMinor: 50_000, currency: 'CAD' } })
      .thenThrows('PAY.INVALID_DETAILS');
  });
});

describe('ApproveStatement', () => {
  const small = recorded(command.accrue(1), command.issue('st-1'));
  const large = recorded(command.accrue(1, [line('delivery', usd(60_000))]), command.issue('st-1'));

  it('approves with one approval at or below the configured amount', () => {
    given(small)
      .when(command.approve('st-1', 'coordinator-1'))
      .then([approved('st-1', 'coordinator-1', 1, true)]);
  });

  it('needs a second, different approver above it', () => {
    given(large)
      .when(command.approve('st-1', 'coordinator-1'))
      .then([approved('st-1', 'coordinator-1', 1, false)]);
    given(recorded(command.accrue(1, [line('delivery', usd(60_000))]), command.issue('st-1'), command.approve('st-1', 'coordinator-1')))
      .when(command.approve('st-1', 'treasurer-1'))
      .then([approved('st-1', 'treasurer-1', 2, true)]);
  });

  it('refuses the same person approving twice', () => {
    given([...large, approved('st-1', 'coordinator-1', 1, false)])
      .when(command.approve('st-1', 'coordinator-1'))
      .thenThrows('PAY.SAME_APPROVER');
  });

  it('does nothing when an approver repeats an approval that completed the statement', () => {
    given([...small, approved('st-1', 'coordinator-1', 1, true)])
      .when(command.approve('st-1', 'coordinator-1'))
      .thenNothing();
  });

  it('refuses an approval the statement no longer needs, the payee approving their own pay, and an unknown statement', () => {
    given([...small, approved('st-1', 'coordinator-1', 1, true)])
      .when(command.approve('st-1', 'treasurer-1'))
      .thenThrows('PAY.STATEMENT_ALREADY_APPROVED');
    given(small).when(command.approve('st-1', LEDGER.participantId)).thenThrows('PAY.SELF_APPROVAL');
    given(small).when(command.approve('st-9', 'coordinator-1')).thenThrows('PAY.STATEMENT_NOT_FOUND');
  });
});

describe('SettleStatement', () => {
  const approvedStatement = recorded(command.accrue(1), command.issue('st-1'), command.approve('st-1', 'coordinator-1'));

  it('settles an approved statement with its payment reference', () => {
    given(approvedStatement)
      .when(command.settle('st-1'))
      .then([{ type: 'StatementSettled', data: { ...LEDGER, statementId: 'st-1', paymentReference: 'ach-2025-03-0001', cashTotal: usd(120), settledBy: 'treasurer-1', settledAt: at(30) } }]);
  });

  it('does nothing when settled again with the same reference', () => {
    given(recorded(command.accrue(1), command.issue('st-1'), command.approve('st-1', 'coordinator-1'), command.settle('st-1')))
      .when(command.settle('st-1'))
      .thenNothing();
  });

  it('refuses another payment for a settled statement, and settling before the approvals are in', () => {
    given(recorded(command.accrue(1), command.issue('st-1'), command.approve('st-1', 'coordinator-1'), command.settle('st-1')))
      .when(command.settle('st-1', 'ach-2025-03-0002'))
      .thenThrows('PAY.STATEMENT_ALREADY_SETTLED');
    given(recorded(command.accrue(1, [line('delivery', usd(60_000))]), command.issue('st-1'), command.approve('st-1', 'coordinator-1')))
      .when(command.settle('st-1'))
      .thenThrows('PAY.STATEMENT_NOT_APPROVED');
    given(recorded(command.accrue(1), command.issue('st-1')))
      .when(command.settle('st-1', ' '))
      .thenThrows('PAY.STATEMENT_NOT_APPROVED');
  });

  it('refuses a blank payment reference and an unknown statement', () => {
    given(approvedStatement).when(command.settle('st-1', '')).thenThrows('PAY.INVALID_DETAILS');
    given(approvedStatement).when(command.settle('st-9')).thenThrows('PAY.STATEMENT_NOT_FOUND');
  });
});
