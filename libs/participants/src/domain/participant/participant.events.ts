import type { DomainEvent } from '@handoff/kernel';
import type { CollectivePolicy, CourierEngagement, ParticipantKind, PostalAddress, ProfileOf, VettingStatus } from './participant-profiles';

/** Streams are per kind (`retailer-<id>`, `collective-<id>`, `hub-<id>`, `courier-<id>`, `coordinator-<id>`). */
type Registered<Kind extends ParticipantKind> = Omit<ProfileOf<Kind>, 'kind'> & { participantId: string; registeredAt: string };

export type RetailerRegistered = DomainEvent<'RetailerRegistered', Registered<'retailer'>>;
export type RetailerCollectiveRegistered = DomainEvent<'RetailerCollectiveRegistered', Registered<'collective'>>;
export type HubRegistered = DomainEvent<'HubRegistered', Registered<'hub'>>;
export type CourierRegistered = DomainEvent<'CourierRegistered', Registered<'courier'>>;
export type CoordinatorRegistered = DomainEvent<'CoordinatorRegistered', Registered<'coordinator'>>;

export type ParticipantRenamed = DomainEvent<'ParticipantRenamed', { participantId: string; participantKind: ParticipantKind; displayName: string; renamedAt: string }>;
export type HubAddressChanged = DomainEvent<'HubAddressChanged', { participantId: string; address: PostalAddress; changedAt: string }>;
export type HubCoordinatorAssigned = DomainEvent<'HubCoordinatorAssigned', { participantId: string; coordinatorId: string; assignedAt: string }>;
export type HubCycleCapChanged = DomainEvent<'HubCycleCapChanged', { participantId: string; perCycleCap: number; changedAt: string }>;
export type CourierEngagementChanged = DomainEvent<'CourierEngagementChanged', { participantId: string; engagement: CourierEngagement; changedAt: string }>;
export type CourierVettingChanged = DomainEvent<'CourierVettingChanged', { participantId: string; vetting: VettingStatus; changedAt: string }>;
export type RetailerCollectivePolicyChanged = DomainEvent<'RetailerCollectivePolicyChanged', { participantId: string; policy: CollectivePolicy; changedAt: string }>;
export type RetailerCollectiveMemberAdmitted = DomainEvent<'RetailerCollectiveMemberAdmitted', { participantId: string; retailerId: string; admittedAt: string }>;
export type RetailerCollectiveMemberRemoved = DomainEvent<'RetailerCollectiveMemberRemoved', { participantId: string; retailerId: string; removedAt: string }>;
export type ParticipantSuspended = DomainEvent<'ParticipantSuspended', { participantId: string; participantKind: ParticipantKind; reason: string; suspendedAt: string }>;
export type ParticipantReinstated = DomainEvent<'ParticipantReinstated', { participantId: string; participantKind: ParticipantKind; reinstatedAt: string }>;

export type ParticipantRegisteredEvent = RetailerRegistered | RetailerCollectiveRegistered | HubRegistered | CourierRegistered | CoordinatorRegistered;

export type ParticipantEvent =
  | ParticipantRegisteredEvent
  | ParticipantRenamed
  | HubAddressChanged
  | HubCoordinatorAssigned
  | HubCycleCapChanged
  | CourierEngagementChanged
  | CourierVettingChanged
  | RetailerCollectivePolicyChanged
  | RetailerCollectiveMemberAdmitted
  | RetailerCollectiveMemberRemoved
  | ParticipantSuspended
  | ParticipantReinstated;

export const participantEventSchemaVersions = {
  RetailerRegistered: 1,
  RetailerCollectiveRegistered: 1,
  HubRegistered: 1,
  CourierRegistered: 1,
  CoordinatorRegistered: 1,
  ParticipantRenamed: 1,
  HubAddressChanged: 1,
  HubCoordinatorAssigned: 1,
  HubCycleCapChanged: 1,
  CourierEngagementChanged: 1,
  CourierVettingChanged: 1,
  RetailerCollectivePolicyChanged: 1,
  RetailerCollectiveMemberAdmitted: 1,
  RetailerCollectiveMemberRemoved: 1,
  ParticipantSuspended: 1,
  ParticipantReinstated: 1,
} as const satisfies Record<ParticipantEvent['type'], number>;

/** Which registration event each kind writes. */
export const REGISTERED_EVENT_TYPE = {
  retailer: 'RetailerRegistered',
  collective: 'RetailerCollectiveRegistered',
  hub: 'HubRegistered',
  courier: 'CourierRegistered',
  coordinator: 'CoordinatorRegistered',
} as const satisfies Record<ParticipantKind, ParticipantRegisteredEvent['type']>;
