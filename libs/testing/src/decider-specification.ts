import { type Decider, type DomainEvent, DomainError } from '@handoff/kernel';

/**
 * `given(events).when(command).then(events)` / `.thenThrows(code)` for any context's decider. Each step also checks what every decider owes us:
 * replaying the history twice gives equal states, `decide` does not mutate the state it is given
 * (the state is deep-frozen), and the events it decides fold through `evolve` without error.
 */
export function deciderSpecification<Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>) {
  const replay = (history: Event[]): State => history.reduce(decider.evolve, decider.initialState());

  return {
    given: (history: Event[] = []) => ({
      when: (command: Command) => {
        const state = replay(history);
        expect(replay(history)).toEqual(state);
        deepFreeze(state);

        const then = (expected: Event[]): State => {
          const events = decider.decide(command, state);
          expect(events).toEqual(expected);
          return events.reduce(decider.evolve, state);
        };

        return {
          then,
          /** The command is a repeat or changes nothing: no events, and no refusal. */
          thenNothing: (): State => then([]),
          thenThrows: (code: string): DomainError => {
            let thrown: unknown;
            try {
              decider.decide(command, state);
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(DomainError);
            const refusal = thrown as DomainError;
            expect(refusal.code).toBe(code);
            expect(refusal.message).toMatch(/\w+ \w+/);
            return refusal;
          },
        };
      },
    }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
