import type { DomainEvent, PersonalDataEnvelope } from '@handoff/kernel';
import type { PartyRef } from '../shared/party';
import type { EvidenceHash, GeoPoint, Money } from '../shared/values';
import type { GrossNegligenceClause } from './waiver-coverage.port';

/**
 * Every parcel fact may carry `backdated: true`: it was stated (occurredAt) more than the backfill
 * window before it was recorded, by a party allowed to backfill (ADR 0008). A later, optional field:
 * facts recorded before it existed simply lack it.
 */
interface StatedTimeNote {
  backdated?: true;
}

type ParcelFact<Type extends string, Data extends object> = DomainEvent<Type, Data & StatedTimeNote>;

export type ParcelCategory = 'pharmaceutical' | 'fragile' | 'perishable' | 'oversized';

export type ParcelCondition = 'intact' | 'damaged';

export interface ConditionReport {
  condition: ParcelCondition;
  notes?: string;
}

/** A neighbour is a data subject: the event keeps their id and their name/address encrypted. */
export interface NeighbourRef {
  subjectId: string;
  personalData: PersonalDataEnvelope;
}

/**
 * The three-option card a courier uses when the recipient is away:
 * - `i-accept`: the courier keeps the parcel and tries again;
 * - `leave-with-neighbour`: a named neighbour takes custody, by a handoff recorded with it;
 * - `return-to-depot`: the courier brings it back to the depot on the given day.
 */
export type DeliveryCard = { option: 'i-accept' } | { option: 'leave-with-neighbour'; neighbour: NeighbourRef } | { option: 'return-to-depot'; returnOn: string };

export type DeliveryReceiver = { kind: 'recipient' } | { kind: 'neighbour'; neighbour: NeighbourRef };

/** Version 1's record of the waiver that covered a courier when they took custody: its id and text hash alone. */
export interface WaiverReferenceV1 {
  waiverId: string;
  versionHash: string;
}

/**
 * The waiver in effect when a courier took custody, as version 2 records it: what an insurer asks
 * about later (which waiver, which template and version, with what cap and clause), read here
 * without asking the waivers context again. The terms are null only on a handoff accepted before
 * version 2: version 1 recorded the id and the text hash alone, and the upcaster does not invent
 * the rest (parcel.upcasters.ts); a version-2 acceptance always has them.
 */
export interface WaiverInEffect {
  waiverId: string;
  /** SHA-256 of the signed version's text (version 1's `versionHash`). */
  textHash: string;
  templateId: string | null;
  templateVersion: number | null;
  liabilityCap: Money | null;
  grossNegligenceClause: GrossNegligenceClause | null;
}

export type ParcelRegistered = ParcelFact<
  'ParcelRegistered',
  {
    parcelId: string;
    retailerId: string;
    externalReference: string;
    collectiveId: string;
    declaredValue: Money;
    categories: ParcelCategory[];
    destinationHubId: string;
    recipient: PersonalDataEnvelope;
    registeredAt: string;
  }
>;

export type ParcelReceivedAtHub = ParcelFact<
  'ParcelReceivedAtHub',
  {
    parcelId: string;
    hubId: string;
    from: PartyRef;
    condition: ConditionReport;
    /**
     * The hub cycle the intake counts against, open when the parcel was received. The cycle's own
     * stream counts it (HubCycleParcelReceived, with the intake number and the soft-cap flag), by
     * the `hub-cycle-intake` reaction (ADR 0020). Version 1 also carried `overCap`, copied from the
     * cycle's count; the upcaster drops it (parcel.upcasters.ts).
     */
    cycle: { cycleId: string } | null;
    receivedAt: string;
  }
>;

export type ParcelSorted = ParcelFact<'ParcelSorted', { parcelId: string; hubId: string; toteId: string; routeId: string; sortedAt: string }>;

export type ParcelHandoffOffered = ParcelFact<'ParcelHandoffOffered', { parcelId: string; handoffId: string; from: PartyRef; to: PartyRef; offeredAt: string }>;

export type ParcelHandoffAccepted = ParcelFact<
  'ParcelHandoffAccepted',
  {
    parcelId: string;
    handoffId: string;
    from: PartyRef;
    to: PartyRef;
    condition: ConditionReport;
    evidence: EvidenceHash[];
    geo: GeoPoint;
    /** The receiving device's clock, kept beside acceptedAt because offline devices drift. */
    deviceTime: string;
    /**
     * The waiver in effect at `acceptedAt`, for a courier who had one. null, as in version 1: no
     * waiver is recorded, because the receiver is not a courier (a hub; a neighbour on a delivery
     * card) or the courier had none in effect and the collective did not require one.
     */
    waiver: WaiverInEffect | null;
    acceptedAt: string;
  }
>;

export type ParcelHandoffDeclined = ParcelFact<'ParcelHandoffDeclined', { parcelId: string; handoffId: string; from: PartyRef; to: PartyRef; reason: string; declinedAt: string }>;

export type ParcelHandoffWithdrawn = ParcelFact<'ParcelHandoffWithdrawn', { parcelId: string; handoffId: string; from: PartyRef; to: PartyRef; reason: string; withdrawnAt: string }>;

export type ParcelDeliveryAttemptFailed = ParcelFact<
  'ParcelDeliveryAttemptFailed',
  { parcelId: string; attemptId: string; courierId: string; reason: string; card: DeliveryCard; geo: GeoPoint; attemptedAt: string }
>;

export type ParcelDelivered = ParcelFact<'ParcelDelivered', { parcelId: string; deliveredBy: PartyRef; receivedBy: DeliveryReceiver; evidence: EvidenceHash[]; geo: GeoPoint; deliveredAt: string }>;

export type ParcelReturnedToDepot = ParcelFact<'ParcelReturnedToDepot', { parcelId: string; hubId: string; from: PartyRef; condition: ConditionReport; returnedAt: string }>;

export type ParcelReturnedToSender = ParcelFact<'ParcelReturnedToSender', { parcelId: string; from: PartyRef; retailerId: string; condition: ConditionReport; returnedAt: string }>;

interface IncidentReport {
  parcelId: string;
  reportId: string;
  reportedBy: PartyRef;
  /** When the problem was found, which may be well before it was reported. */
  discoveredAt: string;
  description: string;
  evidence: EvidenceHash[];
  reportedAt: string;
  /**
   * Set on a loss or theft reported while the parcel was moving: custody ends with the report.
   * Lets read models close the chain without knowing the parcel's state (a later field, so optional).
   */
  endedCustody?: true;
}

export type ParcelReportedDamaged = ParcelFact<'ParcelReportedDamaged', IncidentReport>;
export type ParcelReportedLost = ParcelFact<'ParcelReportedLost', IncidentReport>;
export type ParcelReportedStolen = ParcelFact<'ParcelReportedStolen', IncidentReport>;

export type ParcelEvent =
  | ParcelRegistered
  | ParcelReceivedAtHub
  | ParcelSorted
  | ParcelHandoffOffered
  | ParcelHandoffAccepted
  | ParcelHandoffDeclined
  | ParcelHandoffWithdrawn
  | ParcelDeliveryAttemptFailed
  | ParcelDelivered
  | ParcelReturnedToDepot
  | ParcelReturnedToSender
  | ParcelReportedDamaged
  | ParcelReportedLost
  | ParcelReportedStolen;

/** The registered type strings and the schema version this code writes for each. */
export const parcelEventSchemaVersions = {
  ParcelRegistered: 1,
  ParcelReceivedAtHub: 2,
  ParcelSorted: 1,
  ParcelHandoffOffered: 1,
  ParcelHandoffAccepted: 2,
  ParcelHandoffDeclined: 1,
  ParcelHandoffWithdrawn: 1,
  ParcelDeliveryAttemptFailed: 1,
  ParcelDelivered: 1,
  ParcelReturnedToDepot: 1,
  ParcelReturnedToSender: 1,
  ParcelReportedDamaged: 1,
  ParcelReportedLost: 1,
  ParcelReportedStolen: 1,
} as const satisfies Record<ParcelEvent['type'], number>;
