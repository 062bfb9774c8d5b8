import { isDeepStrictEqual } from 'node:util';
import { at, command, recorded } from './ledger.fixtures';
import { evolve, fold } from './ledger.evolve';
import type { LedgerEvent } from './ledger.events';
import { initialState, type PayLedger } from './ledger.state';

/** Every kind of ledger event: accruals, an adjustment, a clawback, a hold placed and released, a statement issued, approved and settled. */
const history = (): LedgerEvent[] =>
  recorded(
    command.accrue(1),
    command.accrue(2),
    command.accrue(3),
    command.adjust('adj-1', 500),
    command.clawBack('claw-1', 'delivered-1/delivery', 20),
    command.hold('hold-1', 3),
    command.release('hold-1'),
    command.issue('st-1'),
    command.approve('st-1', 'admin-1'),
    command.settle('st-1'),
  );

const snapshot = (state: PayLedger) => JSON.stringify(state);

describe('the pay ledger fold', () => {
  it('gives the state event-by-event evolve gives, at every prefix', () => {
    const events = history();
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['AccrualRecorded', 'PayAdjusted', 'PayClawedBack', 'ParcelPayHeld', 'ParcelPayHoldReleased', 'StatementIssued', 'StatementApproved', 'StatementSettled']),
    );
    let stepwise = initialState();
    events.forEach((event, index) => {
      stepwise = evolve(stepwise, event);
      expect(isDeepStrictEqual(JSON.parse(snapshot(fold(initialState(), events.slice(0, index + 1)))), JSON.parse(snapshot(stepwise)))).toBe(true);
    });
  });

  it('never writes the state it folds from: every earlier state reads as it did', () => {
    const events = history();
    const states: PayLedger[] = [initialState()];
    for (const event of events) states.push(evolve(states[states.length - 1]!, event));
    const before = states.map(snapshot);
    // Folding again from each earlier state, one event and all the rest at once.
    states.forEach((state, index) => {
      fold(state, events.slice(index));
      if (index < events.length) evolve(state, events[index]!);
    });
    expect(states.map(snapshot)).toEqual(before);
  });

  it('folds a long month in time linear in its events, not quadratic', () => {
    const accruals = (count: number) => recorded(...Array.from({ length: count }, (_, n) => command.accrue(n + 1, undefined, { accruedAt: at(1 + (n % 28)) })));
    const time = (events: LedgerEvent[]) => {
      const started = process.hrtime.bigint();
      const state = events.reduce(evolve, initialState());
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, state };
    };
    time(accruals(500)); // warm
    const small = time(accruals(1_000));
    const large = time(accruals(8_000));
    expect(large.state.status === 'open' && large.state.accruals.size).toBe(8_000);
    // 8x the events: a copy per event took ~200x as long (0.13 s → 26 s); allow noise well short of that.
    expect(large.ms).toBeLessThan(Math.max(small.ms, 5) * 40);
  });
});
