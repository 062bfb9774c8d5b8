/**
 * A month of delivery accruals for the pay bench, in the ledger's own event shape (AccrualRecorded
 * v1), appended to `payledger-<participant>-<period>` streams, hash-chained as the projector
 * verifies them. One participant gets STATEMENT_ACCRUALS in the month (the statement query) and a
 * statement over STATED of them, whose accrual ids the statement view reads; the rest are spread
 * over HUBS hubs × ROUTES_PER_HUB routes and every capacity.
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { headOf, sealedEvents } from '@handoff/eventstore';
import type { AccrualRecorded, PayAmount, PayCapacity, StatementIssued } from '@handoff/pay';

export const PERIOD = '2026-03';
export const HUBS = 20;
export const ROUTES_PER_HUB = 10;
export const STATEMENT_PARTICIPANT = 'walker-bench';
export const STATEMENT_ACCRUALS = 10_000;
const STATED = 9_000;
/** Accruals per other participant's month (a busy courier's month). */
const PER_PARTICIPANT = 1_000;
const PER_APPEND = 500;

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
/** The mix of a city network (DOMAIN.md's rates): who earned what for one delivery. */
const KINDS: Array<{ capacity: PayCapacity; rule: AccrualRecorded['data']['rule']; amount: PayAmount; share: number }> = [
  { capacity: 'paid-courier', rule: 'delivery', amount: usd(120), share: 40 },
  { capacity: 'volunteer', rule: 'volunteer-delivery-credit', amount: { creditUnit: 'priority-slot', quantity: 1 }, share: 30 },
  { capacity: 'gig-courier', rule: 'delivery', amount: usd(600), share: 20 },
  { capacity: 'hub', rule: 'delivery', amount: usd(180), share: 5 },
  { capacity: 'coordinator', rule: 'handling-fee', amount: usd(25), share: 5 },
];
const KIND_BY_PERCENT = KINDS.flatMap((kind) => Array.from({ length: kind.share }, () => kind));

export const hubOf = (n: number) => `hub-${n % HUBS}`;

function accrual(participantId: string, kind: (typeof KINDS)[number], n: number, hub: number, route: number): { type: string; data: AccrualRecorded['data'] } {
  const sourceEventId = `ev-${participantId}-${n}`;
  const accruedAt = new Date(Date.UTC(2026, 2, 1 + (n % 28), 8 + (n % 10))).toISOString();
  return {
    type: 'AccrualRecorded',
    data: {
      participantId,
      period: PERIOD,
      accrualId: `${sourceEventId}/${kind.rule}${'creditUnit' in kind.amount ? `/${kind.amount.creditUnit}` : ''}`,
      sourceEventId,
      rule: kind.rule,
      amount: kind.amount,
      rateCardId: 'city-card',
      rateCardVersion: 1,
      basis: { rate: kind.amount },
      parcelId: `parcel-${participantId}-${n}`,
      work: { capacity: kind.capacity, hubId: `hub-${hub}`, routeId: kind.capacity === 'coordinator' ? null : `hub-${hub}-route-${route}` },
      heldUnder: [],
      accruedAt,
    },
  };
}

/** A statement over the statement participant's first `count` accruals (all paid couriers' deliveries at $1.20). */
function statementOver(count: number): { type: string; data: StatementIssued['data']; metadata: Record<string, unknown> } {
  const issuedAt = '2026-03-31T18:00:00.000Z';
  return {
    type: 'StatementIssued',
    data: {
      participantId: STATEMENT_PARTICIPANT,
      period: PERIOD,
      statementId: 'st-bench',
      accrualIds: Array.from({ length: count }, (_, n) => `ev-${STATEMENT_PARTICIPANT}-${n}/delivery`),
      adjustmentIds: [],
      clawbackIds: [],
      cashTotal: usd(count * 120),
      creditTotals: [],
      secondApprovalAbove: usd(50_000),
      approvalsRequired: 2,
      issuedBy: 'system',
      issuedAt,
    },
    metadata: { recordedAt: issuedAt, occurredAt: issuedAt },
  };
}

/** Appends `total` accruals (many appends in flight); resolves with the number of ledger streams. */
export async function seedAccruals(client: EventStoreDBClient, total: number, writers = 32): Promise<number> {
  const others = Math.ceil((total - STATEMENT_ACCRUALS) / PER_PARTICIPANT);
  const ledgers = [{ participantId: STATEMENT_PARTICIPANT, count: STATEMENT_ACCRUALS, hub: 0 }];
  for (let p = 0; p < others; p++) ledgers.push({ participantId: `courier-${p}`, count: Math.min(PER_PARTICIPANT, total - STATEMENT_ACCRUALS - p * PER_PARTICIPANT), hub: p % HUBS });
  let next = 0;
  const work = async () => {
    for (;;) {
      const ledger = ledgers[next++];
      if (!ledger) return;
      const stream = `payledger-${ledger.participantId}-${PERIOD}`;
      // A participant works at one hub and mostly in one capacity, as couriers do.
      const kind = KIND_BY_PERCENT[(ledgers.indexOf(ledger) * 37) % 100]!;
      let head: string | null = null;
      for (let offset = 0; offset < ledger.count; offset += PER_APPEND) {
        const events = [];
        for (let n = offset; n < Math.min(ledger.count, offset + PER_APPEND); n++) {
          const event = accrual(ledger.participantId, ledger.participantId === STATEMENT_PARTICIPANT ? KINDS[0]! : kind, n, ledger.hub, n % ROUTES_PER_HUB);
          events.push({ ...event, metadata: { recordedAt: event.data.accruedAt, occurredAt: event.data.accruedAt } });
        }
        const sealed = sealedEvents(stream, events, head);
        head = headOf(sealed);
        await client.appendToStream(stream, sealed);
      }
      if (ledger.participantId === STATEMENT_PARTICIPANT) await client.appendToStream(stream, sealedEvents(stream, [statementOver(STATED)], head));
    }
  };
  await Promise.all(Array.from({ length: writers }, work));
  return ledgers.length;
}
