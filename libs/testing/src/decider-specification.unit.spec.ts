import { type Decider, type DomainEvent, refusalsOf } from '@handoff/kernel';
import { deciderSpecification } from './decider-specification';

/** A counter small enough to read at a glance, and a broken twin for each promise the specification keeps. */
type Added = DomainEvent<'Added', { by: number }>;
type Add = { by: number };
type Count = { total: number; history: number[] };

const refuse = refusalsOf({ 'COUNTER.NOT_POSITIVE': 'rule-broken' });
const counter: Decider<Add, Count, Added> = {
  initialState: () => ({ total: 0, history: [] }),
  decide: (command) => {
    if (command.by <= 0) throw refuse('COUNTER.NOT_POSITIVE', `A counter only goes up; ${command.by} does not.`);
    return [{ type: 'Added', data: { by: command.by } }];
  },
  evolve: (state, event) => ({ total: state.total + event.data.by, history: [...state.history, event.data.by] }),
};

describe('deciderSpecification', () => {
  const spec = deciderSpecification(counter);
  const added = (by: number): Added => ({ type: 'Added', data: { by } });

  it('passes a decider that keeps its promises and returns the state after the events', () => {
    expect(
      spec
        .given([added(2)])
        .when({ by: 3 })
        .then([added(3)]),
    ).toEqual({ total: 5, history: [2, 3] });
    expect(spec.given().when({ by: 0 }).thenThrows('COUNTER.NOT_POSITIVE').kind).toBe('rule-broken');
  });

  it('fails when the decided events differ from the expected ones', () => {
    expect(() =>
      spec
        .given()
        .when({ by: 3 })
        .then([added(4)]),
    ).toThrow();
  });

  it('fails when decide mutates the state it is given (the state is deep-frozen)', () => {
    const mutating = deciderSpecification<Add, Count, Added>({
      ...counter,
      decide: (command, state) => {
        state.history.push(command.by);
        return [added(command.by)];
      },
    });
    expect(() =>
      mutating
        .given([added(1)])
        .when({ by: 1 })
        .then([added(1)]),
    ).toThrow(TypeError);
  });

  it('fails when replaying the same history twice gives different states', () => {
    let replays = 0;
    const drifting = deciderSpecification<Add, Count, Added>({
      ...counter,
      initialState: () => ({ total: replays++, history: [] }),
    });
    expect(() => drifting.given([added(1)]).when({ by: 1 })).toThrow();
  });

  it('fails when a refusal is not a DomainError, has another code, or no sentence', () => {
    const throwsPlain = deciderSpecification<Add, Count, Added>({
      ...counter,
      decide: () => {
        throw new Error('no');
      },
    });
    expect(() => throwsPlain.given().when({ by: 1 }).thenThrows('COUNTER.NOT_POSITIVE')).toThrow();
    expect(() => spec.given().when({ by: -1 }).thenThrows('COUNTER.OTHER')).toThrow();
    const terse = deciderSpecification<Add, Count, Added>({
      ...counter,
      decide: () => {
        throw refuse('COUNTER.NOT_POSITIVE', 'no');
      },
    });
    expect(() => terse.given().when({ by: 1 }).thenThrows('COUNTER.NOT_POSITIVE')).toThrow();
  });
});
