import { deciderSpecification } from '@handoff/testing';
import { parcelDecider } from './parcel.decider';
import { ana, at, command, covering, GEO, hash, history, hub, PARCEL_ID, partyOf, POLICY, recorded, retailer, standing } from './parcel.fixtures';

const { given } = deciderSpecification(parcelDecider);
const offeredToAna = { parcelId: PARCEL_ID, handoffId: 'handoff-1', from: hub, to: ana };

describe('OfferParcelHandoff', () => {
  it('lets the holder offer the parcel to a named receiver', () => {
    const state = given(history.sorted())
      .when(command.offer(standing.paidCourier))
      .then([{ type: 'ParcelHandoffOffered', data: { ...offeredToAna, offeredAt: at(20) } }]);
    expect(state).toMatchObject({ status: 'at-hub', holder: hub, openOffer: { handoffId: 'handoff-1', to: ana } });
  });

  it('does nothing for a repeat of the open offer, or of an offer already answered', () => {
    given(history.offeredToAna()).when(command.offer(standing.paidCourier)).thenNothing();
    given(history.withAna()).when(command.offer(standing.paidCourier)).thenNothing();
  });

  it('refuses an offer by anyone but the holder; one who cannot see the parcel is told it does not exist', () => {
    given(history.atHub())
      .when(command.offer(standing.gigCourier, { actor: retailer }))
      .thenThrows('PARCEL.NOT_HOLDER');
    given(history.atHub())
      .when(command.offer(standing.gigCourier, { actor: ana }))
      .thenThrows('PARCEL.NOT_FOUND');
  });

  it('refuses a second open offer', () => {
    given(history.offeredToAna())
      .when(command.offer(standing.gigCourier, { handoffId: 'handoff-2' }))
      .thenThrows('PARCEL.OFFER_ALREADY_OPEN');
  });

  it('refuses an offer to the holder itself and a reused handoff id', () => {
    given(history.atHub()).when(command.offer(standing.hub)).thenThrows('PARCEL.SELF_HANDOFF');
    given(history.withAna())
      .when(command.offer(standing.gigCourier, { actor: ana }))
      .thenThrows('PARCEL.HANDOFF_ALREADY_SETTLED');
  });

  it('refuses early to offer a pharmaceutical parcel to a volunteer', () => {
    const pharma = recorded(command.register({ categories: ['pharmaceutical'] }), command.receiveAtHub());
    given(pharma).when(command.offer(standing.volunteer)).thenThrows('PARCEL.RECEIVER_NOT_ELIGIBLE');
  });

  it('refuses to move a closed parcel', () => {
    given(history.delivered())
      .when(command.offer(standing.gigCourier, { actor: ana, handoffId: 'handoff-2' }))
      .thenThrows('PARCEL.CLOSED');
  });
});

describe('AcceptParcelHandoff', () => {
  const acceptedByAna = {
    ...offeredToAna,
    condition: { condition: 'intact' as const },
    evidence: [hash('a')],
    geo: GEO,
    deviceTime: at(21),
    acceptedAt: at(22),
  };

  it('moves custody to the named receiver, with condition, evidence, place and device time', () => {
    const state = given(history.offeredToAna())
      .when(command.accept(standing.paidCourier))
      .then([{ type: 'ParcelHandoffAccepted', data: { ...acceptedByAna, waiver: null } }]);
    expect(state).toMatchObject({ status: 'with-courier', holder: ana, heldSince: at(22), openOffer: null });
  });

  it('records the waiver that covered the courier at that moment', () => {
    given(history.offeredToAna())
      .when(command.accept(standing.paidCourier, { waiver: covering('waiver-9', '9') }))
      .then([
        {
          type: 'ParcelHandoffAccepted',
          data: {
            ...acceptedByAna,
            waiver: {
              waiverId: 'waiver-9',
              templateId: 'volunteer-courier',
              templateVersion: 2,
              textHash: hash('9'),
              liabilityCap: { amountMinor: 20_000, currency: 'USD' },
              grossNegligenceClause: { included: true, clauseTextHash: hash('c') },
            },
          },
        },
      ]);
  });

  it('records no waiver for a covered receiver who is not a courier (hubs sign no courier waiver)', () => {
    const offeredToHub = recorded(...[command.register(), command.receiveAtHub(), command.offer(standing.otherHub)]);
    given(offeredToHub)
      .when(command.accept(standing.otherHub, { waiver: covering('waiver-9', '9') }))
      .then([expect.objectContaining({ type: 'ParcelHandoffAccepted', data: expect.objectContaining({ waiver: null }) })]);
  });

  it('records damage discovered at the handoff as the new condition', () => {
    const state = given(history.offeredToAna())
      .when(command.accept(standing.paidCourier, { condition: { condition: 'damaged', notes: 'box wet' } }))
      .then([{ type: 'ParcelHandoffAccepted', data: { ...acceptedByAna, condition: { condition: 'damaged', notes: 'box wet' }, waiver: null } }]);
    expect(state).toMatchObject({ condition: 'damaged' });
  });

  it('does nothing when the receiver repeats the acceptance', () => {
    given(history.withAna()).when(command.accept(standing.paidCourier)).thenNothing();
  });

  it('refuses anyone but the named receiver; a courier who cannot see the parcel is told it does not exist', () => {
    given(history.offeredToAna()).when(command.accept(standing.hub)).thenThrows('PARCEL.NOT_NAMED_RECEIVER');
    given(history.offeredToAna()).when(command.accept(standing.gigCourier)).thenThrows('PARCEL.NOT_FOUND');
  });

  it('refuses when there is no such open offer', () => {
    given(history.atHub()).when(command.accept(standing.paidCourier)).thenThrows('PARCEL.NOT_FOUND');
    given(history.offeredToAna())
      .when(command.accept(standing.paidCourier, { handoffId: 'handoff-x' }))
      .thenThrows('PARCEL.NO_OPEN_OFFER');
  });

  it('refuses an acceptance whose standing describes someone else', () => {
    given(history.offeredToAna())
      .when(command.accept(standing.gigCourier, { actor: ana }))
      .thenThrows('PARCEL.INVALID_DETAILS');
  });

  it('refuses evidence that is not a hash (a photo must never be stored)', () => {
    given(history.offeredToAna())
      .when(command.accept(standing.paidCourier, { evidence: ['data:image/png;base64,iVBOR'] }))
      .thenThrows('PARCEL.INVALID_DETAILS');
  });

  describe('who may carry restricted parcels', () => {
    // Offered while the collective's threshold was higher; the rule is judged again at acceptance.
    const offeredTo = (receiver: (typeof standing)[keyof typeof standing], registration = {}) =>
      recorded(command.register(registration), command.receiveAtHub(), command.offer(receiver, { policy: { ...POLICY, declaredValueThreshold: { amountMinor: 1_000_000, currency: 'USD' } } }));

    it.each([
      ['a volunteer', standing.volunteer],
      ['an unvetted courier', standing.unvettedCourier],
    ])('refuses %s a parcel declared above the collective threshold', (_who, receiver) => {
      given(offeredTo(receiver, { declaredValue: { amountMinor: 40_000, currency: 'USD' } }))
        .when(command.accept(receiver))
        .thenThrows('PARCEL.RECEIVER_NOT_ELIGIBLE');
    });

    it('refuses a volunteer a pharmaceutical parcel whatever its value', () => {
      const receiver = standing.volunteer;
      const history = recorded(command.register({ categories: ['pharmaceutical'] }), command.receiveAtHub());
      const offered = [...history, { type: 'ParcelHandoffOffered' as const, data: { ...offeredToAna, to: partyOf(receiver), offeredAt: at(20) } }];
      given(offered).when(command.accept(receiver)).thenThrows('PARCEL.RECEIVER_NOT_ELIGIBLE');
    });

    it('lets a vetted paid or gig courier carry it, and a volunteer carry one at exactly the threshold', () => {
      const expensive = { declaredValue: { amountMinor: 40_000, currency: 'USD' }, categories: ['pharmaceutical' as const] };
      given(recorded(command.register(expensive), command.receiveAtHub(), command.offer(standing.gigCourier)))
        .when(command.accept(standing.gigCourier))
        .then([expect.objectContaining({ type: 'ParcelHandoffAccepted' })]);
      given(recorded(command.register({ declaredValue: { amountMinor: 30_000, currency: 'USD' } }), command.receiveAtHub(), command.offer(standing.volunteer)))
        .when(command.accept(standing.volunteer))
        .then([expect.objectContaining({ type: 'ParcelHandoffAccepted' })]);
    });

    it('counts a value in another currency than the threshold as above it', () => {
      const inEuros = recorded(command.register({ declaredValue: { amountMinor: 100, currency: 'EUR' } }), command.receiveAtHub());
      given(inEuros).when(command.offer(standing.volunteer)).thenThrows('PARCEL.RECEIVER_NOT_ELIGIBLE');
    });

    it('refuses a suspended receiver and a policy from another collective', () => {
      given(history.atHub()).when(command.offer(standing.suspendedCourier)).thenThrows('PARCEL.RECEIVER_SUSPENDED');
      given(history.atHub())
        .when(command.offer(standing.paidCourier, { policy: { ...POLICY, collectiveId: 'elsewhere' } }))
        .thenThrows('PARCEL.POLICY_MISMATCH');
    });
  });

  describe('when the collective requires waivers', () => {
    const strict = { ...POLICY, waiverRequired: true };

    it('refuses a courier without a valid waiver at the moment of acceptance', () => {
      given(history.offeredToAna())
        .when(command.accept(standing.paidCourier, { policy: strict, waiver: { covered: false, reason: 'expired' } }))
        .thenThrows('PARCEL.WAIVER_REQUIRED');
    });

    it('accepts a covered courier, and a hub (hubs sign no courier waiver)', () => {
      given(history.offeredToAna())
        .when(command.accept(standing.paidCourier, { policy: strict, waiver: covering('w-1', '1') }))
        .then([
          expect.objectContaining({
            type: 'ParcelHandoffAccepted',
            data: expect.objectContaining({ waiver: expect.objectContaining({ waiverId: 'w-1', liabilityCap: { amountMinor: 20_000, currency: 'USD' } }) }),
          }),
        ]);
      const offeredToHub = recorded(...[command.register(), command.receiveAtHub(), command.offer(standing.otherHub)]);
      given(offeredToHub)
        .when(command.accept(standing.otherHub, { policy: strict }))
        .then([expect.objectContaining({ type: 'ParcelHandoffAccepted', data: expect.objectContaining({ to: partyOf(standing.otherHub), waiver: null }) })]);
    });
  });
});

describe('DeclineParcelHandoff', () => {
  it('closes the offer and leaves custody with the giver', () => {
    const state = given(history.offeredToAna())
      .when(command.decline(ana))
      .then([{ type: 'ParcelHandoffDeclined', data: { ...offeredToAna, reason: 'bike is full', declinedAt: at(23) } }]);
    expect(state).toMatchObject({ holder: hub, openOffer: null });
  });

  it('does nothing for a repeated decline', () => {
    const declined = recorded(command.register(), command.offer(standing.hub, { actor: retailer }), command.decline(hub));
    given(declined).when(command.decline(hub)).thenNothing();
  });

  it("answers a repeat by a decliner no longer in the parcel's scope as an unknown parcel (a retry keeps its Idempotency-Key)", () => {
    const declined = recorded(command.register(), command.receiveAtHub(), command.offer(standing.paidCourier), command.decline(ana));
    given(declined).when(command.decline(ana)).thenThrows('PARCEL.NOT_FOUND');
  });

  it('refuses anyone but the named receiver, and a decline after acceptance', () => {
    given(history.offeredToAna()).when(command.decline(hub)).thenThrows('PARCEL.NOT_NAMED_RECEIVER');
    given(history.withAna()).when(command.decline(ana)).thenThrows('PARCEL.HANDOFF_ALREADY_SETTLED');
  });
});

describe('WithdrawParcelHandoff', () => {
  it('lets the giver take back an unanswered offer', () => {
    const state = given(history.offeredToAna())
      .when(command.withdraw(hub))
      .then([{ type: 'ParcelHandoffWithdrawn', data: { ...offeredToAna, reason: 'runner did not show up', withdrawnAt: at(24) } }]);
    expect(state).toMatchObject({ holder: hub, openOffer: null });
  });

  it('does nothing for a repeated withdrawal', () => {
    const withdrawn = recorded(command.register(), command.receiveAtHub(), command.offer(standing.paidCourier), command.withdraw(hub));
    given(withdrawn).when(command.withdraw(hub)).thenNothing();
  });

  it('refuses the receiver, and an offer that is not open', () => {
    given(history.offeredToAna()).when(command.withdraw(ana)).thenThrows('PARCEL.NOT_HOLDER');
    given(history.atHub()).when(command.withdraw(hub)).thenThrows('PARCEL.NO_OPEN_OFFER');
  });
});
