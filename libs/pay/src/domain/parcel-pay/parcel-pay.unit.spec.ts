import { deciderSpecification } from '@handoff/testing';
import { line, usd } from '../pay.fixtures';
import type { ParcelPayCommandOf } from './parcel-pay.commands';
import { parcelPayDecider } from './parcel-pay.decider';
import type { ParcelPayEvent, PayPosting } from './parcel-pay.events';

const { given } = deciderSpecification(parcelPayDecider);
const at = (hour: number) => `2025-03-04T${String(hour).padStart(2, '0')}:00:00.000Z`;
const posting = (participantId: string, sourceEventId: string, parcelId: string | null = 'parcel-1'): PayPosting => ({
  participantId,
  period: '2025-03',
  sourceEventId,
  parcelId,
  work: { capacity: 'paid-courier', hubId: 'city-hub', routeId: 'route-7' },
  lines: [line('delivery', usd(120))],
  accruedAt: at(9),
});
const price = (sourceEventId: string, postings: PayPosting[]): ParcelPayCommandOf => ({ type: 'PriceParcelPay', parcelId: 'parcel-1', sourceEventId, postings, unpriced: [], pricedAt: at(10) });
const hold = (holdId: string, reason = 'Dispute d-1: dented'): ParcelPayCommandOf => ({ type: 'HoldParcelPay', parcelId: 'parcel-1', holdId, reason, placedBy: 'admin-1', placedAt: at(11) });
const release = (holdId: string): ParcelPayCommandOf => ({ type: 'ReleaseParcelPay', parcelId: 'parcel-1', holdId, releasedBy: 'admin-1', releasedAt: at(12) });
const terms = (holdId: string) => ({ holdId, reason: 'Dispute d-1: dented', placedBy: 'admin-1', placedAt: at(11) });

const priced = (sourceEventId: string, postings: PayPosting[], activeHolds: ReturnType<typeof terms>[] = []): ParcelPayEvent => ({
  type: 'ParcelPayPriced',
  data: { parcelId: 'parcel-1', sourceEventId, postings, unpriced: [], activeHolds, pricedAt: at(10) },
});
const placed = (holdId: string, ledgers: { participantId: string; period: string }[]): ParcelPayEvent => ({ type: 'ParcelPayHoldPlaced', data: { parcelId: 'parcel-1', ...terms(holdId), ledgers } });

describe('PriceParcelPay', () => {
  it('records the postings of a source event once, with the holds on the parcel at that moment', () => {
    given([placed('hold-1', [])])
      .when(price('delivered-1', [posting('walker-1', 'delivered-1')]))
      .then([priced('delivered-1', [posting('walker-1', 'delivered-1')], [terms('hold-1')])]);
  });

  it('prices a source event once: the same event again records nothing', () => {
    given([priced('delivered-1', [posting('walker-1', 'delivered-1')])])
      .when(price('delivered-1', [posting('walker-1', 'delivered-1')]))
      .thenNothing();
  });

  it("refuses a posting of another parcel's pay", () => {
    given([])
      .when(price('delivered-1', [posting('walker-1', 'delivered-1', 'parcel-2')]))
      .thenThrows('PAY.INVALID_PARCEL_PAY');
  });
});

describe('HoldParcelPay and ReleaseParcelPay', () => {
  it("name every ledger the parcel's pay reached, and not a retainer's ledger posted beside it", () => {
    given([priced('delivered-1', [posting('walker-1', 'delivered-1'), posting('coord-1', 'retainer-2025-03', null)])])
      .when(hold('hold-1'))
      .then([placed('hold-1', [{ participantId: 'walker-1', period: '2025-03' }])]);
  });

  it('releases a hold in the ledgers reached by then, including those reached while it lasted', () => {
    given([placed('hold-1', []), priced('delivered-1', [posting('walker-1', 'delivered-1')], [terms('hold-1')])])
      .when(release('hold-1'))
      .then([
        { type: 'ParcelPayHoldLifted', data: { parcelId: 'parcel-1', holdId: 'hold-1', releasedBy: 'admin-1', releasedAt: at(12), ledgers: [{ participantId: 'walker-1', period: '2025-03' }] } },
      ]);
  });

  it('does nothing for a hold placed again or released twice; refuses an unknown hold and a reused id', () => {
    given([placed('hold-1', [])])
      .when(hold('hold-1'))
      .thenNothing();
    given([placed('hold-1', []), { type: 'ParcelPayHoldLifted', data: { parcelId: 'parcel-1', holdId: 'hold-1', releasedBy: 'a', releasedAt: at(12), ledgers: [] } }])
      .when(release('hold-1'))
      .thenNothing();
    given([]).when(release('hold-9')).thenThrows('PAY.PARCEL_HOLD_NOT_FOUND');
    given([placed('hold-1', [])])
      .when(hold('hold-1', 'another reason'))
      .thenThrows('PAY.PARCEL_HOLD_EXISTS');
  });
});

describe('NoteSurgeClaim', () => {
  const claim: ParcelPayCommandOf = { type: 'NoteSurgeClaim', parcelId: 'parcel-1', offerId: 'offer-1', windowId: 'rush', hubId: 'city-hub', participantId: 'vol-1', claimedAt: at(8) };
  it('notes a claim once', () => {
    const noted: ParcelPayEvent = { type: 'ParcelSurgeClaimNoted', data: { parcelId: 'parcel-1', offerId: 'offer-1', windowId: 'rush', hubId: 'city-hub', participantId: 'vol-1', claimedAt: at(8) } };
    given([]).when(claim).then([noted]);
    given([noted]).when(claim).thenNothing();
    given([])
      .when({ ...claim, claimedAt: 'yesterday' })
      .thenThrows('PAY.INVALID_PARCEL_PAY');
  });
});
