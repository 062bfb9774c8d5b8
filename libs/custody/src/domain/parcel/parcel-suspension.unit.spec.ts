import { deciderSpecification } from '@handoff/testing';
import { parcelDecider } from './parcel.decider';
import { ana, at, command, history, hub, recorded, retailer, standing } from './parcel.fixtures';

const { given } = deciderSpecification(parcelDecider);
const suspended = { actorSuspended: true };

describe('a suspended participant', () => {
  it('cannot register, take in, sort, accept, attempt, deliver or return parcels', () => {
    given([]).when(command.register(suspended)).thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.registered()).when(command.receiveAtHub(suspended)).thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.atHub()).when(command.sort(suspended)).thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.offeredToAna()).when(command.accept(standing.paidCourier, suspended)).thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.withAna())
      .when(command.attempt(ana, { option: 'i-accept' }, suspended))
      .thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.withAna()).when(command.deliver(ana, suspended)).thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.withAna()).when(command.returnToDepot(hub, suspended)).thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.atHub()).when(command.returnToSender(hub, suspended)).thenThrows('PARCEL.ACTOR_SUSPENDED');
  });

  it('may hand a parcel it holds back to a hub, but not on to a courier', () => {
    given(history.withAna())
      .when(command.offer(standing.hub, { actor: ana, handoffId: 'handoff-2', offeredAt: at(30), ...suspended }))
      .then([{ type: 'ParcelHandoffOffered', data: expect.objectContaining({ from: ana, to: hub }) }]);
    given(history.withAna())
      .when(command.offer(standing.gigCourier, { actor: ana, handoffId: 'handoff-2', offeredAt: at(30), ...suspended }))
      .thenThrows('PARCEL.ACTOR_SUSPENDED');
    given(history.registered())
      .when(command.offer(standing.hub, { actor: retailer, ...suspended }))
      .then([expect.objectContaining({ type: 'ParcelHandoffOffered' })]);
  });

  it('may withdraw or decline an offer, and report an incident', () => {
    given(history.offeredToAna())
      .when(command.withdraw(hub, suspended))
      .then([expect.objectContaining({ type: 'ParcelHandoffWithdrawn' })]);
    given(history.offeredToAna())
      .when(command.decline(ana, suspended))
      .then([expect.objectContaining({ type: 'ParcelHandoffDeclined' })]);
    given(history.withAna())
      .when(command.report(ana, 'damaged', suspended))
      .then([expect.objectContaining({ type: 'ParcelReportedDamaged' })]);
  });

  it('is told an unknown parcel does not exist before it is told it is suspended (no oracle)', () => {
    given([]).when(command.deliver(ana, suspended)).thenThrows('PARCEL.NOT_FOUND');
    given(recorded(command.register())).when(command.deliver(ana, suspended)).thenThrows('PARCEL.NOT_FOUND');
  });
});
