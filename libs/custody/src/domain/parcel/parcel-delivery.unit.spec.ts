import type { DeliveryCard, ParcelEvent } from './parcel.events';
import type { PartyRef } from '../shared/party';
import { deciderSpecification } from '@handoff/testing';
import { parcelDecider } from './parcel.decider';
import { ana, at, command, GEO, hash, history, hub, NEIGHBOUR, otherHub, PARCEL_ID, paths, recorded, retailer, standing } from './parcel.fixtures';

const { given } = deciderSpecification(parcelDecider);
const neighbour = { kind: 'neighbour' as const, id: NEIGHBOUR.subjectId };
const leaveWithNeighbour = {
  option: 'leave-with-neighbour' as const,
  neighbour: NEIGHBOUR,
  handoffId: 'handoff-n',
  condition: { condition: 'intact' as const },
  evidence: [hash('d')],
  deviceTime: at(39),
};

describe('RecordFailedDeliveryAttempt', () => {
  const attempt = (card: DeliveryCard): ParcelEvent => ({
    type: 'ParcelDeliveryAttemptFailed' as const,
    data: { parcelId: PARCEL_ID, attemptId: 'attempt-1', courierId: ana.id, reason: 'nobody home', card, geo: GEO, attemptedAt: at(40) },
  });

  it('"I accept": the courier keeps the parcel', () => {
    const state = given(history.withAna())
      .when(command.attempt(ana, { option: 'i-accept' }))
      .then([attempt({ option: 'i-accept' })]);
    expect(state).toMatchObject({ status: 'with-courier', holder: ana });
  });

  it('"return to depot on": the courier keeps it until that day', () => {
    const state = given(history.withAna())
      .when(command.attempt(ana, { option: 'return-to-depot', returnOn: '2025-03-07' }))
      .then([attempt({ option: 'return-to-depot', returnOn: '2025-03-07' })]);
    expect(state).toMatchObject({ holder: ana, returnToDepotOn: '2025-03-07' });
  });

  it('"leave with": the named neighbour becomes holder by a handoff recorded on the spot', () => {
    const state = given(history.withAna())
      .when(command.attempt(ana, leaveWithNeighbour))
      .then([
        attempt({ option: 'leave-with-neighbour', neighbour: NEIGHBOUR }),
        { type: 'ParcelHandoffOffered', data: { parcelId: PARCEL_ID, handoffId: 'handoff-n', from: ana, to: neighbour, offeredAt: at(40) } },
        {
          type: 'ParcelHandoffAccepted',
          data: {
            parcelId: PARCEL_ID,
            handoffId: 'handoff-n',
            from: ana,
            to: neighbour,
            condition: { condition: 'intact' },
            evidence: [hash('d')],
            geo: GEO,
            deviceTime: at(39),
            waiver: null,
            acceptedAt: at(40),
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'with-neighbour', holder: neighbour, openOffer: null });
  });

  it('does nothing for a repeated attempt', () => {
    const attempted = recorded(...paths.withAna(), command.attempt(ana, { option: 'i-accept' }));
    given(attempted)
      .when(command.attempt(ana, { option: 'i-accept' }))
      .thenNothing();
  });

  it('answers a repeat by a courier who left the parcel with a neighbour as an unknown parcel: it is out of their scope', () => {
    const attempted = recorded(...paths.withAna(), command.attempt(ana, leaveWithNeighbour));
    given(attempted).when(command.attempt(ana, leaveWithNeighbour)).thenThrows('PARCEL.NOT_FOUND');
  });

  it('refuses a courier who does not hold the parcel, and a hub', () => {
    given(history.offeredToAna())
      .when(command.attempt(ana, { option: 'i-accept' }))
      .thenThrows('PARCEL.NOT_HOLDER');
    given(history.withAna())
      .when(command.attempt({ kind: 'courier', id: 'gig-bo' }, { option: 'i-accept' }))
      .thenThrows('PARCEL.NOT_FOUND');
    given(history.atHub())
      .when(command.attempt(hub, { option: 'i-accept' }))
      .thenThrows('PARCEL.ACTOR_CANNOT_DO_THIS');
  });

  it("refuses a leave-with card without the neighbour's signature, and a return day that is not a date", () => {
    given(history.withAna())
      .when(command.attempt(ana, { ...leaveWithNeighbour, evidence: [] }))
      .thenThrows('PARCEL.INVALID_DETAILS');
    given(history.withAna())
      .when(command.attempt(ana, { option: 'return-to-depot', returnOn: '2025-02-30' }))
      .thenThrows('PARCEL.INVALID_DETAILS');
  });

  it('refuses a leave-with card that reuses the id of a settled handoff', () => {
    given(history.withAna())
      .when(command.attempt(ana, { ...leaveWithNeighbour, handoffId: 'handoff-1' }))
      .thenThrows('PARCEL.HANDOFF_ALREADY_SETTLED');
  });
});

describe('DeliverParcel', () => {
  it('closes the custody chain with proof of delivery', () => {
    const data = { parcelId: PARCEL_ID, deliveredBy: ana, receivedBy: { kind: 'recipient' as const }, evidence: [hash('b')], geo: GEO, deliveredAt: at(45) };
    const state = given(history.withAna())
      .when(command.deliver(ana))
      .then([{ type: 'ParcelDelivered', data }]);
    expect(state).toMatchObject({ status: 'delivered', lastHolder: ana, closedAt: at(45), delivery: data });
  });

  it('lets a neighbour holding the parcel hand it to the recipient', () => {
    const withNeighbour = recorded(...paths.withAna(), command.attempt(ana, leaveWithNeighbour));
    given(withNeighbour)
      .when(command.deliver(neighbour, { deliveredAt: at(58) }))
      .then([expect.objectContaining({ type: 'ParcelDelivered', data: expect.objectContaining({ deliveredBy: neighbour }) })]);
  });

  it('does nothing when the courier repeats the delivery', () => {
    given(history.delivered()).when(command.deliver(ana)).thenNothing();
  });

  it('refuses anyone but the holder, delivery without proof, and delivery after loss', () => {
    given(history.withAna()).when(command.deliver(hub)).thenThrows('PARCEL.NOT_HOLDER');
    given(history.withAna())
      .when(command.deliver(ana, { evidence: [] }))
      .thenThrows('PARCEL.INVALID_DETAILS');
    given(history.lost()).when(command.deliver(ana)).thenThrows('PARCEL.CLOSED');
  });

  it('refuses a second delivery by someone else: the hub, which sees the parcel, is told it is closed; another courier that it does not exist', () => {
    given(history.delivered()).when(command.deliver(hub)).thenThrows('PARCEL.CLOSED');
    given(history.delivered())
      .when(command.deliver({ kind: 'courier', id: 'gig-bo' }))
      .thenThrows('PARCEL.NOT_FOUND');
  });
});

describe('ReturnParcelToDepot', () => {
  it('is recorded by the depot as it takes the parcel back from the courier', () => {
    const state = given(history.withAna())
      .when(command.returnToDepot(hub))
      .then([{ type: 'ParcelReturnedToDepot', data: { parcelId: PARCEL_ID, hubId: hub.id, from: ana, condition: { condition: 'intact' }, returnedAt: at(50) } }]);
    expect(state).toMatchObject({ status: 'at-hub', holder: hub, returnToDepotOn: null, sorting: null });
  });

  it('does nothing when the depot already holds it', () => {
    given(history.atHub()).when(command.returnToDepot(hub)).thenNothing();
  });

  it('refuses seizure: only the destination hub, or the hub the parcel left from, takes back a parcel out with a courier or a neighbour', () => {
    const offered = recorded(command.register(), command.offer(standing.paidCourier, { actor: retailer }));
    given(offered).when(command.returnToDepot(otherHub)).thenThrows('PARCEL.NOT_FOUND');
    given(history.registered()).when(command.returnToDepot(hub)).thenThrows('PARCEL.INTAKE_NOT_ALLOWED');
    given(history.withAna()).when(command.returnToDepot(otherHub)).thenThrows('PARCEL.NOT_FOUND');
  });

  it('refuses a courier recording it, and a parcel with an open offer', () => {
    given(history.withAna()).when(command.returnToDepot(ana)).thenThrows('PARCEL.ACTOR_CANNOT_DO_THIS');
    const offeredOn = recorded(...paths.withAna(), command.offer(standing.gigCourier, { actor: ana, handoffId: 'handoff-2', offeredAt: at(30) }));
    given(offeredOn).when(command.returnToDepot(hub)).thenThrows('PARCEL.OFFER_ALREADY_OPEN');
  });
});

describe('ReturnParcelToSender', () => {
  it('hands the parcel from the depot back to its retailer, closing the chain', () => {
    const state = given(history.atHub())
      .when(command.returnToSender(hub))
      .then([{ type: 'ParcelReturnedToSender', data: { parcelId: PARCEL_ID, from: hub, retailerId: retailer.id, condition: { condition: 'intact' }, returnedAt: at(55) } }]);
    expect(state).toMatchObject({ status: 'returned-to-sender', lastHolder: hub });
  });

  it('does nothing for a repeat', () => {
    given(history.returnedToSender()).when(command.returnToSender(hub)).thenNothing();
  });

  it('refuses while a courier holds it (it must come back to the depot first)', () => {
    given(history.withAna()).when(command.returnToSender(ana)).thenThrows('PARCEL.NOT_AT_DEPOT');
    given(history.withAna()).when(command.returnToSender(hub)).thenThrows('PARCEL.NOT_HOLDER');
  });
});

describe('ReportParcelIncident', () => {
  const report = (type: 'ParcelReportedDamaged' | 'ParcelReportedLost' | 'ParcelReportedStolen', reportedBy: PartyRef = ana, endedCustody = false): ParcelEvent => ({
    type,
    data: {
      parcelId: PARCEL_ID,
      reportId: 'report-1',
      reportedBy,
      discoveredAt: at(30),
      description: 'corner of the box crushed',
      evidence: [hash('c')],
      reportedAt: at(31),
      ...(endedCustody ? { endedCustody: true as const } : {}),
    },
  });

  it('damage reported by the holder changes the condition, not the custody', () => {
    const state = given(history.withAna())
      .when(command.report(ana, 'damaged'))
      .then([report('ParcelReportedDamaged')]);
    expect(state).toMatchObject({ status: 'with-courier', holder: ana, condition: 'damaged' });
  });

  it.each([
    ['lost', 'ParcelReportedLost'],
    ['stolen', 'ParcelReportedStolen'],
  ] as const)('%s closes the chain with the holder as last holder', (incident, type) => {
    const state = given(history.withAna())
      .when(command.report(ana, incident))
      .then([report(type, ana, true)]);
    expect(state).toMatchObject({ status: 'lost', loss: incident, lastHolder: ana });
  });

  const afterDelivery = { reportedAt: at(50) };
  const reportAfterDelivery = (type: 'ParcelReportedDamaged' | 'ParcelReportedLost'): ParcelEvent => {
    const event = report(type, retailer);
    return { ...event, data: { ...event.data, ...afterDelivery } } as ParcelEvent;
  };

  it('after delivery, the retailer may still report damage the recipient found', () => {
    const state = given(history.delivered())
      .when(command.report(retailer, 'damaged', afterDelivery))
      .then([reportAfterDelivery('ParcelReportedDamaged')]);
    expect(state).toMatchObject({ status: 'delivered', condition: 'damaged' });
  });

  it('a loss reported after delivery is recorded without ending custody again', () => {
    const state = given(history.delivered())
      .when(command.report(retailer, 'lost', afterDelivery))
      .then([reportAfterDelivery('ParcelReportedLost')]);
    expect(state).toMatchObject({ status: 'delivered' });
  });

  it('does nothing for a repeated report', () => {
    given(history.lost()).when(command.report(ana, 'lost')).thenNothing();
  });

  it('refuses reports from anyone but the holder (or, once closed, the last holder or retailer)', () => {
    given(history.withAna()).when(command.report(hub, 'damaged')).thenThrows('PARCEL.NOT_HOLDER');
    given(history.delivered())
      .when(command.report(hub, 'stolen', afterDelivery))
      .thenThrows('PARCEL.NOT_HOLDER');
    given(history.delivered())
      .when(command.report({ kind: 'courier', id: 'gig-bo' }, 'stolen', afterDelivery))
      .thenThrows('PARCEL.NOT_FOUND');
  });
});
