/**
 * The custody chain read model: one document per custody fact (`step`) of a parcel's stream, keyed
 * by its event id and indexed by parcel and `$all` position. Handlers see one event at a time, so
 * they only add facts; the chain's segments, gaps and flags are computed when it is read
 * (custody-chain.view.ts) from the parcel's steps in order, which is also what lets one read
 * answer "as of" any instant.
 *
 * Version 1 kept every step in one document per parcel: each new fact rewrote the whole chain, so
 * a write cost grew with the parcel's history (a 40-step document read, decoded, re-encoded and
 * re-indexed per event). Version 2 writes one small document per fact. Version 3 adds each fact's
 * `recordedAt` and `backdated` (ADR 0008), so the steps are rebuilt once. Version 4 takes an
 * intake's over-cap flag from the cycle's HubCycleParcelReceived (ADR 0020), kept as one more
 * document per parcel and cycle beside the parcel's steps (`intake` set, `revision` -1), so the
 * one read of a parcel's documents finds both, whichever event was applied first. (Version 4 kept
 * them in a collection of their own: a second query per chain read, +1 ms p50 on the custody
 * bench; its collection stays until an admin drops it.) Version 6 keeps on an acceptance's step the
 * waiver in effect (ParcelHandoffAccepted v2, ADR 0025), so each segment shows its waiver and cap
 * from the same one read.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { defineProjection, replace } from '@handoff/projections';
import type { ProjectionHandler, ProjectionHandlers } from '@handoff/projections';
import type { PartyRef } from '../../domain/shared/party';
import type { GeoPoint } from '../../domain/shared/values';
import type { HubCycleParcelReceived } from '../../domain/hub-cycle/hub-cycle.events';
import type { ParcelCondition, ParcelEvent, WaiverInEffect } from '../../domain/parcel/parcel.events';

export const CUSTODY_STEPS = 'custodySteps';

/** How a step changes custody: it starts a holder's segment, ends custody, or only informs. */
export type StepEffect = 'takes-custody' | 'ends-custody' | 'informs';

export interface CustodyStep {
  /** `$all` commit position of the event: the order facts were recorded in. */
  position: number;
  eventId: string;
  type: ParcelEvent['type'];
  /** When it happened in the world, as the client stated it (the event's own `<verb>edAt`). */
  at: string;
  /** When the server recorded it (the event's metadata): shown beside `at`, so a late sync is visible. */
  recordedAt: string;
  /** Stated more than the backfill window before it was recorded, by a hub allowed to backfill (ADR 0008). */
  backdated?: true;
  effect: StepEffect;
  /** The holder after a `takes-custody` step; the party custody passed from, when there was one. */
  holder?: PartyRef;
  from?: PartyRef;
  /** The other party of an offer, a decline or a withdrawal. */
  to?: PartyRef;
  condition?: ParcelCondition;
  evidence?: string[];
  geo?: GeoPoint;
  handoffId?: string;
  reason?: string;
  /** The hub cycle an intake named; whether it came in over the cap is the cycle's to say (`CycleIntake`). */
  cycle?: { cycleId: string };
  incident?: 'damaged' | 'lost' | 'stolen';
  discoveredAt?: string;
  card?: 'i-accept' | 'leave-with-neighbour' | 'return-to-depot';
  /** On an acceptance by a courier who had one: the waiver in effect when they took custody, as the handoff recorded it. */
  waiver?: WaiverInEffect;
}

/** How a hub cycle counted a parcel (from HubCycleParcelReceived). */
export interface CycleIntake {
  parcelId: string;
  cycleId: string;
  intakeNumber: number;
  overCap: boolean;
}

/** A parcel's steps and the cycles that counted it, as the view reads them. */
export interface CustodyChainDocument {
  _id: string;
  steps: CustodyStep[];
  intakes?: CycleIntake[];
}

/** How a step is stored: its own document, `_id` its event id; `revision` (in the parcel's stream) orders a parcel's steps exactly. */
export type CustodyStepDocument = CustodyStep & { _id: string; parcelId: string; revision: number };

type Envelope<T extends ParcelEvent['type']> = RecordedEnvelope<Extract<ParcelEvent, { type: T }>>;

const base = (event: RecordedEnvelope<ParcelEvent>, at: string, effect: StepEffect): CustodyStep => ({
  position: Number(event.position?.commit ?? -1n),
  eventId: event.metadata.eventId,
  type: event.type,
  at,
  recordedAt: event.metadata.recordedAt,
  backdated: event.data.backdated,
  effect,
});

const push = (event: RecordedEnvelope<ParcelEvent>, step: CustodyStep) => [
  replace(CUSTODY_STEPS, step.eventId, { parcelId: event.data.parcelId, revision: Number(event.revision), ...dropUndefined(step) }),
];

const incident =
  (kind: 'damaged' | 'lost' | 'stolen'): ProjectionHandler<Extract<ParcelEvent, { type: `ParcelReported${string}` }>> =>
  (event) =>
    push(event, {
      ...base(event, event.data.reportedAt, event.data.endedCustody ? 'ends-custody' : 'informs'),
      from: event.data.reportedBy,
      incident: kind,
      discoveredAt: event.data.discoveredAt,
      evidence: event.data.evidence,
      reason: event.data.description,
    });

/** An intake or a return to depot: the hub holds the parcel from now, in the condition it noted. */
const hubTakesCustody = (event: RecordedEnvelope<ParcelEvent>, at: string, data: { hubId: string; from: PartyRef; condition: { condition: ParcelCondition; notes?: string } }): CustodyStep => ({
  ...base(event, at, 'takes-custody'),
  holder: { kind: 'hub', id: data.hubId },
  from: data.from,
  condition: data.condition.condition,
  reason: data.condition.notes,
});

/** A declined or withdrawn offer: nobody's custody changes, but the chain keeps the fact. */
const offerSettled = (event: RecordedEnvelope<ParcelEvent>, at: string, data: { handoffId: string; from: PartyRef; to: PartyRef; reason: string }): CustodyStep => ({
  ...base(event, at, 'informs'),
  from: data.from,
  to: data.to,
  handoffId: data.handoffId,
  reason: data.reason,
});

const handlers: ProjectionHandlers<ParcelEvent | HubCycleParcelReceived> = {
  ParcelRegistered: (event: Envelope<'ParcelRegistered'>) =>
    push(event, { ...base(event, event.data.registeredAt, 'takes-custody'), holder: { kind: 'retailer', id: event.data.retailerId }, condition: 'intact' }),
  ParcelReceivedAtHub: (event: Envelope<'ParcelReceivedAtHub'>) => push(event, { ...hubTakesCustody(event, event.data.receivedAt, event.data), cycle: event.data.cycle ?? undefined }),
  ParcelReturnedToDepot: (event: Envelope<'ParcelReturnedToDepot'>) => push(event, hubTakesCustody(event, event.data.returnedAt, event.data)),
  ParcelSorted: (event: Envelope<'ParcelSorted'>) => push(event, { ...base(event, event.data.sortedAt, 'informs'), reason: `tote ${event.data.toteId}, route ${event.data.routeId}` }),
  ParcelHandoffOffered: (event: Envelope<'ParcelHandoffOffered'>) =>
    push(event, { ...base(event, event.data.offeredAt, 'informs'), from: event.data.from, to: event.data.to, handoffId: event.data.handoffId }),
  ParcelHandoffAccepted: (event: Envelope<'ParcelHandoffAccepted'>) =>
    push(event, {
      ...base(event, event.data.acceptedAt, 'takes-custody'),
      holder: event.data.to,
      from: event.data.from,
      handoffId: event.data.handoffId,
      condition: event.data.condition.condition,
      reason: event.data.condition.notes,
      evidence: event.data.evidence,
      geo: event.data.geo,
      waiver: event.data.waiver ?? undefined,
    }),
  ParcelHandoffDeclined: (event: Envelope<'ParcelHandoffDeclined'>) => push(event, offerSettled(event, event.data.declinedAt, event.data)),
  ParcelHandoffWithdrawn: (event: Envelope<'ParcelHandoffWithdrawn'>) => push(event, offerSettled(event, event.data.withdrawnAt, event.data)),
  ParcelDeliveryAttemptFailed: (event: Envelope<'ParcelDeliveryAttemptFailed'>) =>
    push(event, {
      ...base(event, event.data.attemptedAt, 'informs'),
      from: { kind: 'courier', id: event.data.courierId },
      reason: event.data.reason,
      card: event.data.card.option,
      geo: event.data.geo,
    }),
  ParcelDelivered: (event: Envelope<'ParcelDelivered'>) =>
    push(event, {
      ...base(event, event.data.deliveredAt, 'ends-custody'),
      from: event.data.deliveredBy,
      reason: event.data.receivedBy.kind === 'recipient' ? 'delivered to the recipient' : 'delivered to a neighbour',
      evidence: event.data.evidence,
      geo: event.data.geo,
    }),
  ParcelReturnedToSender: (event: Envelope<'ParcelReturnedToSender'>) =>
    push(event, {
      ...base(event, event.data.returnedAt, 'ends-custody'),
      from: event.data.from,
      to: { kind: 'retailer', id: event.data.retailerId },
      condition: event.data.condition.condition,
      reason: event.data.condition.notes,
    }),
  ParcelReportedDamaged: incident('damaged'),
  ParcelReportedLost: incident('lost'),
  ParcelReportedStolen: incident('stolen'),
  HubCycleParcelReceived: (event: RecordedEnvelope<HubCycleParcelReceived>) => {
    const { parcelId, cycleId, intakeNumber, overCap } = event.data;
    const intake: CycleIntake = { parcelId, cycleId, intakeNumber, overCap };
    // Beside the parcel's steps, before them in revision order; `intake:` keeps its id apart from event ids.
    return [replace(CUSTODY_STEPS, `intake:${cycleId}:${parcelId}`, { parcelId, revision: -1, intake })];
  },
};

export const custodyChainProjection = defineProjection<ParcelEvent | HubCycleParcelReceived>({
  name: 'custody-chain',
  version: 6,
  collections: {
    [CUSTODY_STEPS]: { indexes: [{ key: { parcelId: 1, revision: 1 }, name: 'parcelId_revision' }] },
  },
  handlers,
});

/** MongoDB stores `undefined` as null; facts a step does not have are simply left out. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
