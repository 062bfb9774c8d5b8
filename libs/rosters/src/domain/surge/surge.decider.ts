import type { Decider } from '@handoff/kernel';
import type { SurgeCommand } from './surge.commands';
import { decide } from './surge.decide';
import type { SurgeEvent } from './surge.events';
import { evolve } from './surge.evolve';
import { initialState, type SurgeWindow } from './surge.state';

export const surgeDecider: Decider<SurgeCommand, SurgeWindow, SurgeEvent> = { decide, evolve, initialState };
