/**
 * Old shapes of parcel events, read as today's (STYLE: an old shape is upcast on read). Pure: the
 * event store applies them to the stored data, one version at a time.
 */
import type { UpcastStep } from '@handoff/kernel';
import type { WaiverInEffect, WaiverReferenceV1 } from './parcel.events';

/**
 * ParcelReceivedAtHub v1 → v2: `cycle.overCap` goes. Version 1's intake was counted in the cycle's
 * stream first and the parcel copied the flag from that count (`intakeOf`: the parcel's place in
 * the cycle against the cap), so every v1 flag is also in the cycle's HubCycleParcelReceived for
 * that parcel (`overCap`, with its `parcelId`), which read models now take it from (ADR 0020).
 */
export const parcelReceivedAtHubV1toV2: UpcastStep = {
  type: 'ParcelReceivedAtHub',
  fromVersion: 1,
  upcast: ({ cycle, ...data }: { cycle: { cycleId: string; overCap?: boolean } | null }) => ({ ...data, cycle: cycle ? { cycleId: cycle.cycleId } : null }),
};

/**
 * ParcelHandoffAccepted v1 → v2: the waiver in effect gains its terms. Version 1 recorded only the
 * waiver's id and its text hash (`versionHash`); which template and version, the cap and the
 * gross-negligence clause were not recorded, and looking them up now would state as recorded at
 * the handoff what was only found later. So they are read as null ("not recorded"), the hash is
 * `textHash`, and a v1 `waiver: null` stays null (no waiver recorded, as before).
 */
export const parcelHandoffAcceptedV1toV2: UpcastStep = {
  type: 'ParcelHandoffAccepted',
  fromVersion: 1,
  upcast: ({ waiver, ...data }: { waiver: WaiverReferenceV1 | null }) => ({ ...data, waiver: waiver ? termsNotRecorded(waiver) : null }),
};

function termsNotRecorded({ waiverId, versionHash }: WaiverReferenceV1): WaiverInEffect {
  return { waiverId, textHash: versionHash, templateId: null, templateVersion: null, liabilityCap: null, grossNegligenceClause: null };
}

export const parcelUpcasters: readonly UpcastStep[] = [parcelReceivedAtHubV1toV2, parcelHandoffAcceptedV1toV2];
