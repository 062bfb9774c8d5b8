import type { Decider } from '@handoff/kernel';
import type { RosterCommand } from './roster.commands';
import { decide } from './roster.decide';
import { evolve } from './roster.evolve';
import { initialState, type Roster } from './roster.state';
import type { RosterEvent } from './shift.events';

export const rosterDecider: Decider<RosterCommand, Roster, RosterEvent> = { decide, evolve, initialState };
