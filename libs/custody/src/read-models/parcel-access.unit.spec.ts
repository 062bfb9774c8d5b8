import { canSeeParcel, canSeeRecipient, ParcelAccessFacts, seesEveryParcel, Viewer } from './parcel-access';

const withAna: ParcelAccessFacts = { retailerId: 'shop', destinationHubId: 'hub-1', currentHubId: 'hub-1', holderKey: 'courier:ana', offeredToKey: null, lastHolder: null };
const atHub: ParcelAccessFacts = { ...withAna, holderKey: 'hub:hub-1' };
const offeredToBo: ParcelAccessFacts = { ...atHub, offeredToKey: 'courier:bo' };
const deliveredByAna: ParcelAccessFacts = { ...withAna, holderKey: null, lastHolder: { kind: 'courier', id: 'ana' } };

const viewer = (role: Viewer['role'], participantId: string, hubId?: string): Viewer => ({ role, participantId, hubId });

describe('parcel access rules', () => {
  it.each([
    ['admin', viewer('admin', 'a'), withAna, true, true],
    ['insurer', viewer('insurer', 'i'), withAna, true, false],
    ['auditor', viewer('auditor', 'u'), withAna, true, false],
    ['the sending retailer', viewer('retailer', 'shop'), withAna, true, true],
    ['another retailer', viewer('retailer', 'other'), withAna, false, false],
    ['the coordinator of the holding hub', viewer('coordinator', 'c', 'hub-1'), atHub, true, true],
    ['the coordinator of the destination hub, parcel with a courier', viewer('coordinator', 'c', 'hub-1'), withAna, true, false],
    ["another hub's coordinator", viewer('coordinator', 'c', 'hub-2'), atHub, false, false],
    ['the coordinator of a hub holding a parcel destined elsewhere (taken by a handoff)', viewer('coordinator', 'c', 'hub-2'), { ...atHub, holderKey: 'hub:hub-2' }, true, true],
    ['the coordinator of a hub a parcel is offered to', viewer('coordinator', 'c', 'hub-2'), { ...withAna, offeredToKey: 'hub:hub-2' }, true, false],
    ['a courier whose id has a colon', viewer('courier', 'ana:2'), { ...withAna, holderKey: 'courier:ana:2' }, true, true],
    ['a coordinator key without a hub', viewer('coordinator', 'c'), atHub, false, false],
    ['the courier holding it', viewer('courier', 'ana'), withAna, true, true],
    ['the courier it is offered to', viewer('courier', 'bo'), offeredToBo, true, false],
    ['the courier who delivered it', viewer('courier', 'ana'), deliveredByAna, true, false],
    ['an unrelated courier', viewer('courier', 'cy'), withAna, false, false],
  ])('%s: sees the parcel %#', (_who, who, parcel, parcelVisible, recipientVisible) => {
    expect(canSeeParcel(who, parcel)).toBe(parcelVisible);
    expect(canSeeRecipient(who, parcel)).toBe(recipientVisible);
  });

  it('seesEveryParcel holds exactly for the roles canSeeParcel lets see any parcel (the chain query skips the board for them)', () => {
    const nobodys: ParcelAccessFacts = { retailerId: 'x', destinationHubId: 'x', currentHubId: 'x', holderKey: 'courier:x', offeredToKey: 'courier:x', lastHolder: { kind: 'courier', id: 'x' } };
    const roles: Viewer['role'][] = ['admin', 'insurer', 'auditor', 'retailer', 'coordinator', 'courier'];
    for (const role of roles) {
      const who = viewer(role, 'me', 'hub-me');
      expect(seesEveryParcel(who)).toBe(canSeeParcel(who, nobodys));
    }
  });
});
