import { sameParty, type PartyRef } from '../shared/party';
import type { AcceptParcelHandoff, CollectivePolicySnapshot, DeclineParcelHandoff, OfferParcelHandoff, ReceiverStanding, WithdrawParcelHandoff } from './parcel.commands';
import type { EvidenceHash } from '../shared/values';
import type { CoveringWaiver } from './waiver-coverage.port';
import type { ConditionReport, ParcelHandoffAccepted, WaiverInEffect, ParcelHandoffDeclined, ParcelHandoffOffered, ParcelHandoffWithdrawn } from './parcel.events';
import { parcelErrors } from './parcel.errors';
import { check, heldBy, liveParcel, registeredParcel, withoutOpenOffer } from './parcel.guards';
import type { LiveParcel, OpenOffer, Parcel, ParcelFacts, RegisteredParcel, SettledHandoff } from './parcel.state';

/**
 * The two-party handoff: the holder offers to a named receiver, who accepts or declines; the
 * holder may withdraw an unanswered offer. A repeat of a request already settled the same way
 * is answered with no events, so a retried request never moves custody twice.
 */

export function offerHandoff(command: OfferParcelHandoff, state: Parcel): ParcelHandoffOffered[] {
  const { parcelId, handoffId, actor, receiver, offeredAt } = command;
  const to = partyOf(receiver);
  if (repeatOf(registeredParcel(state, parcelId), handoffId, (settled) => sameParty(settled.from, actor) && sameParty(settled.to, to))) {
    return [];
  }
  const parcel = heldBy(liveParcel(state, parcelId), actor);
  if (parcel.openOffer?.handoffId === handoffId && sameParty(parcel.openOffer.to, to)) return [];
  withoutOpenOffer(parcel);
  if (sameParty(to, parcel.holder)) throw parcelErrors.selfHandoff(parcelId, parcel.holder);
  check(parcelId).text('handoffId', handoffId);
  check(parcelId).instant('offeredAt', offeredAt);
  assertMayCarry(parcel, receiver, command.policy);
  return [{ type: 'ParcelHandoffOffered', data: { parcelId, handoffId, from: parcel.holder, to, offeredAt } }];
}

export function acceptHandoff(command: AcceptParcelHandoff, state: Parcel): ParcelHandoffAccepted[] {
  const { parcelId, handoffId, actor, receiver, waiver, condition, evidence, geo, deviceTime, acceptedAt } = command;
  const registered = registeredParcel(state, parcelId);
  if (repeatOf(registered, handoffId, (settled) => settled.outcome === 'accepted' && sameParty(settled.to, actor))) {
    sameAcceptance(registered, handoffId, condition, evidence);
    return [];
  }
  const parcel = liveParcel(state, parcelId);
  const offer = openOfferAnsweredBy(parcel, handoffId, actor);
  if (!sameParty(partyOf(receiver), actor)) throw parcelErrors.invalidDetails(parcelId, 'receiver', 'must describe the accepting party');
  const fields = check(parcelId);
  fields.condition('condition', condition);
  fields.evidence('evidence', evidence, { atLeastOne: false });
  fields.geo('geo', geo);
  fields.instant('deviceTime', deviceTime);
  fields.instant('acceptedAt', acceptedAt);
  assertMayCarry(parcel, receiver, command.policy);
  if (receiver.kind === 'courier' && command.policy.waiverRequired && !waiver.covered) {
    throw parcelErrors.waiverRequired(parcelId, receiver.id, waiver.reason);
  }
  const waiverInEffect = receiver.kind === 'courier' && waiver.covered ? termsOf(waiver) : null;
  return [
    {
      type: 'ParcelHandoffAccepted',
      data: { parcelId, handoffId, from: offer.from, to: offer.to, condition, evidence, geo, deviceTime, waiver: waiverInEffect, acceptedAt },
    },
  ];
}

/** What the accepted handoff records of the covering waiver: every term the port answered, copied so the chain reads them without asking again. */
function termsOf({ waiverId, templateId, templateVersion, textHash, liabilityCap, grossNegligenceClause }: CoveringWaiver): WaiverInEffect {
  return { waiverId, templateId, templateVersion, textHash, liabilityCap: { ...liabilityCap }, grossNegligenceClause: { ...grossNegligenceClause } };
}

export function declineHandoff(command: DeclineParcelHandoff, state: Parcel): ParcelHandoffDeclined[] {
  const { parcelId, handoffId, actor, reason, declinedAt } = command;
  if (repeatOf(registeredParcel(state, parcelId), handoffId, (settled) => settled.outcome === 'declined' && sameParty(settled.to, actor))) {
    return [];
  }
  const offer = openOfferAnsweredBy(liveParcel(state, parcelId), handoffId, actor);
  check(parcelId).text('reason', reason);
  check(parcelId).instant('declinedAt', declinedAt);
  return [{ type: 'ParcelHandoffDeclined', data: { parcelId, handoffId, from: offer.from, to: offer.to, reason, declinedAt } }];
}

export function withdrawHandoff(command: WithdrawParcelHandoff, state: Parcel): ParcelHandoffWithdrawn[] {
  const { parcelId, handoffId, actor, reason, withdrawnAt } = command;
  if (repeatOf(registeredParcel(state, parcelId), handoffId, (settled) => settled.outcome === 'withdrawn' && sameParty(settled.from, actor))) {
    return [];
  }
  const parcel = heldBy(liveParcel(state, parcelId), actor);
  const offer = openOfferWithId(parcel, handoffId);
  check(parcelId).text('reason', reason);
  check(parcelId).instant('withdrawnAt', withdrawnAt);
  return [{ type: 'ParcelHandoffWithdrawn', data: { parcelId, handoffId, from: offer.from, to: offer.to, reason, withdrawnAt } }];
}

/**
 * Volunteers and unvetted couriers may not carry a pharmaceutical parcel, nor one declared
 * above the collective's threshold. A value in another currency than the threshold cannot be
 * shown to be below it, so it counts as above: refusing is the safe side for a chemotherapy vial.
 */
export function assertMayCarry(parcel: ParcelFacts, receiver: ReceiverStanding, policy: CollectivePolicySnapshot): void {
  const who = partyOf(receiver);
  if (policy.collectiveId !== parcel.collectiveId) throw parcelErrors.policyMismatch(parcel.parcelId, parcel.collectiveId, policy.collectiveId);
  if (receiver.suspended) throw parcelErrors.receiverSuspended(parcel.parcelId, who);
  if (receiver.kind !== 'courier') return;
  const restriction = restrictionOf(parcel, policy);
  if (!restriction) return;
  if (receiver.engagement === 'volunteer') throw parcelErrors.receiverNotEligible(parcel.parcelId, who, `volunteers may not carry ${restriction}`);
  if (!receiver.vetted) throw parcelErrors.receiverNotEligible(parcel.parcelId, who, `unvetted couriers may not carry ${restriction}`);
}

export function restrictionOf(parcel: Pick<ParcelFacts, 'categories' | 'declaredValue'>, policy: CollectivePolicySnapshot): string | null {
  if (parcel.categories.includes('pharmaceutical')) return 'pharmaceuticals';
  const threshold = policy.declaredValueThreshold;
  const above = parcel.declaredValue.currency !== threshold.currency || parcel.declaredValue.amountMinor > threshold.amountMinor;
  return above ? `parcels declared above ${threshold.amountMinor} ${threshold.currency} (minor units)` : null;
}

export const partyOf = (receiver: ReceiverStanding): PartyRef => ({ kind: receiver.kind, id: receiver.id });

/** True when `handoffId` was already settled the way this command asks; refuses if settled otherwise. */
function repeatOf(parcel: RegisteredParcel, handoffId: string, isSameRequest: (settled: SettledHandoff) => boolean): boolean {
  const settled = parcel.settledHandoffs.find((handoff) => handoff.handoffId === handoffId);
  if (!settled) return false;
  if (isSameRequest(settled)) return true;
  throw parcelErrors.handoffAlreadySettled(parcel.parcelId, handoffId, settled.outcome);
}

/** A re-sent accept records nothing, so it must say what the recorded one said: otherwise it is refused, never silently dropped. */
function sameAcceptance(parcel: RegisteredParcel, handoffId: string, condition: ConditionReport, evidence: EvidenceHash[]): void {
  const recorded = parcel.settledHandoffs.find((handoff) => handoff.handoffId === handoffId)?.acceptance;
  if (!recorded) return;
  if (recorded.condition.condition !== condition.condition) throw parcelErrors.handoffSettledDifferently(parcel.parcelId, handoffId, 'condition');
  if ((recorded.condition.notes ?? '') !== (condition.notes ?? '')) throw parcelErrors.handoffSettledDifferently(parcel.parcelId, handoffId, 'notes');
  if ([...recorded.evidence].sort().join() !== [...evidence].sort().join()) throw parcelErrors.handoffSettledDifferently(parcel.parcelId, handoffId, 'evidence');
}

function openOfferWithId(parcel: LiveParcel, handoffId: string): OpenOffer {
  if (!parcel.openOffer || parcel.openOffer.handoffId !== handoffId) throw parcelErrors.noOpenOffer(parcel.parcelId, handoffId);
  return parcel.openOffer;
}

function openOfferAnsweredBy(parcel: LiveParcel, handoffId: string, actor: PartyRef): OpenOffer {
  const offer = openOfferWithId(parcel, handoffId);
  if (!sameParty(offer.to, actor)) throw parcelErrors.notNamedReceiver(parcel.parcelId, actor, offer.to);
  return offer;
}
