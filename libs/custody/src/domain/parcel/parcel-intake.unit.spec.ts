import { deciderSpecification } from '@handoff/testing';
import { parcelDecider } from './parcel.decider';
import type { ParcelEvent } from './parcel.events';
import { at, ana, command, envelopeFor, GEO, history, hub, otherHub, otherRetailer, PARCEL_ID, POLICY, recorded, retailer, standing } from './parcel.fixtures';

const { given } = deciderSpecification(parcelDecider);

describe('RegisterParcel', () => {
  it('registers the parcel with the retailer as its first holder', () => {
    const state = given([])
      .when(command.register({ categories: ['pharmaceutical'] }))
      .then([
        {
          type: 'ParcelRegistered',
          data: {
            parcelId: PARCEL_ID,
            retailerId: retailer.id,
            externalReference: 'ORDER-4411',
            collectiveId: POLICY.collectiveId,
            declaredValue: { amountMinor: 4_000, currency: 'USD' },
            categories: ['pharmaceutical'],
            destinationHubId: hub.id,
            recipient: envelopeFor('recipient-1'),
            registeredAt: at(0),
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'registered', holder: retailer, heldSince: at(0), condition: 'intact' });
  });

  it('treats a retry (new time, re-encrypted recipient) as the same registration', () => {
    given(history.registered())
      .when(command.register({ registeredAt: at(5), recipient: { ...envelopeFor('recipient-1'), iv: 'BBBBBBBBBBBBBBBB' } }))
      .thenNothing();
  });

  it('refuses the same parcel id with different details', () => {
    given(history.registered())
      .when(command.register({ externalReference: 'ORDER-9999' }))
      .thenThrows('PARCEL.ALREADY_REGISTERED');
  });

  it('refuses a retailer outside the collective', () => {
    given([])
      .when(command.register({ actor: otherRetailer, retailerIsCollectiveMember: false }))
      .thenThrows('PARCEL.RETAILER_NOT_IN_COLLECTIVE');
  });

  it('refuses registration by anyone but a retailer', () => {
    given([])
      .when(command.register({ actor: hub }))
      .thenThrows('PARCEL.ACTOR_CANNOT_DO_THIS');
  });

  it.each([
    ['a fractional amount', { amountMinor: 40.5, currency: 'USD' }],
    ['a negative amount', { amountMinor: -1, currency: 'USD' }],
    ['a lowercase currency', { amountMinor: 100, currency: 'usd' }],
  ])('refuses a declared value with %s', (_label, declaredValue) => {
    given([]).when(command.register({ declaredValue })).thenThrows('PARCEL.INVALID_DETAILS');
  });

  it('refuses unknown or repeated categories and local times', () => {
    given([])
      .when(command.register({ categories: ['explosive' as never] }))
      .thenThrows('PARCEL.INVALID_DETAILS');
    given([])
      .when(command.register({ categories: ['fragile', 'fragile'] }))
      .thenThrows('PARCEL.INVALID_DETAILS');
    given([])
      .when(command.register({ registeredAt: '2025-03-04 09:00' }))
      .thenThrows('PARCEL.INVALID_DETAILS');
  });
});

describe('ReceiveParcelAtHub', () => {
  it('moves custody from the retailer to the hub, keeping the cycle it named (the cycle counts it)', () => {
    const state = given(history.registered())
      .when(command.receiveAtHub({ cycle: { cycleId: 'cycle-9' } }))
      .then([
        {
          type: 'ParcelReceivedAtHub',
          data: {
            parcelId: PARCEL_ID,
            hubId: hub.id,
            from: retailer,
            condition: { condition: 'intact' },
            cycle: { cycleId: 'cycle-9' },
            receivedAt: at(10),
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'at-hub', holder: hub, heldSince: at(10) });
  });

  it('takes the parcel in from the courier bringing it to its destination hub, with no offer', () => {
    const withAnaFromRetailer = recorded(command.register(), command.offer(standing.paidCourier, { actor: retailer }), command.accept(standing.paidCourier));
    given(withAnaFromRetailer)
      .when(command.receiveAtHub({ receivedAt: at(30) }))
      .then([
        {
          type: 'ParcelReceivedAtHub',
          data: { parcelId: PARCEL_ID, hubId: hub.id, from: ana, condition: { condition: 'intact' }, cycle: command.receiveAtHub().cycle, receivedAt: at(30) },
        },
      ]);
  });

  it('refuses seizure: a hub the parcel is not destined to cannot scan it in; nor can its destination take it from another hub without an offer', () => {
    // The other hub once took the parcel in, so it still sees it; a courier now carries it to the destination hub.
    const passedThroughOtherHub = recorded(
      command.register({ destinationHubId: otherHub.id }),
      command.receiveAtHub({ actor: otherHub }),
      command.offer(standing.paidCourier, { actor: otherHub }),
      command.accept(standing.paidCourier),
    );
    const refusal = given(passedThroughOtherHub)
      .when(command.receiveAtHub({ receivedAt: at(30) }))
      .thenThrows('PARCEL.NOT_FOUND');
    expect(refusal.details).toEqual({ parcelId: PARCEL_ID });
    const viaOtherHub = recorded(
      command.register(),
      command.offer(standing.otherHub, { actor: retailer }),
      command.accept(standing.otherHub),
      command.offer(standing.paidCourier, { actor: otherHub, handoffId: 'handoff-2', offeredAt: at(25) }),
      command.accept(standing.paidCourier, { handoffId: 'handoff-2', acceptedAt: at(26) }),
      command.receiveAtHub({ receivedAt: at(30) }),
      command.offer(standing.gigCourier, { handoffId: 'handoff-3', offeredAt: at(31) }),
      command.accept(standing.gigCourier, { handoffId: 'handoff-3', acceptedAt: at(32) }),
    );
    // The parcel was destined to `hub`, passed through `hub`, and is now out with Bo: `otherHub` cannot pull it back.
    given(viaOtherHub)
      .when(command.receiveAtHub({ actor: otherHub, receivedAt: at(40) }))
      .thenThrows('PARCEL.NOT_FOUND');
    const heldByOtherHub = recorded(command.register(), command.offer(standing.otherHub, { actor: retailer }), command.accept(standing.otherHub));
    given(heldByOtherHub)
      .when(command.receiveAtHub({ receivedAt: at(30) }))
      .thenThrows('PARCEL.INTAKE_NOT_ALLOWED');
  });

  it('refuses an intake by a hub that sees the parcel but is not its destination (a history from before the rule)', () => {
    const scannedInByOtherHub: ParcelEvent[] = [
      ...history.registered(),
      { type: 'ParcelReceivedAtHub', data: { parcelId: PARCEL_ID, hubId: otherHub.id, from: retailer, condition: { condition: 'intact' }, cycle: null, receivedAt: at(10) } },
      { type: 'ParcelHandoffOffered', data: { parcelId: PARCEL_ID, handoffId: 'handoff-1', from: otherHub, to: ana, offeredAt: at(11) } },
      {
        type: 'ParcelHandoffAccepted',
        data: {
          parcelId: PARCEL_ID,
          handoffId: 'handoff-1',
          from: otherHub,
          to: ana,
          condition: { condition: 'intact' },
          evidence: [],
          geo: GEO,
          deviceTime: at(12),
          waiver: null,
          acceptedAt: at(12),
        },
      },
    ];
    const refusal = given(scannedInByOtherHub)
      .when(command.receiveAtHub({ actor: otherHub, receivedAt: at(20) }))
      .thenThrows('PARCEL.INTAKE_NOT_ALLOWED');
    expect(refusal.message).toContain(`destined to hub ${hub.id}`);
  });

  it('does nothing when the hub already holds the parcel', () => {
    given(history.atHub()).when(command.receiveAtHub()).thenNothing();
  });

  it('refuses an unknown parcel, a non-hub, and intake while an offer is open', () => {
    given([]).when(command.receiveAtHub()).thenThrows('PARCEL.NOT_FOUND');
    given(history.registered())
      .when(command.receiveAtHub({ actor: retailer }))
      .thenThrows('PARCEL.ACTOR_CANNOT_DO_THIS');
    const offeredByRetailer = recorded(command.register(), command.offer(standing.paidCourier, { actor: retailer }));
    given(offeredByRetailer).when(command.receiveAtHub()).thenThrows('PARCEL.OFFER_ALREADY_OPEN');
  });

  it('refuses intake of a parcel that was delivered, returned to sender or lost', () => {
    given(history.delivered()).when(command.receiveAtHub()).thenThrows('PARCEL.CLOSED');
    given(history.returnedToSender())
      .when(command.receiveAtHub({ receivedAt: at(58) }))
      .thenThrows('PARCEL.CLOSED');
    given(history.lost()).when(command.receiveAtHub()).thenThrows('PARCEL.CLOSED');
  });
});

describe('SortParcel', () => {
  it('puts the held parcel into a tote on a route', () => {
    const state = given(history.atHub())
      .when(command.sort())
      .then([{ type: 'ParcelSorted', data: { parcelId: PARCEL_ID, hubId: hub.id, toteId: 'tote-3', routeId: 'loop-north', sortedAt: at(15) } }]);
    expect(state).toMatchObject({ status: 'at-hub', sorting: { hubId: hub.id, toteId: 'tote-3', routeId: 'loop-north' } });
  });

  it('re-sorts into another tote', () => {
    given(history.sorted())
      .when(command.sort({ toteId: 'tote-4', sortedAt: at(16) }))
      .then([{ type: 'ParcelSorted', data: { parcelId: PARCEL_ID, hubId: hub.id, toteId: 'tote-4', routeId: 'loop-north', sortedAt: at(16) } }]);
  });

  it('does nothing when sorted the same way again', () => {
    given(history.sorted())
      .when(command.sort({ sortedAt: at(17) }))
      .thenNothing();
  });

  it('refuses sorting by a hub that does not hold the parcel, or by the holding retailer', () => {
    given(history.withAna())
      .when(command.sort({ sortedAt: at(30) }))
      .thenThrows('PARCEL.NOT_HOLDER');
    given(history.atHub())
      .when(command.sort({ actor: otherHub }))
      .thenThrows('PARCEL.NOT_FOUND');
    given(history.registered())
      .when(command.sort({ actor: retailer }))
      .thenThrows('PARCEL.ACTOR_CANNOT_DO_THIS');
  });
});
