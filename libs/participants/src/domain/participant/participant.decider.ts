import type { Decider } from '@handoff/kernel';
import type { ParticipantCommand } from './participant.commands';
import { decide } from './participant.decide';
import type { ParticipantEvent } from './participant.events';
import { evolve } from './participant.evolve';
import { initialState, type Participant } from './participant.state';

/** Retailers, collectives, hubs, couriers and coordinators: one decider, one stream per participant. */
export const participantDecider: Decider<ParticipantCommand, Participant, ParticipantEvent> = { decide, evolve, initialState };
