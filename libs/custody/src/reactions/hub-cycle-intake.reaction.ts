/**
 * Hub-cycle intake (ADR 0020): a parcel received at a hub naming one of its cycles is counted in
 * that cycle's stream. The parcel's ParcelReceivedAtHub is the one fact; this reaction turns it
 * into RecordHubCycleIntake on the cycle, keyed by the event (ADR 0017), so the count happens
 * exactly once per receive, and never for a receive that was refused (there is no event).
 */
import { defineReaction } from '@handoff/reactions';
import type { ParcelEvent } from '../domain/parcel/parcel.events';
import type { RecordHubCycleIntake } from '../commands/open-hub-cycle/hub-cycle.handlings';

export const hubCycleIntakeReaction = defineReaction<ParcelEvent>({
  name: 'hub-cycle-intake',
  version: 1,
  handlers: {
    ParcelReceivedAtHub: ({ data: { parcelId, hubId, cycle, receivedAt } }) => {
      if (!cycle) return [];
      const data: RecordHubCycleIntake['data'] = { cycleId: cycle.cycleId, hubId, parcelId, receivedAt };
      return [{ type: 'RecordHubCycleIntake', data }];
    },
  },
});

/** Every reaction custody runs (the catalogue's REACTIONS). */
export const custodyReactions = [hubCycleIntakeReaction];
