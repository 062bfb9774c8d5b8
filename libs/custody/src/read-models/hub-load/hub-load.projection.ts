/**
 * Hub load: one document per hub cycle with its cap, how many parcels it took in and which were
 * over the cap — "which hubs are overflowing, and since when?" Counts come from the cycle's own
 * events (each intake carries its running number) through `$max` and set additions, never
 * increments, so a replay leaves the same document.
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import { defineProjection, upsert } from '@handoff/projections';
import type { ProjectionHandlers } from '@handoff/projections';
import type { HubCycleEvent } from '../../domain/hub-cycle/hub-cycle.events';

export const HUB_CYCLES = 'hubCycles';

type Envelope<T extends HubCycleEvent['type']> = RecordedEnvelope<Extract<HubCycleEvent, { type: T }>>;

const handlers: ProjectionHandlers<HubCycleEvent> = {
  HubCycleOpened: (event: Envelope<'HubCycleOpened'>) => {
    const { cycleId, hubId, cap, openedAt } = event.data;
    return [upsert(HUB_CYCLES, cycleId, { $set: { hubId, cap, openedAt, status: 'open' }, $max: { received: 0 } })];
  },
  HubCycleParcelReceived: (event: Envelope<'HubCycleParcelReceived'>) => {
    const { cycleId, hubId, intakeNumber, overCap, receivedAt, parcelId, late } = event.data;
    // A late intake (counted after the close, ADR 0020) is in `received`, not in the closing figures: named apart.
    const sets = { ...(overCap ? { overCapParcelIds: parcelId } : {}), ...(late ? { lateParcelIds: parcelId } : {}) };
    return [
      upsert(HUB_CYCLES, cycleId, {
        $set: { hubId },
        $max: { received: intakeNumber, lastIntakeAt: receivedAt },
        ...(Object.keys(sets).length > 0 ? { $addToSet: sets } : {}),
      }),
    ];
  },
  HubCycleCapExceeded: (event: Envelope<'HubCycleCapExceeded'>) => [upsert(HUB_CYCLES, event.data.cycleId, { $set: { hubId: event.data.hubId, exceededAt: event.data.exceededAt } })],
  HubCycleClosed: (event: Envelope<'HubCycleClosed'>) => {
    const { cycleId, hubId, parcelsReceived, parcelsOverCap, closedAt } = event.data;
    return [upsert(HUB_CYCLES, cycleId, { $set: { hubId, status: 'closed', closedAt, closingCount: { received: parcelsReceived, overCap: parcelsOverCap } } })];
  },
};

export const hubLoadProjection = defineProjection<HubCycleEvent>({
  name: 'hub-load',
  version: 1,
  collections: {
    [HUB_CYCLES]: {
      indexes: [
        { key: { hubId: 1, openedAt: -1 }, name: 'hub_openedAt' },
        { key: { status: 1, exceededAt: 1 }, name: 'status_exceeded' },
      ],
    },
  },
  handlers,
});
