import { refusalsOf } from '@handoff/kernel';
import { describeParty, type PartyRef } from '../shared/party';

/** Every refusal the parcel decider can give, with how a caller should read it. */
export const parcelErrorKinds = {
  'PARCEL.NOT_FOUND': 'not-found',
  'PARCEL.ALREADY_REGISTERED': 'conflict',
  'PARCEL.CLOSED': 'conflict',
  'PARCEL.NOT_HOLDER': 'conflict',
  'PARCEL.NOT_NAMED_RECEIVER': 'conflict',
  'PARCEL.OFFER_ALREADY_OPEN': 'conflict',
  'PARCEL.NO_OPEN_OFFER': 'conflict',
  'PARCEL.HANDOFF_ALREADY_SETTLED': 'conflict',
  'PARCEL.NOT_AT_DEPOT': 'conflict',
  'PARCEL.INTAKE_NOT_ALLOWED': 'conflict',
  'PARCEL.ACTOR_SUSPENDED': 'conflict',
  'PARCEL.TIME_OUT_OF_ORDER': 'conflict',
  'PARCEL.INVALID_DETAILS': 'rule-broken',
  'PARCEL.RETAILER_NOT_IN_COLLECTIVE': 'rule-broken',
  'PARCEL.SELF_HANDOFF': 'rule-broken',
  'PARCEL.RECEIVER_NOT_ELIGIBLE': 'rule-broken',
  'PARCEL.RECEIVER_SUSPENDED': 'rule-broken',
  'PARCEL.WAIVER_REQUIRED': 'rule-broken',
  'PARCEL.POLICY_MISMATCH': 'rule-broken',
  'PARCEL.ACTOR_CANNOT_DO_THIS': 'rule-broken',
  'PARCEL.TIME_IN_FUTURE': 'rule-broken',
  'PARCEL.BACKFILL_NOT_ALLOWED': 'rule-broken',
} as const;

export type ParcelErrorCode = keyof typeof parcelErrorKinds;

const refuse = refusalsOf<ParcelErrorCode>(parcelErrorKinds);

export const parcelErrors = {
  notFound: (parcelId: string) => refuse('PARCEL.NOT_FOUND', `There is no parcel ${parcelId}.`, { parcelId }),
  alreadyRegistered: (parcelId: string) => refuse('PARCEL.ALREADY_REGISTERED', `Parcel ${parcelId} is already registered with different details.`, { parcelId }),
  closed: (parcelId: string, status: string) =>
    refuse('PARCEL.CLOSED', `Parcel ${parcelId} is ${status.replace(/-/g, ' ')}: it can no longer move, only be reported on.`, {
      parcelId,
      status,
    }),
  notHolder: (parcelId: string, actor: PartyRef, holder: PartyRef) =>
    refuse('PARCEL.NOT_HOLDER', `Only the holder of parcel ${parcelId} (${describeParty(holder)}) can do this, not ${describeParty(actor)}.`, {
      parcelId,
      actor,
      holder,
    }),
  notNamedReceiver: (parcelId: string, actor: PartyRef, receiver: PartyRef) =>
    refuse('PARCEL.NOT_NAMED_RECEIVER', `Parcel ${parcelId} was offered to ${describeParty(receiver)}; ${describeParty(actor)} cannot answer that offer.`, { parcelId, actor, receiver }),
  offerAlreadyOpen: (parcelId: string, openHandoffId: string, receiver: PartyRef) =>
    refuse('PARCEL.OFFER_ALREADY_OPEN', `Parcel ${parcelId} is already offered to ${describeParty(receiver)}; that offer must be answered or withdrawn first.`, { parcelId, openHandoffId, receiver }),
  noOpenOffer: (parcelId: string, handoffId: string) => refuse('PARCEL.NO_OPEN_OFFER', `Parcel ${parcelId} has no open offer ${handoffId}.`, { parcelId, handoffId }),
  handoffAlreadySettled: (parcelId: string, handoffId: string, outcome: string) =>
    refuse('PARCEL.HANDOFF_ALREADY_SETTLED', `Handoff ${handoffId} of parcel ${parcelId} was already ${outcome}.`, {
      parcelId,
      handoffId,
      outcome,
    }),
  handoffSettledDifferently: (parcelId: string, handoffId: string, what: string) =>
    refuse('PARCEL.HANDOFF_ALREADY_SETTLED', `Handoff ${handoffId} of parcel ${parcelId} was already accepted with another ${what}; an acceptance cannot be changed (report an incident instead).`, {
      parcelId,
      handoffId,
      outcome: 'accepted',
      differs: what,
    }),
  notAtDepot: (parcelId: string, holder: PartyRef) =>
    refuse('PARCEL.NOT_AT_DEPOT', `Parcel ${parcelId} must be back at a depot to return to its sender; ${describeParty(holder)} holds it.`, {
      parcelId,
      holder,
    }),
  invalidDetails: (parcelId: string, field: string, why: string) => refuse('PARCEL.INVALID_DETAILS', `Parcel ${parcelId}: ${field} ${why}.`, { parcelId, field }),
  retailerNotInCollective: (parcelId: string, retailerId: string, collectiveId: string) =>
    refuse('PARCEL.RETAILER_NOT_IN_COLLECTIVE', `Retailer ${retailerId} is not a member of collective ${collectiveId}.`, {
      parcelId,
      retailerId,
      collectiveId,
    }),
  selfHandoff: (parcelId: string, holder: PartyRef) =>
    refuse('PARCEL.SELF_HANDOFF', `${describeParty(holder)} already holds parcel ${parcelId} and cannot hand it to themselves.`, {
      parcelId,
      holder,
    }),
  receiverNotEligible: (parcelId: string, receiver: PartyRef, why: string) =>
    refuse('PARCEL.RECEIVER_NOT_ELIGIBLE', `${describeParty(receiver)} may not carry parcel ${parcelId}: ${why}.`, {
      parcelId,
      receiver,
    }),
  receiverSuspended: (parcelId: string, receiver: PartyRef) =>
    refuse('PARCEL.RECEIVER_SUSPENDED', `${describeParty(receiver)} is suspended and cannot take parcel ${parcelId}.`, { parcelId, receiver }),
  waiverRequired: (parcelId: string, courierId: string, reason: string) =>
    refuse('PARCEL.WAIVER_REQUIRED', `Courier ${courierId} has no valid liability waiver (${reason}), which this parcel's collective requires to take custody.`, { parcelId, courierId, reason }),
  policyMismatch: (parcelId: string, expected: string, given: string) =>
    refuse('PARCEL.POLICY_MISMATCH', `Parcel ${parcelId} belongs to collective ${expected}, but the policy given is ${given}'s.`, {
      parcelId,
      expected,
      given,
    }),
  actorCannotDoThis: (parcelId: string, actor: PartyRef, what: string) => refuse('PARCEL.ACTOR_CANNOT_DO_THIS', `A ${actor.kind} cannot ${what} (parcel ${parcelId}).`, { parcelId, actor, what }),
  intakeNotAllowed: (parcelId: string, hub: PartyRef, holder: PartyRef, why: string) =>
    refuse('PARCEL.INTAKE_NOT_ALLOWED', `${describeParty(hub)} cannot take parcel ${parcelId} from ${describeParty(holder)} without a handoff: ${why}. The holder must offer it to the hub.`, {
      parcelId,
      hub,
      holder,
    }),
  actorSuspended: (parcelId: string, actor: PartyRef) =>
    refuse('PARCEL.ACTOR_SUSPENDED', `${describeParty(actor)} is suspended: it may only offer parcels it holds to a hub, withdraw or decline offers, and report incidents (parcel ${parcelId}).`, {
      parcelId,
      actor,
    }),
  timeInFuture: (parcelId: string, at: string, now: string, maxSkewMs: number) =>
    refuse('PARCEL.TIME_IN_FUTURE', `Parcel ${parcelId}: ${at} is more than ${maxSkewMs / 1000} s ahead of the server's clock (${now}); check the device's clock.`, {
      parcelId,
      field: 'occurredAt',
      at,
      now,
    }),
  backfillNotAllowed: (parcelId: string, actor: PartyRef, at: string, windowMs: number) =>
    refuse(
      'PARCEL.BACKFILL_NOT_ALLOWED',
      `Parcel ${parcelId}: ${at} is more than ${windowMs / 3_600_000} h ago; only a hub may record facts that old. Record it now and state the real time in the notes.`,
      { parcelId, field: 'occurredAt', at, actor },
    ),
  timeOutOfOrder: (parcelId: string, at: string, lastFactAt: string) =>
    refuse('PARCEL.TIME_OUT_OF_ORDER', `Parcel ${parcelId}: ${at} is before its last recorded fact (${lastFactAt}); custody facts are recorded in order.`, {
      parcelId,
      field: 'occurredAt',
      at,
      lastFactAt,
    }),
};
