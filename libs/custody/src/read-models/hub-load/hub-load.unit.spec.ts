import { update as applyUpdate } from 'mingo';
import type { RecordedEnvelope } from '@handoff/eventstore';
import { project } from '@handoff/projections';
import type { HubCycleEvent } from '../../domain/hub-cycle/hub-cycle.events';
import { HUB_CYCLES, hubLoadProjection } from './hub-load.projection';

const cycle = { cycleId: 'cycle-7', hubId: 'church-basement' };
const events: HubCycleEvent[] = [
  { type: 'HubCycleOpened', data: { ...cycle, cap: 2, openedAt: '2025-03-04T08:00:00.000Z' } },
  { type: 'HubCycleParcelReceived', data: { ...cycle, parcelId: 'p-1', intakeNumber: 1, overCap: false, receivedAt: '2025-03-04T08:10:00.000Z' } },
  { type: 'HubCycleParcelReceived', data: { ...cycle, parcelId: 'p-2', intakeNumber: 2, overCap: false, receivedAt: '2025-03-04T08:11:00.000Z' } },
  { type: 'HubCycleParcelReceived', data: { ...cycle, parcelId: 'p-3', intakeNumber: 3, overCap: true, receivedAt: '2025-03-04T08:12:00.000Z' } },
  { type: 'HubCycleCapExceeded', data: { ...cycle, cap: 2, exceededAt: '2025-03-04T08:12:00.000Z' } },
  { type: 'HubCycleClosed', data: { ...cycle, parcelsReceived: 3, parcelsOverCap: 1, closedAt: '2025-03-04T12:00:00.000Z' } },
  // Received while the cycle was open, counted after it closed (ADR 0020).
  { type: 'HubCycleParcelReceived', data: { ...cycle, parcelId: 'p-4', intakeNumber: 4, overCap: true, receivedAt: '2025-03-04T11:59:00.000Z', late: true } },
];

function fold(upTo: number, rounds = 1): Record<string, unknown> {
  const document: Record<string, unknown> = { _id: cycle.cycleId };
  for (let round = 0; round < rounds; round++) {
    for (const event of events.slice(0, upTo)) {
      for (const change of project(hubLoadProjection, event as unknown as RecordedEnvelope)) {
        expect(change).toMatchObject({ collection: HUB_CYCLES, id: cycle.cycleId });
        applyUpdate(document, (change as unknown as { update: Record<string, never> }).update);
      }
    }
  }
  return document;
}

describe('hub load read model', () => {
  it('counts intake against the cap and names the parcels over it', () => {
    expect(fold(5)).toMatchObject({ hubId: cycle.hubId, cap: 2, status: 'open', received: 3, overCapParcelIds: ['p-3'], exceededAt: '2025-03-04T08:12:00.000Z' });
  });

  it('closes the cycle with the counts the hub recorded', () => {
    expect(fold(6)).toMatchObject({ status: 'closed', closingCount: { received: 3, overCap: 1 }, received: 3 });
  });

  it('counts an intake that reached the cycle after it closed, named as late, leaving the closing figures as recorded', () => {
    expect(fold(7)).toMatchObject({ status: 'closed', closingCount: { received: 3, overCap: 1 }, received: 4, overCapParcelIds: ['p-3', 'p-4'], lateParcelIds: ['p-4'] });
    expect(fold(6)).not.toHaveProperty('lateParcelIds');
  });

  it('is the same document when every event is applied twice', () => {
    expect(fold(7, 2)).toEqual(fold(7));
  });
});
