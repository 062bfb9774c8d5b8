import type { ParticipantKind, ParticipantProfile } from './participant-profiles';
import { REGISTERED_EVENT_TYPE, type ParticipantEvent, type ParticipantRegisteredEvent } from './participant.events';
import type { Participant, RegisteredParticipant } from './participant.state';

/** Folds one participant event; reads only the event, so replays agree. */
export const evolve = (state: Participant, event: ParticipantEvent): Participant => {
  switch (event.type) {
    case 'RetailerRegistered':
    case 'RetailerCollectiveRegistered':
    case 'HubRegistered':
    case 'CourierRegistered':
    case 'CoordinatorRegistered':
      return state.status === 'unregistered' ? { status: 'active', participantId: event.data.participantId, profile: profileOf(event), registeredAt: event.data.registeredAt } : state;
    case 'ParticipantRenamed':
      return withProfile(state, (profile) => ({ ...profile, displayName: event.data.displayName }));
    case 'HubAddressChanged':
      return withProfile(state, (profile) => (profile.kind === 'hub' ? { ...profile, address: event.data.address } : profile));
    case 'HubCoordinatorAssigned':
      return withProfile(state, (profile) => (profile.kind === 'hub' ? { ...profile, operatingCoordinatorId: event.data.coordinatorId } : profile));
    case 'HubCycleCapChanged':
      return withProfile(state, (profile) => (profile.kind === 'hub' ? { ...profile, perCycleCap: event.data.perCycleCap } : profile));
    case 'CourierEngagementChanged':
      return withProfile(state, (profile) => (profile.kind === 'courier' ? { ...profile, engagement: event.data.engagement } : profile));
    case 'CourierVettingChanged':
      return withProfile(state, (profile) => (profile.kind === 'courier' ? { ...profile, vetting: event.data.vetting } : profile));
    case 'RetailerCollectivePolicyChanged':
      return withProfile(state, (profile) => (profile.kind === 'collective' ? { ...profile, policy: event.data.policy } : profile));
    case 'RetailerCollectiveMemberAdmitted':
      return withProfile(state, (profile) => (profile.kind === 'collective' ? { ...profile, memberRetailerIds: [...profile.memberRetailerIds, event.data.retailerId] } : profile));
    case 'RetailerCollectiveMemberRemoved':
      return withProfile(state, (profile) => (profile.kind === 'collective' ? { ...profile, memberRetailerIds: profile.memberRetailerIds.filter((id) => id !== event.data.retailerId) } : profile));
    case 'ParticipantSuspended':
      return state.status === 'unregistered' ? state : { ...known(state), status: 'suspended', suspension: { reason: event.data.reason, suspendedAt: event.data.suspendedAt } };
    case 'ParticipantReinstated':
      return state.status === 'unregistered' ? state : { ...known(state), status: 'active' };
    default: {
      const _never: never = event;
      return _never;
    }
  }
};

const KIND_REGISTERED_BY = Object.fromEntries(Object.entries(REGISTERED_EVENT_TYPE).map(([kind, type]) => [type, kind])) as Record<ParticipantRegisteredEvent['type'], ParticipantKind>;

/** A registration event's data is the profile without its kind (which the event type names). */
function profileOf(event: ParticipantRegisteredEvent): ParticipantProfile {
  const { participantId: _id, registeredAt: _at, ...details } = event.data;
  return { kind: KIND_REGISTERED_BY[event.type], ...details } as ParticipantProfile;
}

const known = ({ participantId, profile, registeredAt }: RegisteredParticipant) => ({ participantId, profile, registeredAt });

const withProfile = (state: Participant, change: (profile: ParticipantProfile) => ParticipantProfile): Participant =>
  state.status === 'unregistered' ? state : { ...state, profile: change(state.profile) };
