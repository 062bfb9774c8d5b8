import { isDeepStrictEqual } from 'node:util';
import type { ParticipantKind, ProfileOf } from './participant-profiles';
import type { ParticipantCommand, RegisterParticipant } from './participant.commands';
import { REGISTERED_EVENT_TYPE, type ParticipantEvent } from './participant.events';
import { participantErrors } from './participant.errors';
import type { Participant, RegisteredParticipant } from './participant.state';
import { checkParticipant } from './participant.validation';

/**
 * Registering, updating and suspending retailers, collectives, hubs, couriers and coordinators.
 * Every change that does not change anything answers no events, so retries are harmless.
 * Updates are allowed while suspended (a courier may be vetted during a suspension).
 */
export const decide = (command: ParticipantCommand, state: Participant): ParticipantEvent[] => {
  const { participantId } = command;
  const check = checkParticipant(participantId);
  switch (command.type) {
    case 'RegisterParticipant':
      return register(command, state);
    case 'RenameParticipant': {
      const { profile } = registered(state, participantId);
      if (profile.displayName === command.displayName) return [];
      check.text('displayName', command.displayName);
      check.instant('renamedAt', command.renamedAt);
      const data = { participantId, participantKind: profile.kind, displayName: command.displayName, renamedAt: command.renamedAt };
      return [{ type: 'ParticipantRenamed', data }];
    }
    case 'ChangeHubAddress': {
      const { address, changedAt } = command;
      return change(
        state,
        participantId,
        'hub',
        (hub) => hub.address,
        address,
        check.address,
        ['changedAt', changedAt],
        () => ({
          type: 'HubAddressChanged',
          data: { participantId, address, changedAt },
        }),
      );
    }
    case 'AssignHubCoordinator': {
      const { coordinatorId, assignedAt } = command;
      const validate = (id: string) => check.text('coordinatorId', id);
      return change(
        state,
        participantId,
        'hub',
        (hub) => hub.operatingCoordinatorId,
        coordinatorId,
        validate,
        ['assignedAt', assignedAt],
        () => ({
          type: 'HubCoordinatorAssigned',
          data: { participantId, coordinatorId, assignedAt },
        }),
      );
    }
    case 'ChangeHubCycleCap': {
      const { perCycleCap, changedAt } = command;
      return change(
        state,
        participantId,
        'hub',
        (hub) => hub.perCycleCap,
        perCycleCap,
        check.cap,
        ['changedAt', changedAt],
        () => ({
          type: 'HubCycleCapChanged',
          data: { participantId, perCycleCap, changedAt },
        }),
      );
    }
    case 'ChangeCourierEngagement': {
      const { engagement, changedAt } = command;
      return change(
        state,
        participantId,
        'courier',
        (courier) => courier.engagement,
        engagement,
        check.engagement,
        ['changedAt', changedAt],
        () => ({
          type: 'CourierEngagementChanged',
          data: { participantId, engagement, changedAt },
        }),
      );
    }
    case 'ChangeCourierVetting': {
      const { vetting, changedAt } = command;
      return change(
        state,
        participantId,
        'courier',
        (courier) => courier.vetting,
        vetting,
        check.vetting,
        ['changedAt', changedAt],
        () => ({
          type: 'CourierVettingChanged',
          data: { participantId, vetting, changedAt },
        }),
      );
    }
    case 'ChangeCollectivePolicy': {
      const { policy, changedAt } = command;
      return change(
        state,
        participantId,
        'collective',
        (collective) => collective.policy,
        policy,
        check.policy,
        ['changedAt', changedAt],
        () => ({
          type: 'RetailerCollectivePolicyChanged',
          data: { participantId, policy, changedAt },
        }),
      );
    }
    case 'AdmitCollectiveMember': {
      if (profileAs(state, participantId, 'collective').memberRetailerIds.includes(command.retailerId)) return [];
      check.text('retailerId', command.retailerId);
      check.instant('admittedAt', command.admittedAt);
      return [{ type: 'RetailerCollectiveMemberAdmitted', data: { participantId, retailerId: command.retailerId, admittedAt: command.admittedAt } }];
    }
    case 'RemoveCollectiveMember': {
      const { memberRetailerIds } = profileAs(state, participantId, 'collective');
      if (!memberRetailerIds.includes(command.retailerId)) return [];
      if (memberRetailerIds.length === 1) throw participantErrors.collectiveNeedsAMember(participantId, command.retailerId);
      check.instant('removedAt', command.removedAt);
      return [{ type: 'RetailerCollectiveMemberRemoved', data: { participantId, retailerId: command.retailerId, removedAt: command.removedAt } }];
    }
    case 'SuspendParticipant': {
      const participant = registered(state, participantId);
      if (participant.status === 'suspended') return [];
      check.text('reason', command.reason);
      check.instant('suspendedAt', command.suspendedAt);
      const data = { participantId, participantKind: participant.profile.kind, reason: command.reason, suspendedAt: command.suspendedAt };
      return [{ type: 'ParticipantSuspended', data }];
    }
    case 'ReinstateParticipant': {
      const participant = registered(state, participantId);
      if (participant.status === 'active') return [];
      check.instant('reinstatedAt', command.reinstatedAt);
      const data = { participantId, participantKind: participant.profile.kind, reinstatedAt: command.reinstatedAt };
      return [{ type: 'ParticipantReinstated', data }];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

/** One facet of one kind of participant changes: nothing if it is already so, else validated and recorded. */
function change<Kind extends ParticipantKind, Value>(
  state: Participant,
  participantId: string,
  kind: Kind,
  current: (profile: ProfileOf<Kind>) => Value,
  next: Value,
  validate: (value: Value) => void,
  [timeField, time]: [string, string],
  recorded: () => ParticipantEvent,
): ParticipantEvent[] {
  if (isDeepStrictEqual(current(profileAs(state, participantId, kind)), next)) return [];
  validate(next);
  checkParticipant(participantId).instant(timeField, time);
  return [recorded()];
}

function register(command: RegisterParticipant, state: Participant): ParticipantEvent[] {
  const { participantId, profile, registeredAt } = command;
  if (state.status !== 'unregistered') {
    // A retry of the same registration (its time may differ) is not a conflict.
    if (isDeepStrictEqual(state.profile, profile)) return [];
    throw participantErrors.alreadyRegistered(participantId);
  }
  const check = checkParticipant(participantId);
  check.text('participantId', participantId);
  check.profile(profile);
  check.instant('registeredAt', registeredAt);
  const { kind, ...details } = profile;
  return [{ type: REGISTERED_EVENT_TYPE[kind], data: { participantId, ...details, registeredAt } } as ParticipantEvent];
}

function registered(state: Participant, participantId: string): RegisteredParticipant {
  if (state.status === 'unregistered') throw participantErrors.notFound(participantId);
  return state;
}

function profileAs<Kind extends ParticipantKind>(state: Participant, participantId: string, kind: Kind): ProfileOf<Kind> {
  const { profile } = registered(state, participantId);
  if (profile.kind !== kind) throw participantErrors.wrongKind(participantId, profile.kind, kind);
  return profile as ProfileOf<Kind>;
}
