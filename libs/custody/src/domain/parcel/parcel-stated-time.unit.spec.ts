import { deciderSpecification } from '@handoff/testing';
import { parcelDecider } from './parcel.decider';
import { ana, at, command, hash, history, hub, NOW, PARCEL_ID, RECORDING, recorded, retailer, standing } from './parcel.fixtures';

const { given } = deciderSpecification(parcelDecider);

const HOUR = 3_600_000;
const minutesFromNow = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

describe('the time a client states (ADR 0008)', () => {
  it('refuses a fact stated more than the skew ahead of the server clock, and accepts one within it', () => {
    given([])
      .when(command.register({ registeredAt: '9999-12-31T23:59:59Z' }))
      .thenThrows('PARCEL.TIME_IN_FUTURE');
    given(history.atHub())
      .when(command.sort({ sortedAt: minutesFromNow(6) }))
      .thenThrows('PARCEL.TIME_IN_FUTURE');
    given(history.atHub())
      .when(command.sort({ sortedAt: minutesFromNow(4) }))
      .then([{ type: 'ParcelSorted', data: { parcelId: PARCEL_ID, hubId: hub.id, toteId: 'tote-3', routeId: 'loop-north', sortedAt: minutesFromNow(4) } }]);
  });

  it("refuses a fact dated before the parcel's last one: an accept three days before its own offer", () => {
    const refusal = given(history.offeredToAna())
      .when(command.accept(standing.paidCourier, { acceptedAt: at(20 - 3 * 24 * 60), recording: { ...RECORDING, now: at(30) } }))
      .thenThrows('PARCEL.BACKFILL_NOT_ALLOWED');
    expect(refusal.kind).toBe('rule-broken');
    given(history.offeredToAna())
      .when(command.accept(standing.paidCourier, { acceptedAt: at(19) }))
      .thenThrows('PARCEL.TIME_OUT_OF_ORDER');
    given(history.withAna())
      .when(command.deliver(ana, { deliveredAt: at(21) }))
      .thenThrows('PARCEL.TIME_OUT_OF_ORDER');
    // The same instant as the last fact is in order.
    given(history.withAna())
      .when(command.deliver(ana, { deliveredAt: at(22) }))
      .then([expect.objectContaining({ type: 'ParcelDelivered' })]);
  });

  it('refuses 1970 from a courier or a retailer: older than the window, and they may not backfill', () => {
    given([])
      .when(command.register({ registeredAt: '1970-01-01T00:00:00Z' }))
      .thenThrows('PARCEL.BACKFILL_NOT_ALLOWED');
    given(history.withAna())
      .when(command.deliver(ana, { deliveredAt: '1970-01-01T00:00:00Z' }))
      .thenThrows('PARCEL.BACKFILL_NOT_ALLOWED');
  });

  it('lets a hub backfill a fact older than the window, flagged backdated on the event; still in order', () => {
    const fourDaysLater = { ...RECORDING, now: new Date(Date.parse(at(10)) + 96 * HOUR).toISOString() };
    const state = given(history.registered())
      .when(command.receiveAtHub({ receivedAt: at(10), recording: fourDaysLater }))
      .then([
        {
          type: 'ParcelReceivedAtHub',
          data: { parcelId: PARCEL_ID, hubId: hub.id, from: retailer, condition: { condition: 'intact' }, cycle: { cycleId: 'cycle-1' }, receivedAt: at(10), backdated: true },
        },
      ]);
    expect(state).toMatchObject({ holder: hub, lastFactAt: at(10) });
    given(history.atHub())
      .when(command.sort({ sortedAt: at(5), recording: fourDaysLater }))
      .thenThrows('PARCEL.TIME_OUT_OF_ORDER');
  });

  it('dates a fact the server timed (no occurredAt) no earlier than the last fact, which may be up to the skew ahead', () => {
    const history2 = recorded(command.register(), command.receiveAtHub({ receivedAt: minutesFromNow(3) }));
    given(history2)
      .when(command.sort({ sortedAt: NOW, recording: { ...RECORDING, stated: false } }))
      .then([{ type: 'ParcelSorted', data: { parcelId: PARCEL_ID, hubId: hub.id, toteId: 'tote-3', routeId: 'loop-north', sortedAt: minutesFromNow(3) } }]);
    // A time the client stated is never moved: it is refused instead.
    given(history2)
      .when(command.sort({ sortedAt: NOW }))
      .thenThrows('PARCEL.TIME_OUT_OF_ORDER');
  });

  it('refuses a discovery dated after its report or before the parcel existed', () => {
    given(history.withAna())
      .when(command.report(ana, 'damaged', { discoveredAt: at(32), reportedAt: at(31) }))
      .thenThrows('PARCEL.INVALID_DETAILS');
    given(history.withAna())
      .when(command.report(ana, 'damaged', { discoveredAt: at(-1) }))
      .thenThrows('PARCEL.INVALID_DETAILS');
  });
});

describe('a re-sent accept', () => {
  it('records nothing when it says what was recorded', () => {
    given(history.withAna())
      .when(command.accept(standing.paidCourier, { acceptedAt: at(40), evidence: [hash('a')] }))
      .thenNothing();
  });

  it.each([
    ['another condition', { condition: { condition: 'damaged' as const } }, 'condition'],
    ['other notes', { condition: { condition: 'intact' as const, notes: 'seal torn' } }, 'notes'],
    ['other evidence', { evidence: [hash('9')] }, 'evidence'],
  ])('is refused (409) when it says %s, rather than silently dropped', (_label, change, field) => {
    const refusal = given(history.withAna()).when(command.accept(standing.paidCourier, change)).thenThrows('PARCEL.HANDOFF_ALREADY_SETTLED');
    expect(refusal.kind).toBe('conflict');
    expect(refusal.details).toMatchObject({ differs: field });
  });
});
