import { sameParty, type PartyRef } from '../shared/party';
import { isCalendarDate, isEvidenceHash, isUtcInstant, isValidGeoPoint, type GeoPoint } from '../shared/values';
import type { ConditionReport } from './parcel.events';
import { parcelErrors } from './parcel.errors';
import { isLive, type LiveParcel, type Parcel, type RegisteredParcel } from './parcel.state';

/** State checks shared by the parcel's commands; each throws the refusal a person would expect. */

export function registeredParcel(state: Parcel, parcelId: string): RegisteredParcel {
  if (state.status === 'unregistered') throw parcelErrors.notFound(parcelId);
  return state;
}

export function liveParcel(state: Parcel, parcelId: string): LiveParcel {
  const parcel = registeredParcel(state, parcelId);
  if (!isLive(parcel)) throw parcelErrors.closed(parcelId, parcel.status);
  return parcel;
}

export function heldBy(parcel: LiveParcel, actor: PartyRef): LiveParcel {
  if (!sameParty(parcel.holder, actor)) throw parcelErrors.notHolder(parcel.parcelId, actor, parcel.holder);
  return parcel;
}

/** Custody can only move one way at a time: an open offer blocks every other move. */
export function withoutOpenOffer(parcel: LiveParcel): LiveParcel {
  if (parcel.openOffer) throw parcelErrors.offerAlreadyOpen(parcel.parcelId, parcel.openOffer.handoffId, parcel.openOffer.to);
  return parcel;
}

export function actingAs(parcelId: string, actor: PartyRef, kind: PartyRef['kind'], what: string): void {
  if (actor.kind !== kind) throw parcelErrors.actorCannotDoThis(parcelId, actor, what);
}

/** Field checks: the API validates first, but the domain does not trust its callers with facts that last for years. */
export const check = (parcelId: string) => ({
  text(field: string, value: string): void {
    if (typeof value !== 'string' || value.trim() === '') throw parcelErrors.invalidDetails(parcelId, field, 'must not be empty');
  },
  instant(field: string, value: string): void {
    if (!isUtcInstant(value)) throw parcelErrors.invalidDetails(parcelId, field, 'must be a UTC ISO-8601 instant');
  },
  date(field: string, value: string): void {
    if (!isCalendarDate(value)) throw parcelErrors.invalidDetails(parcelId, field, 'must be a calendar date (YYYY-MM-DD)');
  },
  geo(field: string, value: GeoPoint): void {
    if (!isValidGeoPoint(value)) throw parcelErrors.invalidDetails(parcelId, field, 'must be a latitude/longitude within range');
  },
  evidence(field: string, hashes: string[], { atLeastOne }: { atLeastOne: boolean }): void {
    if (atLeastOne && hashes.length === 0) throw parcelErrors.invalidDetails(parcelId, field, 'needs at least one photo or signature hash');
    if (!hashes.every(isEvidenceHash)) throw parcelErrors.invalidDetails(parcelId, field, 'must be sha256:<64 hex digits> hashes, never images');
  },
  condition(field: string, report: ConditionReport): void {
    if (report.condition !== 'intact' && report.condition !== 'damaged') {
      throw parcelErrors.invalidDetails(parcelId, field, 'must be "intact" or "damaged"');
    }
  },
});
