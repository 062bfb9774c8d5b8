import type { PersonalDataEnvelope } from '@handoff/kernel';
import type { CollectivePolicy, CourierEngagementKind } from '../shared/party-directory.port';
import type { PartyRef } from '../shared/party';
import type { EvidenceHash, GeoPoint, Money } from '../shared/values';
import type { ConditionReport, DeliveryReceiver, NeighbourRef, ParcelCategory } from './parcel.events';
import type { RecordingClock } from './parcel-stated-time';
import type { WaiverCoverage } from './waiver-coverage.port';

/**
 * Commands carry everything the decision needs, resolved at the edge: the acting party (from
 * authentication; a coordinator acts as their hub), the time, new ids, and facts owned by other
 * aggregates (the receiver's standing, the collective's policy, waiver coverage).
 */
export interface ParcelCommandBase {
  parcelId: string;
  actor: PartyRef;
  /** The acting party is suspended (for a hub: the hub or its coordinator): see `mayActWhileSuspended`. */
  actorSuspended: boolean;
  /** The server's clock and the tolerances the command's time is judged by (parcel-stated-time.ts). */
  recording: RecordingClock;
}

/** The receiving party as the participants context knows it right now. */
export type ReceiverStanding = { kind: 'courier'; id: string; engagement: CourierEngagementKind; vetted: boolean; suspended: boolean } | { kind: 'hub'; id: string; suspended: boolean };

/** The policy of the parcel's collective, looked up by the parcel's collectiveId. */
export interface CollectivePolicySnapshot extends CollectivePolicy {
  collectiveId: string;
}

export interface RegisterParcel extends ParcelCommandBase {
  type: 'RegisterParcel';
  externalReference: string;
  collectiveId: string;
  /** Whether the acting retailer is a member of that collective (from the collective's stream). */
  retailerIsCollectiveMember: boolean;
  declaredValue: Money;
  categories: ParcelCategory[];
  destinationHubId: string;
  recipient: PersonalDataEnvelope;
  registeredAt: string;
}

export interface ReceiveParcelAtHub extends ParcelCommandBase {
  type: 'ReceiveParcelAtHub';
  condition: ConditionReport;
  /** The hub's cycle, checked open (and the hub's) when the command was built; the reaction counts the intake. */
  cycle: { cycleId: string } | null;
  receivedAt: string;
}

export interface SortParcel extends ParcelCommandBase {
  type: 'SortParcel';
  toteId: string;
  routeId: string;
  sortedAt: string;
}

export interface OfferParcelHandoff extends ParcelCommandBase {
  type: 'OfferParcelHandoff';
  handoffId: string;
  receiver: ReceiverStanding;
  /** Checked at the offer too, so an ineligible courier is never asked. */
  policy: CollectivePolicySnapshot;
  offeredAt: string;
}

export interface AcceptParcelHandoff extends ParcelCommandBase {
  type: 'AcceptParcelHandoff';
  handoffId: string;
  receiver: ReceiverStanding;
  policy: CollectivePolicySnapshot;
  /** The waiver port's answer for this courier at acceptedAt (ignored for hubs). */
  waiver: WaiverCoverage;
  condition: ConditionReport;
  evidence: EvidenceHash[];
  geo: GeoPoint;
  deviceTime: string;
  acceptedAt: string;
}

export interface DeclineParcelHandoff extends ParcelCommandBase {
  type: 'DeclineParcelHandoff';
  handoffId: string;
  reason: string;
  declinedAt: string;
}

export interface WithdrawParcelHandoff extends ParcelCommandBase {
  type: 'WithdrawParcelHandoff';
  handoffId: string;
  reason: string;
  withdrawnAt: string;
}

/** The card as the courier fills it in; leaving with a neighbour records the neighbour's acceptance too. */
export type DeliveryCardChoice =
  | { option: 'i-accept' }
  | {
      option: 'leave-with-neighbour';
      neighbour: NeighbourRef;
      handoffId: string;
      condition: ConditionReport;
      evidence: EvidenceHash[];
      deviceTime: string;
    }
  | { option: 'return-to-depot'; returnOn: string };

export interface RecordFailedDeliveryAttempt extends ParcelCommandBase {
  type: 'RecordFailedDeliveryAttempt';
  attemptId: string;
  reason: string;
  card: DeliveryCardChoice;
  geo: GeoPoint;
  attemptedAt: string;
}

export interface DeliverParcel extends ParcelCommandBase {
  type: 'DeliverParcel';
  receivedBy: DeliveryReceiver;
  evidence: EvidenceHash[];
  geo: GeoPoint;
  deliveredAt: string;
}

export interface ReturnParcelToDepot extends ParcelCommandBase {
  type: 'ReturnParcelToDepot';
  condition: ConditionReport;
  returnedAt: string;
}

export interface ReturnParcelToSender extends ParcelCommandBase {
  type: 'ReturnParcelToSender';
  condition: ConditionReport;
  returnedAt: string;
}

export interface ReportParcelIncident extends ParcelCommandBase {
  type: 'ReportParcelIncident';
  reportId: string;
  incident: 'damaged' | 'lost' | 'stolen';
  discoveredAt: string;
  description: string;
  evidence: EvidenceHash[];
  reportedAt: string;
}

export type ParcelCommand =
  | RegisterParcel
  | ReceiveParcelAtHub
  | SortParcel
  | OfferParcelHandoff
  | AcceptParcelHandoff
  | DeclineParcelHandoff
  | WithdrawParcelHandoff
  | RecordFailedDeliveryAttempt
  | DeliverParcel
  | ReturnParcelToDepot
  | ReturnParcelToSender
  | ReportParcelIncident;
