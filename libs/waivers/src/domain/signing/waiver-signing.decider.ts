import type { Decider } from '@handoff/kernel';
import type { WaiverSigningCommand } from './waiver-signing.commands';
import { decide } from './waiver-signing.decide';
import type { WaiverSigningEvent } from './waiver-signing.events';
import { evolve } from './waiver-signing.evolve';
import { initialState, type WaiverSignatures } from './waiver-signing.state';

export const waiverSigningDecider: Decider<WaiverSigningCommand, WaiverSignatures, WaiverSigningEvent> = { decide, evolve, initialState };
