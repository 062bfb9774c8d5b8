import type { PersonalDataEnvelope } from '@handoff/kernel';
import type { DeliveryCardChoice } from '../../domain/parcel/parcel.commands';
import type { ConditionReport, DeliveryReceiver, ParcelCategory } from '../../domain/parcel/parcel.events';
import type { EvidenceHash, GeoPoint, Money } from '../../domain/shared/values';
import type { CustodyEdge } from '../shared/custody-edge';
import { type OnParcel, parcelHandling } from './parcel-handling';

/** Personal data arrives sealed (parcel-personal-data.ts): a command never carries it in clear. */
export type RegisterParcel = OnParcel<
  'RegisterParcel',
  { externalReference: string; collectiveId: string; declaredValue: Money; categories: ParcelCategory[]; destinationHubId: string; recipient: PersonalDataEnvelope }
>;
export type SortParcel = OnParcel<'SortParcel', { toteId: string; routeId: string }>;
export type RecordFailedDelivery = OnParcel<'RecordFailedDelivery', { attemptId: string; reason: string; card: DeliveryCardChoice; geo: GeoPoint }>;
export type DeliverParcel = OnParcel<'DeliverParcel', { receivedBy: DeliveryReceiver; evidence: EvidenceHash[]; geo: GeoPoint }>;
export type ReturnParcelToDepot = OnParcel<'ReturnParcelToDepot', { condition: ConditionReport }>;
export type ReturnParcelToSender = OnParcel<'ReturnParcelToSender', { condition: ConditionReport }>;
export type ReportParcelIncident = OnParcel<'ReportParcelIncident', { reportId: string; incident: 'damaged' | 'lost' | 'stolen'; discoveredAt: string; description: string; evidence: EvidenceHash[] }>;

/** The neighbour's data subject, when a neighbour took the parcel: the caller is told it, as the recipient's at registration. */
function neighbourOf(receiver: DeliveryReceiver | DeliveryCardChoice): Record<string, string> {
  return 'neighbour' in receiver ? { neighbourSubjectId: receiver.neighbour.subjectId } : {};
}

/** How a parcel's own life is decided (ADR 0016): registration, sorting, delivery, returns, incidents. Handoffs: handoff.handlings.ts. */
export function parcelHandlings(edge: CustodyEdge) {
  const on = parcelHandling(edge);
  return [
    on<RegisterParcel>({
      type: 'RegisterParcel',
      roles: ['retailer'],
      // Membership is judged on the collective's stream as it is now.
      toDomain: async ({ data }, base, registeredAt) => {
        const collective = await edge.participantOrNull(data.collectiveId);
        const members = collective?.profile.kind === 'collective' ? collective.profile.memberRetailerIds : [];
        return { type: 'RegisterParcel', ...base, ...data, retailerIsCollectiveMember: members.includes(base.actor.id), registeredAt };
      },
      created: ({ data }) => ({ recipientSubjectId: data.recipient.subjectId }),
    }),
    on<SortParcel>({ type: 'SortParcel', roles: ['coordinator'], toDomain: ({ data }, base, sortedAt) => ({ type: 'SortParcel', ...base, ...data, sortedAt }) }),
    on<RecordFailedDelivery>({
      type: 'RecordFailedDelivery',
      roles: ['courier'],
      toDomain: ({ data }, base, attemptedAt) => ({ type: 'RecordFailedDeliveryAttempt', ...base, ...data, attemptedAt }),
      created: ({ data }) => ({ attemptId: data.attemptId, ...neighbourOf(data.card) }),
    }),
    on<DeliverParcel>({
      type: 'DeliverParcel',
      roles: ['courier'],
      toDomain: ({ data }, base, deliveredAt) => ({ type: 'DeliverParcel', ...base, ...data, deliveredAt }),
      created: ({ data }) => neighbourOf(data.receivedBy),
    }),
    on<ReturnParcelToDepot>({ type: 'ReturnParcelToDepot', roles: ['coordinator'], toDomain: ({ data }, base, returnedAt) => ({ type: 'ReturnParcelToDepot', ...base, ...data, returnedAt }) }),
    on<ReturnParcelToSender>({ type: 'ReturnParcelToSender', roles: ['coordinator'], toDomain: ({ data }, base, returnedAt) => ({ type: 'ReturnParcelToSender', ...base, ...data, returnedAt }) }),
    on<ReportParcelIncident>({
      type: 'ReportParcelIncident',
      roles: ['retailer', 'coordinator', 'courier'],
      toDomain: ({ data }, base, reportedAt) => ({ type: 'ReportParcelIncident', ...base, ...data, reportedAt }),
      created: ({ data }) => ({ reportId: data.reportId }),
    }),
  ];
}
