import type { DomainEvent } from './domain-event';

/**
 * The pure shape every aggregate has (see STYLE.md): `decide` answers a command with events or a
 * named refusal, `evolve` folds one event into the state, `initialState` is the state of a stream
 * that does not exist yet. No I/O, no clock, no ids: those arrive on the command.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
