import { deciderSpecification } from '@handoff/testing';
import { DEFAULT_HUB_CYCLE_CAP, type ParticipantProfile, type ProfileOf } from './participant-profiles';
import type { ParticipantCommand, RegisterParticipant } from './participant.commands';
import { participantDecider } from './participant.decider';
import type { ParticipantEvent } from './participant.events';

const { given } = deciderSpecification(participantDecider);
const T0 = '2025-03-01T08:00:00.000Z';
const T1 = '2025-03-02T08:00:00.000Z';

const profiles = {
  retailer: { kind: 'retailer', displayName: 'Main St Hardware' },
  collective: {
    kind: 'collective',
    displayName: 'Main Street Collective',
    memberRetailerIds: ['hardware', 'pharmacy'],
    policy: { declaredValueThreshold: { amountMinor: 30_000, currency: 'USD' }, waiverRequired: true },
  },
  hub: {
    kind: 'hub',
    displayName: 'Church basement',
    address: { lines: ['12 Elm St'], locality: 'Millbrook', postalCode: '12545', countryCode: 'US' },
    operatingCoordinatorId: 'coord-1',
    perCycleCap: DEFAULT_HUB_CYCLE_CAP,
  },
  courier: { kind: 'courier', displayName: 'Runner Ana', engagement: { kind: 'gig', platform: 'QuickDrop' }, vetting: 'unvetted' },
  coordinator: { kind: 'coordinator', displayName: 'Coordinator Bo' },
} satisfies { [Kind in ParticipantProfile['kind']]: ProfileOf<Kind> };

const register = (participantId: string, profile: ParticipantProfile): RegisterParticipant => ({
  type: 'RegisterParticipant',
  participantId,
  profile,
  registeredAt: T0,
});
const registeredAs = (participantId: string, profile: ParticipantProfile): ParticipantEvent[] => participantDecider.decide(register(participantId, profile), participantDecider.initialState());

describe('RegisterParticipant', () => {
  it.each([
    ['retailer', 'RetailerRegistered'],
    ['collective', 'RetailerCollectiveRegistered'],
    ['hub', 'HubRegistered'],
    ['courier', 'CourierRegistered'],
    ['coordinator', 'CoordinatorRegistered'],
  ] as const)('registers a %s as %s, carrying its profile', (kind, type) => {
    const { kind: _kind, ...details } = profiles[kind];
    const state = given([])
      .when(register('p-1', profiles[kind]))
      .then([{ type, data: { participantId: 'p-1', ...details, registeredAt: T0 } } as ParticipantEvent]);
    expect(state).toEqual({ status: 'active', participantId: 'p-1', profile: profiles[kind], registeredAt: T0 });
  });

  it("registers a hub's time zone when it names one (a later, optional field)", () => {
    const { kind: _kind, ...details } = profiles.hub;
    given([])
      .when(register('hub-9', { ...profiles.hub, timeZone: 'America/Chicago' }))
      .then([{ type: 'HubRegistered', data: { participantId: 'hub-9', ...details, timeZone: 'America/Chicago', registeredAt: T0 } } as ParticipantEvent]);
  });

  it('treats the same registration again as a retry', () => {
    given(registeredAs('hub-1', profiles.hub))
      .when({ ...register('hub-1', profiles.hub), registeredAt: T1 })
      .thenNothing();
  });

  it('refuses the same id with a different profile', () => {
    given(registeredAs('hub-1', profiles.hub))
      .when(register('hub-1', { ...profiles.hub, perCycleCap: 80 }))
      .thenThrows('PARTICIPANT.ALREADY_REGISTERED');
  });

  it.each([
    ['a gig courier without a platform', { ...profiles.courier, engagement: { kind: 'gig', platform: ' ' } }],
    ['a hub with a cap of zero', { ...profiles.hub, perCycleCap: 0 }],
    ['a hub with a fractional cap', { ...profiles.hub, perCycleCap: 5.5 }],
    ['a hub with a country name', { ...profiles.hub, address: { ...profiles.hub.address, countryCode: 'USA' } }],
    ['a hub in a time zone that does not exist', { ...profiles.hub, timeZone: 'Mars/Olympus' }],
    ['a collective without members', { ...profiles.collective, memberRetailerIds: [] }],
    ['a collective with a float threshold', { ...profiles.collective, policy: { ...profiles.collective.policy, declaredValueThreshold: { amountMinor: 1.5, currency: 'USD' } } }],
    ['a nameless retailer', { kind: 'retailer', displayName: '' }],
  ] as [string, ParticipantProfile][])('refuses %s', (_label, profile) => {
    given([]).when(register('p-1', profile)).thenThrows('PARTICIPANT.INVALID_DETAILS');
  });
});

describe('updating participants', () => {
  const hubHistory = registeredAs('hub-1', profiles.hub);
  const courierHistory = registeredAs('courier-1', profiles.courier);
  const collectiveHistory = registeredAs('collective-1', profiles.collective);
  const newAddress = { lines: ['3 Oak Ave'], locality: 'Millbrook', postalCode: '12545', countryCode: 'US' };
  const strictPolicy = { declaredValueThreshold: { amountMinor: 10_000, currency: 'USD' }, waiverRequired: true };

  // [command, history, change, expected event, repeat (no-op) command, history and command refused, refusal code]
  const cases: [string, ParticipantEvent[], ParticipantCommand, ParticipantEvent, ParticipantCommand, ParticipantEvent[], ParticipantCommand, string][] = [
    [
      'RenameParticipant',
      hubHistory,
      { type: 'RenameParticipant', participantId: 'hub-1', displayName: 'Corner store', renamedAt: T1 },
      { type: 'ParticipantRenamed', data: { participantId: 'hub-1', participantKind: 'hub', displayName: 'Corner store', renamedAt: T1 } },
      { type: 'RenameParticipant', participantId: 'hub-1', displayName: profiles.hub.displayName, renamedAt: T1 },
      [],
      { type: 'RenameParticipant', participantId: 'nobody', displayName: 'X', renamedAt: T1 },
      'PARTICIPANT.NOT_FOUND',
    ],
    [
      'ChangeHubAddress',
      hubHistory,
      { type: 'ChangeHubAddress', participantId: 'hub-1', address: newAddress, changedAt: T1 },
      { type: 'HubAddressChanged', data: { participantId: 'hub-1', address: newAddress, changedAt: T1 } },
      { type: 'ChangeHubAddress', participantId: 'hub-1', address: { ...profiles.hub.address }, changedAt: T1 },
      courierHistory,
      { type: 'ChangeHubAddress', participantId: 'hub-1', address: newAddress, changedAt: T1 },
      'PARTICIPANT.WRONG_KIND',
    ],
    [
      'AssignHubCoordinator',
      hubHistory,
      { type: 'AssignHubCoordinator', participantId: 'hub-1', coordinatorId: 'coord-2', assignedAt: T1 },
      { type: 'HubCoordinatorAssigned', data: { participantId: 'hub-1', coordinatorId: 'coord-2', assignedAt: T1 } },
      { type: 'AssignHubCoordinator', participantId: 'hub-1', coordinatorId: 'coord-1', assignedAt: T1 },
      hubHistory,
      { type: 'AssignHubCoordinator', participantId: 'hub-1', coordinatorId: '', assignedAt: T1 },
      'PARTICIPANT.INVALID_DETAILS',
    ],
    [
      'ChangeHubCycleCap',
      hubHistory,
      { type: 'ChangeHubCycleCap', participantId: 'hub-1', perCycleCap: 70, changedAt: T1 },
      { type: 'HubCycleCapChanged', data: { participantId: 'hub-1', perCycleCap: 70, changedAt: T1 } },
      { type: 'ChangeHubCycleCap', participantId: 'hub-1', perCycleCap: 55, changedAt: T1 },
      hubHistory,
      { type: 'ChangeHubCycleCap', participantId: 'hub-1', perCycleCap: -3, changedAt: T1 },
      'PARTICIPANT.INVALID_DETAILS',
    ],
    [
      'ChangeCourierEngagement',
      courierHistory,
      { type: 'ChangeCourierEngagement', participantId: 'courier-1', engagement: { kind: 'volunteer' }, changedAt: T1 },
      { type: 'CourierEngagementChanged', data: { participantId: 'courier-1', engagement: { kind: 'volunteer' }, changedAt: T1 } },
      { type: 'ChangeCourierEngagement', participantId: 'courier-1', engagement: { kind: 'gig', platform: 'QuickDrop' }, changedAt: T1 },
      hubHistory,
      { type: 'ChangeCourierEngagement', participantId: 'courier-1', engagement: { kind: 'paid' }, changedAt: T1 },
      'PARTICIPANT.WRONG_KIND',
    ],
    [
      'ChangeCourierVetting',
      courierHistory,
      { type: 'ChangeCourierVetting', participantId: 'courier-1', vetting: 'vetted', changedAt: T1 },
      { type: 'CourierVettingChanged', data: { participantId: 'courier-1', vetting: 'vetted', changedAt: T1 } },
      { type: 'ChangeCourierVetting', participantId: 'courier-1', vetting: 'unvetted', changedAt: T1 },
      courierHistory,
      { type: 'ChangeCourierVetting', participantId: 'courier-1', vetting: 'vetted', changedAt: 'yesterday' },
      'PARTICIPANT.INVALID_DETAILS',
    ],
    [
      'ChangeCollectivePolicy',
      collectiveHistory,
      { type: 'ChangeCollectivePolicy', participantId: 'collective-1', policy: strictPolicy, changedAt: T1 },
      { type: 'RetailerCollectivePolicyChanged', data: { participantId: 'collective-1', policy: strictPolicy, changedAt: T1 } },
      { type: 'ChangeCollectivePolicy', participantId: 'collective-1', policy: profiles.collective.policy, changedAt: T1 },
      collectiveHistory,
      { type: 'ChangeCollectivePolicy', participantId: 'collective-1', policy: { ...strictPolicy, declaredValueThreshold: { amountMinor: 1, currency: 'dollars' } }, changedAt: T1 },
      'PARTICIPANT.INVALID_DETAILS',
    ],
    [
      'AdmitCollectiveMember',
      collectiveHistory,
      { type: 'AdmitCollectiveMember', participantId: 'collective-1', retailerId: 'bakery', admittedAt: T1 },
      { type: 'RetailerCollectiveMemberAdmitted', data: { participantId: 'collective-1', retailerId: 'bakery', admittedAt: T1 } },
      { type: 'AdmitCollectiveMember', participantId: 'collective-1', retailerId: 'pharmacy', admittedAt: T1 },
      hubHistory,
      { type: 'AdmitCollectiveMember', participantId: 'hub-1', retailerId: 'bakery', admittedAt: T1 },
      'PARTICIPANT.WRONG_KIND',
    ],
    [
      'RemoveCollectiveMember',
      collectiveHistory,
      { type: 'RemoveCollectiveMember', participantId: 'collective-1', retailerId: 'pharmacy', removedAt: T1 },
      { type: 'RetailerCollectiveMemberRemoved', data: { participantId: 'collective-1', retailerId: 'pharmacy', removedAt: T1 } },
      { type: 'RemoveCollectiveMember', participantId: 'collective-1', retailerId: 'bakery', removedAt: T1 },
      [],
      { type: 'RemoveCollectiveMember', participantId: 'nobody', retailerId: 'pharmacy', removedAt: T1 },
      'PARTICIPANT.NOT_FOUND',
    ],
    [
      'SuspendParticipant',
      courierHistory,
      { type: 'SuspendParticipant', participantId: 'courier-1', reason: 'left a parcel in the rain', suspendedAt: T1 },
      { type: 'ParticipantSuspended', data: { participantId: 'courier-1', participantKind: 'courier', reason: 'left a parcel in the rain', suspendedAt: T1 } },
      { type: 'SuspendParticipant', participantId: 'courier-1', reason: 'x', suspendedAt: T1 },
      courierHistory,
      { type: 'SuspendParticipant', participantId: 'courier-1', reason: '  ', suspendedAt: T1 },
      'PARTICIPANT.INVALID_DETAILS',
    ],
  ];

  describe.each(cases)('%s', (_name, history, change, expected, noOp, refusedHistory, refused, code) => {
    it('records the change', () => {
      given(history).when(change).then([expected]);
    });
    it('does nothing when nothing would change', () => {
      // For SuspendParticipant the no-op is a second suspension.
      const before = noOp.type === 'SuspendParticipant' ? [...history, expected] : history;
      given(before).when(noOp).thenNothing();
    });
    it(`refuses with ${code}`, () => {
      given(refusedHistory).when(refused).thenThrows(code);
    });
  });

  it('keeps the last member of a collective', () => {
    const single = registeredAs('collective-2', { ...profiles.collective, memberRetailerIds: ['hardware'] });
    given(single).when({ type: 'RemoveCollectiveMember', participantId: 'collective-2', retailerId: 'hardware', removedAt: T1 }).thenThrows('PARTICIPANT.COLLECTIVE_NEEDS_A_MEMBER');
  });

  it('folds updates into the profile', () => {
    const state = given(collectiveHistory)
      .when({ type: 'AdmitCollectiveMember', participantId: 'collective-1', retailerId: 'bakery', admittedAt: T1 })
      .then([{ type: 'RetailerCollectiveMemberAdmitted', data: { participantId: 'collective-1', retailerId: 'bakery', admittedAt: T1 } }]);
    expect(state).toMatchObject({ profile: { memberRetailerIds: ['hardware', 'pharmacy', 'bakery'] } });
  });
});

describe('ReinstateParticipant', () => {
  const suspended: ParticipantEvent[] = [
    ...registeredAs('courier-1', profiles.courier),
    { type: 'ParticipantSuspended', data: { participantId: 'courier-1', participantKind: 'courier', reason: 'review', suspendedAt: T1 } },
  ];

  it('reactivates a suspended participant, profile intact', () => {
    const state = given(suspended)
      .when({ type: 'ReinstateParticipant', participantId: 'courier-1', reinstatedAt: T1 })
      .then([{ type: 'ParticipantReinstated', data: { participantId: 'courier-1', participantKind: 'courier', reinstatedAt: T1 } }]);
    expect(state).toEqual({ status: 'active', participantId: 'courier-1', profile: profiles.courier, registeredAt: T0 });
  });

  it('does nothing for an active participant', () => {
    given(registeredAs('courier-1', profiles.courier)).when({ type: 'ReinstateParticipant', participantId: 'courier-1', reinstatedAt: T1 }).thenNothing();
  });

  it('refuses an unknown participant', () => {
    given([]).when({ type: 'ReinstateParticipant', participantId: 'courier-1', reinstatedAt: T1 }).thenThrows('PARTICIPANT.NOT_FOUND');
  });
});
