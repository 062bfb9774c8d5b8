import type { CollectivePolicy, CourierEngagement, ParticipantProfile, PostalAddress, VettingStatus } from './participant-profiles';

/** Every participant command names the participant; the time arrives on it (`<verb>edAt`). */
interface ParticipantCommandBase {
  participantId: string;
}

export interface RegisterParticipant extends ParticipantCommandBase {
  type: 'RegisterParticipant';
  profile: ParticipantProfile;
  registeredAt: string;
}

export interface RenameParticipant extends ParticipantCommandBase {
  type: 'RenameParticipant';
  displayName: string;
  renamedAt: string;
}

export interface ChangeHubAddress extends ParticipantCommandBase {
  type: 'ChangeHubAddress';
  address: PostalAddress;
  changedAt: string;
}

export interface AssignHubCoordinator extends ParticipantCommandBase {
  type: 'AssignHubCoordinator';
  coordinatorId: string;
  assignedAt: string;
}

export interface ChangeHubCycleCap extends ParticipantCommandBase {
  type: 'ChangeHubCycleCap';
  perCycleCap: number;
  changedAt: string;
}

export interface ChangeCourierEngagement extends ParticipantCommandBase {
  type: 'ChangeCourierEngagement';
  engagement: CourierEngagement;
  changedAt: string;
}

export interface ChangeCourierVetting extends ParticipantCommandBase {
  type: 'ChangeCourierVetting';
  vetting: VettingStatus;
  changedAt: string;
}

export interface ChangeCollectivePolicy extends ParticipantCommandBase {
  type: 'ChangeCollectivePolicy';
  policy: CollectivePolicy;
  changedAt: string;
}

export interface AdmitCollectiveMember extends ParticipantCommandBase {
  type: 'AdmitCollectiveMember';
  retailerId: string;
  admittedAt: string;
}

export interface RemoveCollectiveMember extends ParticipantCommandBase {
  type: 'RemoveCollectiveMember';
  retailerId: string;
  removedAt: string;
}

export interface SuspendParticipant extends ParticipantCommandBase {
  type: 'SuspendParticipant';
  reason: string;
  suspendedAt: string;
}

export interface ReinstateParticipant extends ParticipantCommandBase {
  type: 'ReinstateParticipant';
  reinstatedAt: string;
}

export type ParticipantCommand =
  | RegisterParticipant
  | RenameParticipant
  | ChangeHubAddress
  | AssignHubCoordinator
  | ChangeHubCycleCap
  | ChangeCourierEngagement
  | ChangeCourierVetting
  | ChangeCollectivePolicy
  | AdmitCollectiveMember
  | RemoveCollectiveMember
  | SuspendParticipant
  | ReinstateParticipant;
