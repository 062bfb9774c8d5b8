import type { Decider } from '@handoff/kernel';
import type { HubCycleCommand } from './hub-cycle.commands';
import { decide } from './hub-cycle.decide';
import type { HubCycleEvent } from './hub-cycle.events';
import { evolve } from './hub-cycle.evolve';
import { initialState, type HubCycle } from './hub-cycle.state';

export const hubCycleDecider: Decider<HubCycleCommand, HubCycle, HubCycleEvent> = { decide, evolve, initialState };
