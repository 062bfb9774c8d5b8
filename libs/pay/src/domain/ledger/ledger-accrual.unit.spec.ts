import { deciderSpecification } from '@handoff/testing';
import { GAS_CARD, line, usd } from '../pay.fixtures';
import { command, LEDGER, recorded, at } from './ledger.fixtures';
import { payLedgerDecider } from './ledger.decider';
import type { AccrualRecorded } from './ledger.events';

const { given } = deciderSpecification(payLedgerDecider);

const accrualRecorded = (n: number, overrides: Partial<AccrualRecorded['data']> = {}): AccrualRecorded => ({
  type: 'AccrualRecorded',
  data: {
    ...LEDGER,
    accrualId: `delivered-${n}/delivery`,
    sourceEventId: `delivered-${n}`,
    rule: 'delivery',
    amount: usd(120),
    rateCardId: 'city-card',
    rateCardVersion: 1,
    basis: { rate: usd(120) },
    parcelId: `parcel-${n}`,
    work: { capacity: 'paid-courier', hubId: 'hub-city', routeId: 'route-7' },
    heldUnder: [],
    accruedAt: at(n),
    ...overrides,
  },
});

describe('RecordAccruals', () => {
  it('records each line with its source event, rule and rate card version', () => {
    const surge = line('surge-premium', usd(30));
    given([])
      .when(command.accrue(1, [line('delivery', usd(120)), surge]))
      .then([accrualRecorded(1), accrualRecorded(1, { accrualId: 'delivered-1/surge-premium', rule: 'surge-premium', amount: usd(30), basis: { rate: usd(30) } })]);
  });

  it('records credits beside cash, one line per credit unit', () => {
    given(recorded(command.accrue(1)))
      .when(command.volunteerShift(2))
      .then([
        {
          type: 'AccrualRecorded',
          data: {
            ...LEDGER,
            accrualId: 'shift-2/volunteer-shift-credit/gas-card-5-usd',
            sourceEventId: 'shift-2',
            rule: 'volunteer-shift-credit',
            amount: GAS_CARD,
            rateCardId: 'city-card',
            rateCardVersion: 1,
            basis: { rate: GAS_CARD },
            parcelId: null,
            work: { capacity: 'volunteer', hubId: 'hub-city', routeId: null },
            heldUnder: [],
            accruedAt: at(2),
          },
        },
      ]);
  });

  it('refuses work in a capacity the reports do not know, naming the field', () => {
    const error = given([])
      .when(command.accrue(1, undefined, { work: { capacity: 'contractor' as never, hubId: null, routeId: null } }))
      .thenThrows('PAY.INVALID_DETAILS');
    expect(error.message).toMatch(/work\.capacity must be one of paid-courier, gig-courier, volunteer, hub, coordinator, hourly/);
  });

  it('records an accrual on a held parcel as held, under the holds on it', () => {
    given(recorded(command.hold('hold-1', 3)))
      .when(command.accrue(3))
      .then([accrualRecorded(3, { heldUnder: ['hold-1'] })]);
  });

  it('does nothing when the same lines are recorded again (a replayed reaction)', () => {
    given(recorded(command.accrue(1)))
      .when(command.accrue(1))
      .thenNothing();
  });

  it('refuses a second, different accrual for the same source event and rule', () => {
    given(recorded(command.accrue(1)))
      .when(command.accrue(1, [line('delivery', usd(135), 2)]))
      .thenThrows('PAY.ALREADY_ACCRUED');
  });

  it("refuses a fact from another month: it belongs in that month's ledger", () => {
    given([])
      .when(command.accrue(1, undefined, { accruedAt: '2025-04-01T00:00:00.000Z' }))
      .thenThrows('PAY.OUTSIDE_PERIOD');
  });

  it("refuses cash in another currency than the ledger's", () => {
    given(recorded(command.accrue(1)))
      .when(command.accrue(2, [line('delivery', { amountMinor: 120, currency: 'CAD' })]))
      .thenThrows('PAY.CURRENCY_MISMATCH');
    given([])
      .when(command.accrue(2, [line('delivery', usd(120)), line('surge-premium', { amountMinor: 30, currency: 'CAD' })]))
      .thenThrows('PAY.CURRENCY_MISMATCH');
  });

  it('refuses no lines, a line of nothing, a rule repeated, an unknown rule, and a fractional cent', () => {
    given([]).when(command.accrue(1, [])).thenThrows('PAY.INVALID_DETAILS');
    given([])
      .when(command.accrue(1, [line('delivery', usd(0))]))
      .thenThrows('PAY.INVALID_DETAILS');
    given([])
      .when(command.accrue(1, [line('delivery', usd(120)), line('delivery', usd(120))]))
      .thenThrows('PAY.INVALID_DETAILS');
    given([])
      .when(command.accrue(1, [line('tip' as never, usd(120))]))
      .thenThrows('PAY.INVALID_DETAILS');
    given([])
      .when(command.accrue(1, [line('delivery', usd(1.5))]))
      .thenThrows('PAY.INVALID_DETAILS');
  });

  it("refuses a command for another ledger than the stream's", () => {
    given(recorded(command.accrue(1)))
      .when({ ...command.accrue(2), participantId: 'gig-1' })
      .thenThrows('PAY.INVALID_DETAILS');
  });
});

describe('AdjustPay', () => {
  it('records a correction, up or down, never touching the accrual', () => {
    given(recorded(command.accrue(1)))
      .when(command.adjust('adj-1', 15, { accrualId: 'delivered-1/delivery' }))
      .then([
        {
          type: 'PayAdjusted',
          data: {
            ...LEDGER,
            adjustmentId: 'adj-1',
            amount: usd(15),
            reason: command.adjust('adj-1', 15).reason,
            accrualId: 'delivered-1/delivery',
            parcelId: null,
            adjustedBy: 'admin-1',
            adjustedAt: at(20),
          },
        },
      ]);
  });

  it('does nothing when the same adjustment is recorded again', () => {
    given(recorded(command.adjust('adj-1', -40)))
      .when(command.adjust('adj-1', -40))
      .thenNothing();
  });

  it('refuses another adjustment under a used id, an adjustment of nothing, and one naming an unknown accrual', () => {
    given(recorded(command.adjust('adj-1', -40)))
      .when(command.adjust('adj-1', -50))
      .thenThrows('PAY.ALREADY_RECORDED');
    given([]).when(command.adjust('adj-1', 0)).thenThrows('PAY.INVALID_DETAILS');
    given([])
      .when(command.adjust('adj-1', 10, { accrualId: 'delivered-9/delivery' }))
      .thenThrows('PAY.ACCRUAL_NOT_FOUND');
    given([])
      .when(command.adjust('adj-1', 10, { reason: ' ' }))
      .thenThrows('PAY.INVALID_DETAILS');
  });
});

describe('ClawBackPay', () => {
  it('takes back part of an accrual', () => {
    given(recorded(command.accrue(1)))
      .when(command.clawBack('claw-1', 'delivered-1/delivery', 60))
      .then([
        {
          type: 'PayClawedBack',
          data: {
            ...LEDGER,
            clawbackId: 'claw-1',
            accrualId: 'delivered-1/delivery',
            amount: usd(60),
            reason: command.clawBack('claw-1', '', 0).reason,
            clawedBackBy: 'admin-1',
            clawedBackAt: at(21),
          },
        },
      ]);
  });

  it('does nothing when the same clawback is recorded again', () => {
    given(recorded(command.accrue(1), command.clawBack('claw-1', 'delivered-1/delivery', 120)))
      .when(command.clawBack('claw-1', 'delivered-1/delivery', 120))
      .thenNothing();
  });

  it('refuses to take back more than is left of the accrual, or from an accrual not there', () => {
    given(recorded(command.accrue(1), command.clawBack('claw-1', 'delivered-1/delivery', 100)))
      .when(command.clawBack('claw-2', 'delivered-1/delivery', 21))
      .thenThrows('PAY.CLAWBACK_EXCEEDS_ACCRUAL');
    given([])
      .when(command.clawBack('claw-1', 'delivered-1/delivery', 10))
      .thenThrows('PAY.ACCRUAL_NOT_FOUND');
  });

  it('refuses cash clawed back from a credit', () => {
    given(recorded(command.volunteerShift(2)))
      .when(command.clawBack('claw-1', 'shift-2/volunteer-shift-credit/gas-card-5-usd', 1))
      .thenThrows('PAY.INVALID_DETAILS');
  });
});
