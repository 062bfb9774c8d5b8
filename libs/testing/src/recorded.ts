import type { Decider, DomainEvent } from '@handoff/kernel';

/**
 * The events a decider records for these commands, each decided on the state the previous ones
 * left (each must be accepted): a spec's history written as the commands that made it, so it
 * cannot drift from what the decider really records.
 */
export function recorded<Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>, ...commands: Command[]): Event[] {
  let state = decider.initialState();
  const events: Event[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    state = decided.reduce(decider.evolve, state);
    events.push(...decided);
  }
  return events;
}
