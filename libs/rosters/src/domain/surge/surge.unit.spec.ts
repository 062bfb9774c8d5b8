import { deciderSpecification } from '@handoff/testing';
import { admin, at, coordinator, DAY, HOUR, hub, HUB_ID, MINUTE, otherCoordinator } from '../shared/roster.fixtures';
import { claim, declare, decline, LAPSE_MS, offer, release, surgeEvents, sweep, WINDOW_FROM } from './surge.fixtures';
import { surgeDecider } from './surge.decider';
import type { SurgeDeliveryOffered, SurgeOfferLapsed } from './surge.events';

const { given } = deciderSpecification(surgeDecider);
const inWindow = (minutes: number) => at(WINDOW_FROM + minutes * MINUTE);

/** What every fact about offer n names. */
const offerOf = (n: number) => ({ offerId: `offer-${n}`, windowId: 'surge-1', hubId: HUB_ID, blockId: 'b-north', parcelId: `p-${n}`, participantId: 'vol-ana' });

const offered = (n: number, minutes = n): SurgeDeliveryOffered => ({
  type: 'SurgeDeliveryOffered',
  data: {
    ...offerOf(n),
    sorterShiftId: 'shift-ana-1',
    offerNumber: n,
    offeredBy: 'coord-1',
    offeredAt: inWindow(minutes),
    lapsesAt: at(WINDOW_FROM + minutes * MINUTE + LAPSE_MS),
  },
});

const lapsed = (n: number, offeredAtMinutes: number, recordedAtMinutes: number): SurgeOfferLapsed => ({
  type: 'SurgeOfferLapsed',
  data: {
    ...offerOf(n),
    lapsedAt: at(WINDOW_FROM + offeredAtMinutes * MINUTE + LAPSE_MS),
    recordedAt: inWindow(recordedAtMinutes),
  },
});

describe('DeclareSurgeWindow', () => {
  it("declares a window at the coordinator's own hub with its limit per block and lapse time; a repeat does nothing", () => {
    given([])
      .when(declare())
      .then([
        {
          type: 'SurgeWindowDeclared',
          data: {
            windowId: 'surge-1',
            hubId: HUB_ID,
            from: inWindow(0),
            until: at(WINDOW_FROM + 4 * HOUR),
            offerLimitPerBlock: 5,
            offerLapseMs: LAPSE_MS,
            declaredBy: 'coord-1',
            declaredAt: at(7 * DAY),
          },
        },
      ]);
    given(surgeEvents(declare())).when(declare()).thenNothing();
    given(surgeEvents(declare()))
      .when(declare({ offerLimitPerBlock: 3 }))
      .thenThrows('SURGE.WINDOW_ALREADY_DECLARED');
  });

  it("refuses another hub's coordinator and bad terms", () => {
    given([])
      .when(declare({ actor: otherCoordinator }))
      .thenThrows('ROSTER.NOT_HUB_COORDINATOR');
    given([])
      .when(declare({ until: inWindow(0) }))
      .thenThrows('SURGE.INVALID_DETAILS');
    given([])
      .when(declare({ until: at(WINDOW_FROM + 8 * DAY) }))
      .thenThrows('SURGE.INVALID_DETAILS');
    given([])
      .when(declare({ offerLimitPerBlock: 0 }))
      .thenThrows('SURGE.INVALID_DETAILS');
    given([])
      .when(declare({ offerLapseMs: 1_000 }))
      .thenThrows('SURGE.INVALID_DETAILS');
    given([])
      .when(declare({ now: at(WINDOW_FROM + 5 * HOUR) }))
      .thenThrows('SURGE.INVALID_DETAILS');
  });
});

describe('OfferSurgeDelivery: first refusal to the block’s sorter, up to the limit', () => {
  it('offers a delivery to the volunteer who sorts its block, lapsing after the configured time', () => {
    given(surgeEvents(declare()))
      .when(offer(1))
      .then([offered(1)]);
    given(surgeEvents(declare(), offer(1)))
      .when(offer(1))
      .thenNothing();
  });

  it('gives at most 5 first refusals per block: the sixth is refused, another block still has its own five', () => {
    const five = surgeEvents(declare(), offer(1), offer(2), offer(3), offer(4), offer(5));
    const refusal = given(five).when(offer(6)).thenThrows('SURGE.OFFER_LIMIT_REACHED');
    expect(refusal.details).toMatchObject({ limit: 5, blockId: 'b-north' });
    given(five)
      .when(offer(6, 6, { blockId: 'b-south' }))
      .then([{ ...offered(6), data: { ...offered(6).data, blockId: 'b-south', offerNumber: 1 } }]);
    // Declined and lapsed offers count too: each was a first refusal given.
    const used = surgeEvents(declare({ offerLimitPerBlock: 2 }), offer(1), decline(1, 2), offer(2, 3));
    given(used).when(offer(3, 40)).thenThrows('SURGE.OFFER_LIMIT_REACHED');
  });

  it('refuses outside the window, with no sorter, a parcel offered twice, and an unknown window', () => {
    given(surgeEvents(declare())).when(offer(1, -1)).thenThrows('SURGE.WINDOW_NOT_OPEN');
    given(surgeEvents(declare())).when(offer(1, 240)).thenThrows('SURGE.WINDOW_NOT_OPEN');
    given(surgeEvents(declare()))
      .when(offer(1, 1, { sorter: null }))
      .thenThrows('SURGE.NO_SORTER');
    given(surgeEvents(declare(), offer(1)))
      .when(offer(2, 2, { parcelId: 'p-1' }))
      .thenThrows('SURGE.PARCEL_ALREADY_OFFERED');
    given([]).when(offer(1)).thenThrows('SURGE.WINDOW_NOT_FOUND');
    given(surgeEvents(declare()))
      .when(offer(1, 1, { actor: otherCoordinator }))
      .thenThrows('ROSTER.NOT_HUB_COORDINATOR');
  });

  it('records the lapses due before the new offer, in the order they lapsed', () => {
    given(surgeEvents(declare(), offer(1, 0), offer(2, 1)))
      .when(offer(3, 20))
      .then([lapsed(1, 0, 20), lapsed(2, 1, 20), offered(3, 20)]);
  });
});

describe('ClaimSurgeOffer and DeclineSurgeOffer: the volunteer’s own, before the offer lapses', () => {
  it('claims: the fact pay prices', () => {
    given(surgeEvents(declare(), offer(1)))
      .when(claim(1, 5))
      .then([{ type: 'SurgeDeliveryClaimed', data: { ...offerOf(1), claimedAt: inWindow(5) } }]);
    given(surgeEvents(declare(), offer(1), claim(1, 5)))
      .when(claim(1, 6))
      .thenNothing();
  });

  it('lapses exactly at lapsesAt: a claim a millisecond before is accepted, at it refused, and after a recorded lapse refused', () => {
    const history = surgeEvents(declare(), offer(1, 0));
    const lapsesAt = Date.parse(inWindow(0)) + LAPSE_MS;
    expect(surgeDecider.decide({ ...claim(1, 0), now: new Date(lapsesAt - 1).toISOString() }, history.reduce(surgeDecider.evolve, surgeDecider.initialState()))).toHaveLength(1);
    given(history)
      .when({ ...claim(1, 0), now: new Date(lapsesAt).toISOString() })
      .thenThrows('SURGE.OFFER_LAPSED');
    given(surgeEvents(declare(), offer(1, 0), sweep(30)))
      .when(claim(1, 31))
      .thenThrows('SURGE.OFFER_LAPSED');
    given(surgeEvents(declare(), offer(1, 0), sweep(30)))
      .when(decline(1, 31))
      .thenThrows('SURGE.OFFER_LAPSED');
  });

  it("answers another volunteer's offer as unknown, refuses a suspended volunteer, and a claim after a decline", () => {
    given(surgeEvents(declare(), offer(1)))
      .when(claim(1, 2, { participantId: 'vol-ben' }))
      .thenThrows('SURGE.OFFER_NOT_FOUND');
    given(surgeEvents(declare(), offer(1)))
      .when(claim(1, 2, { participantSuspended: true }))
      .thenThrows('SURGE.PARTICIPANT_SUSPENDED');
    given(surgeEvents(declare(), offer(1), decline(1, 2)))
      .when(claim(1, 3))
      .thenThrows('SURGE.OFFER_DECLINED');
    given(surgeEvents(declare(), offer(1), claim(1, 2)))
      .when(decline(1, 3))
      .thenThrows('SURGE.OFFER_CLAIMED');
    given(surgeEvents(declare(), offer(1), decline(1, 2)))
      .when(decline(1, 3))
      .thenNothing();
    given([]).when(claim(1, 2)).thenThrows('SURGE.WINDOW_NOT_FOUND');
  });
});

describe('RecordSurgeLapses: each lapse recorded once', () => {
  it('records the lapses due by its time, and nothing on a repeat', () => {
    const history = surgeEvents(declare(), offer(1, 0), offer(2, 10));
    given(history).when(sweep(14)).thenNothing();
    given(history)
      .when(sweep(15))
      .then([lapsed(1, 0, 15)]);
    given(surgeEvents(declare(), offer(1, 0), offer(2, 10), sweep(15)))
      .when(sweep(40))
      .then([lapsed(2, 10, 40)]);
    given(surgeEvents(declare(), offer(1, 0), sweep(15)))
      .when(sweep(40))
      .thenNothing();
    given(history)
      .when(sweep(15, { actor: otherCoordinator }))
      .thenThrows('ROSTER.NOT_HUB_COORDINATOR');
  });
});

describe('ReleaseSurgeDeliveryToGig: only after the volunteer’s refusal or lapse', () => {
  const releasedToGig = (n: number, minutes: number, offerId: string | null, reason: string, by = 'coord-1') => ({
    type: 'SurgeDeliveryReleasedToGig' as const,
    data: { windowId: 'surge-1', hubId: HUB_ID, blockId: 'b-north', parcelId: `p-${n}`, offerId, reason: reason as never, releasedBy: by, releasedAt: inWindow(minutes) },
  });

  it('refuses while the offer is open, releases after a decline, and records the lapse before a release after it', () => {
    given(surgeEvents(declare(), offer(1, 0)))
      .when(release(1, 5))
      .thenThrows('SURGE.FIRST_REFUSAL_PENDING');
    given(surgeEvents(declare(), offer(1, 0), decline(1, 3)))
      .when(release(1, 5))
      .then([releasedToGig(1, 5, 'offer-1', 'declined')]);
    given(surgeEvents(declare(), offer(1, 0)))
      .when(release(1, 15))
      .then([lapsed(1, 0, 15), releasedToGig(1, 15, 'offer-1', 'lapsed')]);
    given(surgeEvents(declare(), offer(1, 0), sweep(20)))
      .when(release(1, 25, { actor: admin }))
      .then([releasedToGig(1, 25, 'offer-1', 'lapsed', 'admin-1')]);
    given(surgeEvents(declare(), offer(1, 0), claim(1, 1)))
      .when(release(1, 5))
      .thenThrows('SURGE.OFFER_CLAIMED');
    given(surgeEvents(declare(), offer(1, 0), decline(1, 3), release(1, 5)))
      .when(release(1, 6))
      .thenNothing();
  });

  it('a parcel never offered goes to gig only when its block has no sorter or no offers left', () => {
    given(surgeEvents(declare())).when(release(1, 5)).thenThrows('SURGE.FIRST_REFUSAL_REQUIRED');
    given(surgeEvents(declare()))
      .when(release(1, 5, { sorter: null }))
      .then([releasedToGig(1, 5, null, 'no-sorter')]);
    given(surgeEvents(declare({ offerLimitPerBlock: 1 }), offer(1, 0), claim(1, 1)))
      .when(release(2, 5))
      .then([releasedToGig(2, 5, null, 'limit-reached')]);
    given(surgeEvents(declare(), release(1, 5, { sorter: null })))
      .when(offer(1, 6))
      .thenThrows('SURGE.PARCEL_ALREADY_RELEASED');
    given(surgeEvents(declare()))
      .when(release(1, 250, { sorter: null }))
      .thenThrows('SURGE.WINDOW_NOT_OPEN');
  });
});

it('keeps the hub out of reach of a suspended coordinator', () => {
  given(surgeEvents(declare()))
    .when(offer(1, 1, { hub: { ...hub, suspended: true } }))
    .thenThrows('ROSTER.ACTOR_SUSPENDED');
  given([])
    .when(declare({ actor: { ...coordinator, suspended: true } }))
    .thenThrows('ROSTER.ACTOR_SUSPENDED');
});
