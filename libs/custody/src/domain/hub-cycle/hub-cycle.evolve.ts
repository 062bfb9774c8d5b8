import type { HubCycleEvent } from './hub-cycle.events';
import type { HubCycle } from './hub-cycle.state';

export const evolve = (state: HubCycle, event: HubCycleEvent): HubCycle => {
  switch (event.type) {
    case 'HubCycleOpened':
      return state.status === 'unopened' ? { status: 'open', ...event.data, parcelIds: [] } : state;
    case 'HubCycleParcelReceived':
      // A late intake (counted after the close) is still the cycle's.
      return state.status === 'unopened' ? state : { ...state, parcelIds: [...state.parcelIds, event.data.parcelId] };
    case 'HubCycleCapExceeded':
      // The overflow is already visible from the intake count; this event exists for readers.
      return state;
    case 'HubCycleClosed':
      return state.status === 'open' ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
