import { randomUUID } from 'node:crypto';
import { AggregateRepository, EventStore } from '@handoff/eventstore';
import { Metrics } from '@handoff/shared';
import { useEventStoreTestingModule } from '../../../test/support/event-store-testing-module';
import { CommandDispatcher } from './command-dispatcher';
import { CommandNotAllowedError, CommandNotHandledError, handleCommand } from './command-handling';
import { addTipHandling as addTip, addTip as tip } from '../../../test/support/tip-jar';

jest.setTimeout(60_000);

describe('CommandDispatcher: any issuer, one way in (ADR 0016)', () => {
  const embedded = useEventStoreTestingModule();
  let dispatcher: CommandDispatcher;
  let metrics: Metrics;
  let store: EventStore;

  beforeAll(() => {
    metrics = new Metrics({ defaultMetrics: false });
    store = embedded.module.get(EventStore);
    dispatcher = new CommandDispatcher(embedded.module.get(AggregateRepository), metrics).register(addTip);
  });

  it('decides and appends, recording who and why from the command metadata, and answers as data', async () => {
    const jarId = randomUUID();
    const outcome = await dispatcher.dispatch(tip(jarId, 150));
    expect(outcome).toMatchObject({ type: 'AddTip', streamName: `jar-${jarId}`, revision: 0, recorded: ['TipAdded'], repeated: false, created: { jarId } });
    expect(outcome.position).toBeDefined();
    const [stored] = (await store.readStream(`jar-${jarId}`)).events;
    expect(stored!.data).toEqual({ jarId, amountMinor: 150, by: 'courier-1' });
    expect(stored!.metadata).toMatchObject({ correlationId: 'corr-1', causationId: 'cause-1', actor: { kind: 'courier', id: 'courier-1' } });
  });

  it('refuses a role the handling does not name before reading anything, and a type no context handles', async () => {
    const jarId = randomUUID();
    await expect(dispatcher.dispatch(tip(jarId, 150, 'retailer'))).rejects.toBeInstanceOf(CommandNotAllowedError);
    await expect(dispatcher.dispatch(tip(jarId, 150, 'retailer'))).rejects.toMatchObject({ code: 'AUTH.ROLE_NOT_ALLOWED', kind: 'forbidden' });
    expect((await store.readStream(`jar-${jarId}`)).events).toHaveLength(0);
    await expect(dispatcher.dispatch({ ...tip(jarId, 1), type: 'Nonsense' })).rejects.toBeInstanceOf(CommandNotHandledError);
  });

  it("passes the decider's refusals through, judged on the stream's state", async () => {
    const jarId = randomUUID();
    const capped = (amountMinor: number) => {
      const command = tip(jarId, amountMinor);
      return { ...command, data: { ...command.data, ceilingMinor: 1_000 } };
    };
    await dispatcher.dispatch(capped(900));
    await expect(dispatcher.dispatch(capped(200))).rejects.toMatchObject({ code: 'JAR.FULL', kind: 'conflict' });
    await expect(dispatcher.dispatch(tip(jarId, 0))).rejects.toMatchObject({ code: 'JAR.NOT_POSITIVE' });
  });

  it('does a keyed command once: its repeat answers repeated and appends nothing', async () => {
    const jarId = randomUUID();
    await dispatcher.dispatch(tip(jarId, 100, 'system', 'pay-accruals:evt-1:0'));
    const again = await dispatcher.dispatch(tip(jarId, 100, 'system', 'pay-accruals:evt-1:0'));
    expect(again).toMatchObject({ repeated: true, recorded: [], revision: 0 });
    expect((await store.readStream(`jar-${jarId}`)).events.map((e) => e.metadata.idempotencyKey)).toEqual(['pay-accruals:evt-1:0']);
  });

  it('counts every command by type and outcome', async () => {
    const text = await metrics.scrape();
    expect(text).toMatch(/handoff_commands_total\{type="AddTip",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/handoff_commands_total\{type="AddTip",outcome="refused"\} [1-9]/);
    expect(text).toMatch(/handoff_commands_total\{type="AddTip",outcome="replayed"\} 1/);
    expect(text).toMatch(/handoff_commands_total\{type="Nonsense",outcome="failed"\} 1/);
  });

  it('refuses to register a type twice or a handling without roles', () => {
    expect(() => dispatcher.register(addTip)).toThrow('handled twice');
    expect(() => handleCommand({ ...addTip, roles: [] })).toThrow('at least one role');
  });
});
