import { isUtcInstant } from '../shared/values';
import type { HubCycleCommand, OpenHubCycle, RecordHubCycleIntake } from './hub-cycle.commands';
import type { HubCycleEvent } from './hub-cycle.events';
import { hubCycleErrors } from './hub-cycle.errors';
import type { HubCycle } from './hub-cycle.state';

/**
 * A hub's cycle opens, counts the parcels received, and closes. The cap is soft: a parcel over it
 * is received and flagged, never refused (a refused parcel would sit on the pavement).
 */
export const decide = (command: HubCycleCommand, state: HubCycle): HubCycleEvent[] => {
  switch (command.type) {
    case 'OpenHubCycle':
      return open(command, state);
    case 'RecordHubCycleIntake':
      return recordIntake(command, state);
    case 'CloseHubCycle': {
      // Another hub's cycle gets the answer a cycle never opened gets: scope first, no oracle.
      if (state.status === 'unopened' || state.hubId !== command.hubId) throw hubCycleErrors.notOpened(command.cycleId);
      if (state.status === 'closed') return [];
      requireInstant(command.cycleId, 'closedAt', command.closedAt);
      const parcelsOverCap = Math.max(0, state.parcelIds.length - state.cap);
      const data = { cycleId: state.cycleId, hubId: state.hubId, parcelsReceived: state.parcelIds.length, parcelsOverCap, closedAt: command.closedAt };
      return [{ type: 'HubCycleClosed', data }];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

/**
 * Whether a parcel received now may name this cycle (the receive asks, before the parcel's own
 * decision is appended): only an open cycle of the receiving hub, or one that already counted it.
 * Another hub's cycle gets the answer a cycle never opened gets.
 */
export function requireIntakeOpen(state: HubCycle, cycleId: string, hubId: string, parcelId: string): void {
  if (state.status === 'unopened' || state.hubId !== hubId) throw hubCycleErrors.notOpened(cycleId);
  if (state.status === 'closed' && !state.parcelIds.includes(parcelId)) throw hubCycleErrors.closed(cycleId, state.closedAt);
}

function open(command: OpenHubCycle, state: HubCycle): HubCycleEvent[] {
  const { cycleId, hubId, cap, openedAt } = command;
  if (state.status !== 'unopened') {
    if (state.hubId === hubId && state.cap === cap) return [];
    throw hubCycleErrors.alreadyOpened(cycleId);
  }
  if (command.hubSuspended) throw hubCycleErrors.hubSuspended(cycleId, hubId);
  if (cycleId.trim() === '') throw hubCycleErrors.invalidDetails(cycleId, 'cycleId', 'must not be empty');
  if (hubId.trim() === '') throw hubCycleErrors.invalidDetails(cycleId, 'hubId', 'must not be empty');
  if (!Number.isSafeInteger(cap) || cap < 1) throw hubCycleErrors.invalidDetails(cycleId, 'cap', 'must be a whole number of parcels, at least 1');
  requireInstant(cycleId, 'openedAt', openedAt);
  return [{ type: 'HubCycleOpened', data: { cycleId, hubId, cap, openedAt } }];
}

/**
 * Counts a parcel the hub received naming this cycle (issued by the `hub-cycle-intake` reaction,
 * ADR 0020). The receive was checked against an open cycle of this hub; if the cycle closed before
 * the reaction got here, the intake is still counted, flagged `late`: the parcel is at the hub and
 * was received in this cycle, and refusing would lose that. A parcel counts once per cycle.
 */
function recordIntake(command: RecordHubCycleIntake, state: HubCycle): HubCycleEvent[] {
  const { cycleId, parcelId, receivedAt } = command;
  if (state.status === 'unopened' || state.hubId !== command.hubId) throw hubCycleErrors.notOpened(cycleId);
  if (state.parcelIds.includes(parcelId)) return [];
  if (parcelId.trim() === '') throw hubCycleErrors.invalidDetails(cycleId, 'parcelId', 'must not be empty');
  requireInstant(cycleId, 'receivedAt', receivedAt);
  const intakeNumber = state.parcelIds.length + 1;
  const overCap = intakeNumber > state.cap;
  const late = state.status === 'closed' ? { late: true as const } : {};
  const received: HubCycleEvent = { type: 'HubCycleParcelReceived', data: { cycleId, hubId: state.hubId, parcelId, intakeNumber, overCap, receivedAt, ...late } };
  if (intakeNumber !== state.cap + 1) return [received];
  return [received, { type: 'HubCycleCapExceeded', data: { cycleId, hubId: state.hubId, cap: state.cap, exceededAt: receivedAt } }];
}

function requireInstant(cycleId: string, field: string, value: string): void {
  if (!isUtcInstant(value)) throw hubCycleErrors.invalidDetails(cycleId, field, 'must be a UTC ISO-8601 instant');
}
