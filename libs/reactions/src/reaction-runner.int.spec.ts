import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { MongoClient, type Db } from 'mongodb';
import { CommandDispatcher } from '@handoff/commands';
import { AggregateRepository, EventStore, EVENTSTORE_CLIENT, UpcasterRegistry } from '@handoff/eventstore';
import { InThreadFeed, LeaseStore } from '@handoff/projections';
import { Metrics, SystemClock } from '@handoff/shared';
import { startTestReadStore } from '../../../test/custody/support/embedded-read-store.fixture';
import { eventually } from '../../../test/support/eventually';
import { useEventStoreTestingModule } from '../../../test/support/event-store-testing-module';
import { addTipHandling, jarStream, type TipPledged, tipJarsReaction } from '../../../test/support/tip-jar';
import { defineReaction, reactionKey, type ReactionDefinition } from './reaction-definition';
import { type Dispatch, type ReactionTuning, ReactionRunner } from './reaction-runner';
import { ReactionStore } from './reaction-store';
import { ReactionStatusReader } from './reaction-status';

jest.setTimeout(60_000);

const tuning: ReactionTuning = {
  leaseTtlMs: 1_000,
  retryInitialMs: 50,
  retryMaxMs: 200,
  skipPollMs: 20,
  checkpointEveryEvents: 50,
  checkpointEveryMs: 50,
  checkpointIntervalMultiplier: 1,
  maxInFlight: 16,
};

describe('ReactionRunner: events in, commands out, exactly once in effect (ADR 0017)', () => {
  const embedded = useEventStoreTestingModule({ eventStore: { aggregateCache: { capacity: 1_000 } } });
  let readStore: Awaited<ReturnType<typeof startTestReadStore>>;
  let mongo: MongoClient;
  let db: Db;
  let store: EventStore;
  let dispatcher: CommandDispatcher;
  const runners: ReactionRunner[] = [];

  beforeAll(async () => {
    readStore = await startTestReadStore();
    mongo = await new MongoClient(readStore.uri).connect();
    db = mongo.db(`reactions-${randomUUID().slice(0, 8)}`);
    store = embedded.module.get(EventStore);
    dispatcher = new CommandDispatcher(embedded.module.get(AggregateRepository), new Metrics({ defaultMetrics: false })).register(addTipHandling);
  });

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
  });

  afterAll(async () => {
    await mongo?.close();
    await readStore?.dispose();
  });

  const startRunner = (definition: ReactionDefinition<any> = tipJarsReaction, owner = `owner-${randomUUID().slice(0, 6)}`, dispatch: Dispatch = (command) => dispatcher.dispatch(command)) => {
    const runner = new ReactionRunner({
      definition,
      dispatch,
      partitionOf: (command) => dispatcher.streamOf(command),
      store: new ReactionStore(db),
      leases: new LeaseStore(db),
      feed: new InThreadFeed(embedded.module.get<EventStoreDBClient>(EVENTSTORE_CLIENT)),
      upcasters: embedded.module.get(UpcasterRegistry),
      clock: new SystemClock(),
      owner,
      tuning,
    });
    runners.push(runner);
    runner.start();
    return runner;
  };

  /** Pledges on one fresh stream; returns their event ids. */
  const pledge = async (pledges: { jarId: string; amountMinor: number }[]): Promise<string[]> => {
    const events: TipPledged[] = pledges.map((data) => ({ type: 'TipPledged', data }));
    const appended = await store.append(`pledges-${randomUUID()}`, events, { expectedRevision: 'no_stream', context: { correlationId: 'c', causationId: 'c', actor: { kind: 'courier', id: 'c-1' } } });
    return appended.envelopes.map((envelope) => envelope.metadata.eventId);
  };

  const jarTotals = async (jarIds: string[]) =>
    Object.fromEntries(
      await Promise.all(jarIds.map(async (jarId) => [jarId, (await store.readStream(jarStream(jarId))).events.reduce((sum, e) => sum + (e.data as { amountMinor: number }).amountMinor, 0)])),
    );
  const statusOf = async (definition: ReactionDefinition<any>) => (await new ReactionStatusReader(db, embedded.module.get<EventStoreDBClient>(EVENTSTORE_CLIENT), [definition]).all())[0]!;
  const record = (definition: ReactionDefinition<any> = tipJarsReaction) => new ReactionStore(db).records.findOne({ _id: `${definition.name}@v${definition.version}` });

  it('moves its checkpoint past a live event once its commands are done, though no further event comes (a quiet log shows no lag)', async () => {
    const quiet = defineReaction({ name: 'quiet-tips', version: 1, handlers: tipJarsReaction.handlers });
    startRunner(quiet);
    await eventually('the reaction to catch up on the log', async () => (await record(quiet))?.caughtUp === true);
    const [eventId] = await pledge([{ jarId: randomUUID(), amountMinor: 250 }]);
    await eventually('the one live pledge to be acted on and checkpointed', async () => (await statusOf(quiet)).lag.events === 0 && ((await record(quiet))?.events ?? 0) >= 1);
    expect(await statusOf(quiet)).toMatchObject({ state: 'running', lag: { events: 0 }, error: null });
    expect(eventId).toBeDefined();
  });

  it('issues a command marked afterEarlierEvents only once every earlier event is done, whatever its stream; others run side by side', async () => {
    const slowJar = randomUUID();
    const log: string[] = [];
    // A pledge of 1 to the slow jar takes 400 ms; a pledge of 2 or 3 follows it, marked (2) or not (3).
    const ordered = defineReaction<TipPledged>({
      name: 'ordered-tips',
      version: 1,
      handlers: { TipPledged: ({ data }) => [{ type: 'AddTip', data, afterEarlierEvents: data.amountMinor === 2 }] },
    });
    startRunner(ordered, undefined, async (command) => {
      const { amountMinor } = command.data as { amountMinor: number };
      // Earlier tests' pledges, met while catching up, are not this test's.
      if (amountMinor > 3) return dispatcher.dispatch(command);
      log.push(`start ${amountMinor}`);
      if (amountMinor === 1) await new Promise((resolve) => setTimeout(resolve, 400));
      const outcome = await dispatcher.dispatch(command);
      log.push(`end ${amountMinor}`);
      return outcome;
    });
    await eventually('the reaction to catch up on the log', async () => (await record(ordered))?.caughtUp === true);
    await pledge([
      { jarId: slowJar, amountMinor: 1 },
      { jarId: randomUUID(), amountMinor: 3 },
    ]);
    await eventually('both tips', () => log.length === 4);
    expect(log.indexOf('start 3')).toBeLessThan(log.indexOf('end 1'));
    log.length = 0;
    await pledge([
      { jarId: slowJar, amountMinor: 1 },
      { jarId: randomUUID(), amountMinor: 2 },
    ]);
    await eventually('both tips', () => log.length === 4);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('turns every pledge into one tip, refusals counted and moved past, keys naming the source event', async () => {
    const jars = [randomUUID(), randomUUID(), randomUUID()];
    const pledges = Array.from({ length: 120 }, (_, i) => ({ jarId: jars[i % 3]!, amountMinor: i % 40 === 7 ? 0 : 100 + i }));
    const ids = await pledge(pledges);
    startRunner();
    await eventually('the reaction to catch up on 120 pledges', async () => ((await record())?.events ?? 0) >= 120 && (await record())!.caughtUp);
    const oracle = Object.fromEntries(jars.map((jarId) => [jarId, pledges.filter((p) => p.jarId === jarId && p.amountMinor > 0).reduce((sum, p) => sum + p.amountMinor, 0)]));
    expect(await jarTotals(jars)).toEqual(oracle);
    expect(await record()).toMatchObject({ refused: 3, error: null });
    expect(await statusOf(tipJarsReaction)).toMatchObject({ name: 'tip-jars', state: 'running', caughtUp: true, lag: { events: 0, seconds: 0 }, refused: 3, error: null });
    const [first] = (await store.readStream(jarStream(jars[0]!))).events;
    expect(first!.metadata).toMatchObject({ idempotencyKey: reactionKey(tipJarsReaction, ids[0]!, 0), causationId: ids[0], actor: { kind: 'system', id: 'reaction:tip-jars' } });
  });

  it('after a crash that lost its checkpoint, replays from the start and appends nothing twice', async () => {
    const jars = [randomUUID()];
    await pledge(Array.from({ length: 30 }, () => ({ jarId: jars[0]!, amountMinor: 10 })));
    const runner = startRunner();
    await eventually('the pledges to be tipped', async () => (await jarTotals(jars))[jars[0]!] === 300);
    await runner.stop();
    const before = (await record())!;
    // What a kill -9 right before the first checkpoint save leaves: effects done, checkpoint at the start.
    await new ReactionStore(db).records.updateOne({ _id: before._id }, { $set: { checkpointKey: '', checkpoint: null } });
    startRunner();
    await eventually('the replay to catch up', async () => ((await record())?.repeated ?? 0) - before.repeated >= before.commands - before.refused);
    expect(await jarTotals(jars)).toEqual({ [jars[0]!]: 300 });
    expect((await store.readStream(jarStream(jars[0]!))).events).toHaveLength(30);
  });

  it('runs in one process at a time: a second runner waits for the lease', async () => {
    const a = startRunner(tipJarsReaction, 'process-a');
    await eventually('a to hold the lease', () => a.holdsLease);
    const b = startRunner(tipJarsReaction, 'process-b');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b.holdsLease).toBe(false);
    await a.stop();
    await eventually('b to take the lease once a gives it up', () => b.holdsLease, 3_000);
  });

  it('stops on an event whose commands fail (not a refusal), records it, and moves on only when an admin skips it', async () => {
    const fragile = defineReaction<TipPledged>({
      name: 'fragile-tips',
      version: 1,
      handlers: {
        TipPledged: (event) => {
          if (event.data.amountMinor === 13) throw new Error('thirteen is unlucky');
          return [{ type: 'AddTip', data: { jarId: event.data.jarId, amountMinor: event.data.amountMinor } }];
        },
      },
    });
    const jarId = randomUUID();
    const [, poison] = await pledge([
      { jarId, amountMinor: 5 },
      { jarId, amountMinor: 13 },
      { jarId, amountMinor: 7 },
    ]);
    startRunner(fragile);
    await eventually('the reaction to stop on the poison event', async () => (await record(fragile))?.error?.eventId === poison);
    expect((await record(fragile))!.error).toMatchObject({ kind: 'command', message: 'thirteen is unlucky', eventType: 'TipPledged' });
    expect(await statusOf(fragile)).toMatchObject({ state: 'stopped-on-error', lag: { events: 2 }, error: { eventId: poison } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const jar = async () => (await store.readStream(jarStream(jarId))).events.map((e) => (e.data as { amountMinor: number }).amountMinor);
    expect(await jar()).toEqual([5]); // stopped right before it, retrying
    expect(await new ReactionStore(db).requestSkip('fragile-tips@v1', 'not-the-poison', 'admin-1')).toBe(false);
    expect(await new ReactionStore(db).requestSkip('fragile-tips@v1', poison!, 'admin-1')).toBe(true);
    await eventually('the reaction to move past the skipped event', async () => (await jar()).length === 2);
    expect(await jar()).toEqual([5, 7]);
    expect(await new ReactionStore(db).skips.findOne({ eventId: poison })).toMatchObject({ reaction: 'fragile-tips', requestedBy: 'admin-1', error: 'thirteen is unlucky' });
    expect((await record(fragile))!.error).toBeNull();
    await eventually('fragile-tips to catch up', async () => (await statusOf(fragile)).lag.events === 0);
    expect(await statusOf(fragile)).toMatchObject({ state: 'running', skipped: 1 });
    for (const runner of runners.splice(0)) await runner.stop();
    expect((await statusOf(fragile)).state).toBe('not-running');
  });
});
