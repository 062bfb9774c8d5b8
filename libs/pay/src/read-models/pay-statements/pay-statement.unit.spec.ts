import { command, LEDGER, recorded } from '../../domain/ledger/ledger.fixtures';
import { GAS_CARD, line, usd } from '../../domain/pay.fixtures';
import { foldProjection, recordedAt } from '../pay-read-models.fixtures';
import { payReadModelsProjection } from '../pay-read-models.projection';
import { LINES_PER_BUCKET, STATEMENT_LINES, STATEMENT_MONTHS } from './pay-statement.projection';
import { pageOfLines, statementMonthView } from './pay-statement.view';

const STREAM = `payledger-${LEDGER.participantId}-${LEDGER.period}`;

/** walker-1's March: three deliveries, a gas card, a hold on parcel 2, an adjustment, a clawback, a statement approved and settled. */
const marchCommands = [
  command.accrue(1),
  command.accrue(2),
  command.volunteerShift(3),
  command.hold('hold-1', 2),
  command.accrue(2, [line('surge-premium', usd(30))], { sourceEventId: 'delivered-2-late' }),
  command.adjust('adj-1', 15),
  command.clawBack('claw-1', 'delivered-1/delivery', 20),
  command.issue('st-1'),
  command.approve('st-1', 'admin-1'),
  command.settle('st-1', 'ACH-1'),
  command.accrue(4),
];
const march = recorded(...marchCommands);

const viewOf = (events = march, rounds = 1, page = { after: -1, limit: 1_000 }) => {
  const envelopes = recordedAt(events.map((event) => ({ ...event, stream: STREAM })));
  let folded = foldProjection(payReadModelsProjection, envelopes);
  for (let round = 1; round < rounds; round++) folded = foldProjection(payReadModelsProjection, envelopes, folded);
  const buckets = [...folded[STATEMENT_LINES]!.values()];
  return { folded, view: statementMonthView(folded[STATEMENT_MONTHS]!.get('walker-1|2025-03')!, pageOfLines(buckets, page.after, page.limit)) };
};

describe('pay statements read model', () => {
  it('lists every line of the month with its rule, amount, rate card version, source event, hold and statement', () => {
    const { view } = viewOf();
    expect(view.lines.map((l) => [l.kind, 'accrualId' in l ? l.accrualId : null, l.statementId])).toEqual([
      ['accrual', 'delivered-1/delivery', 'st-1'],
      ['accrual', 'delivered-2/delivery', null],
      ['accrual', 'shift-3/volunteer-shift-credit/gas-card-5-usd', 'st-1'],
      ['accrual', 'delivered-2-late/surge-premium', null],
      ['adjustment', null, 'st-1'],
      ['clawback', 'delivered-1/delivery', 'st-1'],
      ['accrual', 'delivered-4/delivery', null],
    ]);
    expect(view.lines[0]).toMatchObject({ rule: 'delivery', amount: usd(120), rateCardId: 'city-card', rateCardVersion: 1, sourceEventId: 'delivered-1', parcelId: 'parcel-1', held: false });
    // Held by the hold placed on it, and (recorded later) by the hold it was recorded under.
    expect(view.lines.filter((l) => l.held).map((l) => ('accrualId' in l ? l.accrualId : null))).toEqual(['delivered-2/delivery', 'delivered-2-late/surge-premium']);
  });

  it('totals cash per currency and credits per unit, never mixed', () => {
    const { view } = viewOf();
    expect(view.accrued).toEqual({ cash: [usd(390)], credits: [GAS_CARD] });
    expect(view.adjusted).toEqual({ cash: [usd(15)], credits: [] });
    expect(view.clawedBack).toEqual({ cash: [usd(20)], credits: [] });
    expect(view.totals).toEqual({ cash: [usd(385)], credits: [GAS_CARD] });
    expect(view.counts).toEqual({ accruals: 5, adjustments: 1, clawbacks: 1, heldAccruals: 2 });
    // What the statement took, what is held and what is left add up to the month, to the cent.
    const cashOf = (filter: (line: (typeof view.lines)[number]) => boolean) =>
      view.lines.filter(filter).reduce((sum, line) => sum + (line.kind === 'clawback' ? -1 : 1) * ('amountMinor' in line.amount ? line.amount.amountMinor : 0), 0);
    expect(cashOf((line) => line.held === true)).toBe(150);
    expect(cashOf((line) => line.statementId === null && line.held !== true)).toBe(120);
    expect(view.statements[0]!.cashTotal!.amountMinor + 150 + 120).toBe(view.totals.cash[0]!.amountMinor);
  });

  it('follows a statement from issued to settled, and a hold to its release', () => {
    const issued = viewOf(march.slice(0, 8)).view;
    expect(issued.statements).toEqual([expect.objectContaining({ statementId: 'st-1', state: 'issued', cashTotal: usd(115), approvals: [], settlement: null })]);
    expect(issued.holds).toEqual([expect.objectContaining({ holdId: 'hold-1', parcelId: 'parcel-2', released: null })]);
    const { view } = viewOf();
    expect(view.statements[0]).toMatchObject({
      state: 'settled',
      approvals: [{ approvedBy: 'admin-1', approvalNumber: 1 }],
      settlement: { paymentReference: 'ACH-1' },
      lines: { accruals: 2, adjustments: 1, clawbacks: 1 },
    });
    const released = viewOf(recorded(...marchCommands, command.release('hold-1'))).view;
    expect(released.holds[0]!.released).toEqual({ releasedBy: 'disputes', releasedAt: expect.any(String) });
    expect(released.counts.heldAccruals).toBe(0);
  });

  it('shows a statement awaiting its second approver as partly approved', () => {
    const events = recorded(command.accrue(1), command.issue('st-1', 100), command.approve('st-1', 'admin-1'));
    expect(viewOf(events).view.statements[0]).toMatchObject({ state: 'partly-approved', approvalsRequired: 2 });
  });

  it('keeps lines in buckets by ledger revision, and pages them in ledger order', () => {
    const many = recorded(...Array.from({ length: LINES_PER_BUCKET + 5 }, (_, n) => command.accrue(n + 1, undefined, { accruedAt: '2025-03-05T10:00:00.000Z' })));
    const { folded, view } = viewOf(many);
    expect([...folded[STATEMENT_LINES]!.keys()]).toEqual(['walker-1|2025-03|0', 'walker-1|2025-03|1']);
    expect(view.lines).toHaveLength(LINES_PER_BUCKET + 5);
    expect(view.next).toBeNull();
    expect(view.totals.cash).toEqual([usd(120 * (LINES_PER_BUCKET + 5))]);
    const first = viewOf(many, 1, { after: -1, limit: 150 }).view;
    expect(first.lines.map((line) => line.revision)).toEqual(Array.from({ length: 150 }, (_, n) => n));
    expect(first.next).toBe(149);
    const second = viewOf(many, 1, { after: 149, limit: 150 }).view;
    expect(second.lines.map((line) => line.revision)).toEqual(Array.from({ length: 55 }, (_, n) => 150 + n));
    expect(second.next).toBeNull();
    // Totals are the month's whatever the page.
    expect(second.totals).toEqual(view.totals);
  });

  it('is the same read model when every event is applied twice', () => {
    const once = viewOf();
    const twice = viewOf(march, 2);
    expect(twice.folded).toEqual(once.folded);
    expect(twice.view).toEqual(once.view);
  });
});
