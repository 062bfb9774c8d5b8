/** OpenAPI response examples: DOMAIN.md's figures ($1.80 at the rural hub, walkers $1.20, gig $6, a $5 gas card per shift). */
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

export const STATEMENT_EXAMPLE = {
  participantId: 'walker-ana',
  period: '2026-03',
  totals: { cash: [usd(355)], credits: [] },
  accrued: { cash: [usd(360)], credits: [] },
  adjusted: { cash: [usd(15)], credits: [] },
  clawedBack: { cash: [usd(20)], credits: [] },
  counts: { accruals: 3, adjustments: 1, clawbacks: 1, heldAccruals: 1 },
  statements: [
    {
      statementId: 'st-2026-03-1',
      state: 'settled',
      cashTotal: usd(220),
      creditTotals: [],
      approvalsRequired: 1,
      approvals: [{ approvedBy: 'admin-1', approvalNumber: 1, approvedAt: '2026-04-01T09:00:00.000Z' }],
      issuedBy: 'admin-1',
      issuedAt: '2026-03-31T18:00:00.000Z',
      settlement: { paymentReference: 'ACH-88213', settledBy: 'admin-1', settledAt: '2026-04-02T10:00:00.000Z' },
      lines: { accruals: 2, adjustments: 0, clawbacks: 1 },
    },
  ],
  holds: [{ holdId: 'hold-1', parcelId: 'p-77', reason: 'dispute d-4: dented', placedBy: 'admin-1', placedAt: '2026-03-20T12:00:00.000Z', released: null }],
  lines: [
    {
      revision: 0,
      kind: 'accrual',
      accrualId: 'ev-1/delivery',
      rule: 'delivery',
      amount: usd(120),
      rateCardId: 'city-walkers',
      rateCardVersion: 2,
      sourceEventId: 'ev-1',
      parcelId: 'p-12',
      heldUnder: [],
      at: '2026-03-03T10:12:00.000Z',
      held: false,
      statementId: 'st-2026-03-1',
    },
  ],
  next: null,
};

const figures = (capacity: string, deliveries: number, minutes: number, earned: object, perDelivery: object[]) => ({
  capacity,
  deliveries,
  surgeDeliveries: 0,
  hours: { minutes, shifts: minutes > 0 ? 1 : 0 },
  earned,
  perDelivery,
});

export const PAY_EQUITY_EXAMPLE = {
  hubId: 'hub-city',
  period: '2026-03',
  hub: [
    figures('paid-courier', 40, 0, { cash: [usd(4_800)], credits: [] }, [{ currency: 'USD', amountMinor: 120, remainder: 0, over: 40 }]),
    figures('volunteer', 38, 480, { cash: [], credits: [{ creditUnit: 'priority-slot', quantity: 38 }] }, [{ creditUnit: 'priority-slot', quantity: 1, remainder: 0, over: 38 }]),
    figures('gig-courier', 12, 0, { cash: [usd(7_200)], credits: [] }, [{ currency: 'USD', amountMinor: 600, remainder: 0, over: 12 }]),
  ],
  routes: [{ routeId: 'loop-north', capacities: [figures('paid-courier', 40, 0, { cash: [usd(4_800)], credits: [] }, [{ currency: 'USD', amountMinor: 120, remainder: 0, over: 40 }])] }],
  surge: {
    offered: 5,
    claimed: 3,
    declined: 1,
    lapsed: 1,
    releasedToGig: 2,
    releasedByReason: { declined: 1, lapsed: 1, 'limit-reached': 0, 'no-sorter': 0 },
    blocks: [{ blockId: 'b-north', offered: 5, claimed: 3, declined: 1, lapsed: 1, releasedToGig: 2, releasedByReason: { declined: 1, lapsed: 1, 'limit-reached': 0, 'no-sorter': 0 } }],
  },
};

export const DELIVERY_COST_EXAMPLE = {
  hubId: 'hub-rural',
  period: '2026-03',
  all: { deliveries: 3, cost: { cash: [usd(1_000)], credits: [] }, perDelivery: [{ currency: 'USD', amountMinor: 333, remainder: 1, over: 3 }] },
  byCapacity: [{ capacity: 'hub', deliveries: 3, cost: { cash: [usd(1_000)], credits: [] }, perDelivery: [{ currency: 'USD', amountMinor: 333, remainder: 1, over: 3 }] }],
};

export const COORDINATOR_CYCLES_EXAMPLE = {
  participantId: 'coord-ruth',
  period: '2026-03',
  hubIds: ['hub-city'],
  parcelsHandled: 120,
  beforeNoon: 84,
  beforeNoonShare: 0.7,
  bonus: { cash: [usd(2_100)], credits: [] },
  handlingFees: { cash: [usd(3_000)], credits: [] },
  retainer: { cash: [usd(32_000)], credits: [] },
  cycles: [{ hubId: 'hub-city', cycles: 6, cyclesOverCap: 1, parcelsOverCap: 4 }],
};

export const ANNUAL_TOTALS_EXAMPLE = {
  participantId: 'gig-dana',
  year: '2026',
  earned: { cash: [usd(72_000)], credits: [] },
  settled: { cash: [usd(66_000)], credits: [] },
  reporting: {
    jurisdiction: 'US',
    threshold: usd(60_000),
    settledInCurrency: usd(66_000),
    reportable: true,
    basis: 'cash settled in the calendar year, in the threshold currency; credits are not cash and are not counted',
  },
};
