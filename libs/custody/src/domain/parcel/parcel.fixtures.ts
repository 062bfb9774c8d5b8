import type { PersonalDataEnvelope } from '@handoff/kernel';
import type { PartyRef } from '../shared/party';
import type {
  AcceptParcelHandoff,
  CollectivePolicySnapshot,
  DeclineParcelHandoff,
  DeliverParcel,
  DeliveryCardChoice,
  OfferParcelHandoff,
  ParcelCommand,
  ReceiveParcelAtHub,
  ReceiverStanding,
  RecordFailedDeliveryAttempt,
  RegisterParcel,
  ReportParcelIncident,
  ReturnParcelToDepot,
  ReturnParcelToSender,
  SortParcel,
  WithdrawParcelHandoff,
} from './parcel.commands';
import type { RecordingClock } from './parcel-stated-time';
import { decide } from './parcel.decide';
import type { ParcelEvent, WaiverInEffect } from './parcel.events';
import type { WaiverCoverage } from './waiver-coverage.port';
import { evolve } from './parcel.evolve';
import { initialState } from './parcel.state';

/** Test data for parcel specs (not exported from the context): one collective, one hub, a few couriers. */

export const PARCEL_ID = 'parcel-1';
export const at = (minute: number): string => new Date(Date.UTC(2025, 2, 4, 9, minute)).toISOString();
export const hash = (digit: string): string => `sha256:${digit.repeat(64)}`;

/** The waivers context's answer for a courier covered by DOMAIN's volunteer waiver: $200 cap, liability limited to gross negligence. */
export const covering = (waiverId: string, digit: string): Extract<WaiverCoverage, { covered: true }> => ({
  covered: true,
  waiverId,
  templateId: 'volunteer-courier',
  templateVersion: 2,
  textHash: hash(digit),
  liabilityCap: { amountMinor: 20_000, currency: 'USD' },
  grossNegligenceClause: { included: true, clauseTextHash: hash('c') },
});

/** What an acceptance records of `covering(waiverId, digit)`: every term, as the decider spec spells out. */
export const inEffect = (waiverId: string, digit: string): WaiverInEffect => {
  const { covered: _covered, ...terms } = covering(waiverId, digit);
  return terms;
};
export const GEO = { latitude: 44.9778, longitude: -93.265 };

export const retailer: PartyRef = { kind: 'retailer', id: 'hardware-store' };
export const otherRetailer: PartyRef = { kind: 'retailer', id: 'pharmacy' };
export const hub: PartyRef = { kind: 'hub', id: 'church-basement' };
export const otherHub: PartyRef = { kind: 'hub', id: 'corner-store' };

export const standing = {
  paidCourier: { kind: 'courier', id: 'runner-ana', engagement: 'paid', vetted: true, suspended: false },
  gigCourier: { kind: 'courier', id: 'gig-bo', engagement: 'gig', vetted: true, suspended: false },
  volunteer: { kind: 'courier', id: 'volunteer-cy', engagement: 'volunteer', vetted: true, suspended: false },
  unvettedCourier: { kind: 'courier', id: 'runner-dee', engagement: 'paid', vetted: false, suspended: false },
  suspendedCourier: { kind: 'courier', id: 'runner-eve', engagement: 'paid', vetted: true, suspended: true },
  hub: { kind: 'hub', id: hub.id, suspended: false },
  otherHub: { kind: 'hub', id: otherHub.id, suspended: false },
} satisfies Record<string, ReceiverStanding>;

export const partyOf = (receiver: ReceiverStanding): PartyRef => ({ kind: receiver.kind, id: receiver.id });
export const ana = partyOf(standing.paidCourier);

export const POLICY: CollectivePolicySnapshot = {
  collectiveId: 'main-street-collective',
  declaredValueThreshold: { amountMinor: 30_000, currency: 'USD' },
  waiverRequired: false,
};

export const envelopeFor = (subjectId: string): PersonalDataEnvelope => ({
  version: 1,
  algorithm: 'AES-256-GCM',
  subjectId,
  keyId: `${subjectId}-key-1`,
  iv: 'AAAAAAAAAAAAAAAA',
  ciphertext: 'c2VjcmV0',
  authTag: 'AAAAAAAAAAAAAAAAAAAAAA==',
});

/** The server's clock three hours after the day's first fact, with the default tolerances; every time in these specs is stated. */
export const NOW = at(180);
export const RECORDING: RecordingClock = { now: NOW, stated: true, maxSkewMs: 5 * 60_000, backfillWindowMs: 72 * 3_600_000 };
const BASE = { actorSuspended: false, recording: RECORDING };

export const NEIGHBOUR = { subjectId: 'neighbour-7', personalData: envelopeFor('neighbour-7') };

export const command = {
  register: (over: Partial<RegisterParcel> = {}): RegisterParcel => ({
    type: 'RegisterParcel',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: retailer,
    externalReference: 'ORDER-4411',
    collectiveId: POLICY.collectiveId,
    retailerIsCollectiveMember: true,
    declaredValue: { amountMinor: 4_000, currency: 'USD' },
    categories: [],
    destinationHubId: hub.id,
    recipient: envelopeFor('recipient-1'),
    registeredAt: at(0),
    ...over,
  }),
  receiveAtHub: (over: Partial<ReceiveParcelAtHub> = {}): ReceiveParcelAtHub => ({
    type: 'ReceiveParcelAtHub',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: hub,
    condition: { condition: 'intact' },
    cycle: { cycleId: 'cycle-1' },
    receivedAt: at(10),
    ...over,
  }),
  sort: (over: Partial<SortParcel> = {}): SortParcel => ({
    type: 'SortParcel',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: hub,
    toteId: 'tote-3',
    routeId: 'loop-north',
    sortedAt: at(15),
    ...over,
  }),
  offer: (receiver: ReceiverStanding, over: Partial<OfferParcelHandoff> = {}): OfferParcelHandoff => ({
    type: 'OfferParcelHandoff',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: hub,
    handoffId: 'handoff-1',
    receiver,
    policy: POLICY,
    offeredAt: at(20),
    ...over,
  }),
  accept: (receiver: ReceiverStanding, over: Partial<AcceptParcelHandoff> = {}): AcceptParcelHandoff => ({
    type: 'AcceptParcelHandoff',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: partyOf(receiver),
    handoffId: 'handoff-1',
    receiver,
    policy: POLICY,
    waiver: { covered: false, reason: 'none' },
    condition: { condition: 'intact' },
    evidence: [hash('a')],
    geo: GEO,
    deviceTime: at(21),
    acceptedAt: at(22),
    ...over,
  }),
  decline: (by: PartyRef, over: Partial<DeclineParcelHandoff> = {}): DeclineParcelHandoff => ({
    type: 'DeclineParcelHandoff',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: by,
    handoffId: 'handoff-1',
    reason: 'bike is full',
    declinedAt: at(23),
    ...over,
  }),
  withdraw: (by: PartyRef, over: Partial<WithdrawParcelHandoff> = {}): WithdrawParcelHandoff => ({
    type: 'WithdrawParcelHandoff',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: by,
    handoffId: 'handoff-1',
    reason: 'runner did not show up',
    withdrawnAt: at(24),
    ...over,
  }),
  attempt: (by: PartyRef, card: DeliveryCardChoice, over: Partial<RecordFailedDeliveryAttempt> = {}): RecordFailedDeliveryAttempt => ({
    type: 'RecordFailedDeliveryAttempt',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: by,
    attemptId: 'attempt-1',
    reason: 'nobody home',
    card,
    geo: GEO,
    attemptedAt: at(40),
    ...over,
  }),
  deliver: (by: PartyRef, over: Partial<DeliverParcel> = {}): DeliverParcel => ({
    type: 'DeliverParcel',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: by,
    receivedBy: { kind: 'recipient' },
    evidence: [hash('b')],
    geo: GEO,
    deliveredAt: at(45),
    ...over,
  }),
  returnToDepot: (depot: PartyRef, over: Partial<ReturnParcelToDepot> = {}): ReturnParcelToDepot => ({
    type: 'ReturnParcelToDepot',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: depot,
    condition: { condition: 'intact' },
    returnedAt: at(50),
    ...over,
  }),
  returnToSender: (by: PartyRef, over: Partial<ReturnParcelToSender> = {}): ReturnParcelToSender => ({
    type: 'ReturnParcelToSender',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: by,
    condition: { condition: 'intact' },
    returnedAt: at(55),
    ...over,
  }),
  report: (by: PartyRef, incident: ReportParcelIncident['incident'], over: Partial<ReportParcelIncident> = {}): ReportParcelIncident => ({
    type: 'ReportParcelIncident',
    parcelId: PARCEL_ID,
    ...BASE,
    actor: by,
    reportId: 'report-1',
    incident,
    discoveredAt: at(30),
    description: 'corner of the box crushed',
    evidence: [hash('c')],
    reportedAt: at(31),
    ...over,
  }),
};

/** The events a sequence of accepted commands records: a compact way to write `given(...)`. */
export function recorded(...commands: ParcelCommand[]): ParcelEvent[] {
  const events: ParcelEvent[] = [];
  let state = initialState();
  for (const next of commands) {
    const decided = decide(next, state);
    state = decided.reduce(evolve, state);
    events.push(...decided);
  }
  return events;
}

/** Common histories, as the commands that led to them. */
export const paths = {
  registered: (): ParcelCommand[] => [command.register()],
  atHub: (): ParcelCommand[] => [...paths.registered(), command.receiveAtHub()],
  sorted: (): ParcelCommand[] => [...paths.atHub(), command.sort()],
  offeredToAna: (): ParcelCommand[] => [...paths.sorted(), command.offer(standing.paidCourier)],
  withAna: (): ParcelCommand[] => [...paths.offeredToAna(), command.accept(standing.paidCourier)],
  delivered: (): ParcelCommand[] => [...paths.withAna(), command.deliver(ana)],
  returnedToSender: (): ParcelCommand[] => [...paths.atHub(), command.returnToSender(hub)],
  lost: (): ParcelCommand[] => [...paths.withAna(), command.report(ana, 'lost')],
} satisfies Record<string, () => ParcelCommand[]>;

export const history = Object.fromEntries(Object.entries(paths).map(([name, path]) => [name, () => recorded(...path())])) as Record<keyof typeof paths, () => ParcelEvent[]>;
