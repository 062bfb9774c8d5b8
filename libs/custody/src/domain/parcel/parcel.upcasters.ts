/**
 * Old shapes of parcel events, read as today's (STYLE: an old shape is upcast on read). Pure: the
 * event store applies them to the stored data, one version at a time.
 */
import type { UpcastStep } from '@handoff/kernel';

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

export const parcelUpcasters: readonly UpcastStep[] = [parcelReceivedAtHubV1toV2];
