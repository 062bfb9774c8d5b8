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

function recordIntake(command: RecordHubCycleIntake, state: HubCycle): HubCycleEvent[] {
  const { cycleId, parcelId, receivedAt } = command;
  if (state.status === 'unopened' || state.hubId !== command.hubId) throw hubCycleErrors.notOpened(cycleId);
  if (state.parcelIds.includes(parcelId)) return [];
  if (state.status === 'closed') throw hubCycleErrors.closed(cycleId, state.closedAt);
  if (parcelId.trim() === '') throw hubCycleErrors.invalidDetails(cycleId, 'parcelId', 'must not be empty');
  requireInstant(cycleId, 'receivedAt', receivedAt);
  const intakeNumber = state.parcelIds.length + 1;
  const overCap = intakeNumber > state.cap;
  const received: HubCycleEvent = { type: 'HubCycleParcelReceived', data: { cycleId, hubId: state.hubId, parcelId, intakeNumber, overCap, receivedAt } };
  if (intakeNumber !== state.cap + 1) return [received];
  return [received, { type: 'HubCycleCapExceeded', data: { cycleId, hubId: state.hubId, cap: state.cap, exceededAt: receivedAt } }];
}

function requireInstant(cycleId: string, field: string, value: string): void {
  if (!isUtcInstant(value)) throw hubCycleErrors.invalidDetails(cycleId, field, 'must be a UTC ISO-8601 instant');
}
