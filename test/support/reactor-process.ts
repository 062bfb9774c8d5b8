/**
 * A reactor process for the kill tests: runs the tip-jars reaction (test/support/tip-jar.ts)
 * against the stores named in its environment until it is killed. Wired as a projector process
 * would be: its own event-store client and aggregate cache, random event ids, the system clock.
 *
 *   EVENTSTORE_CONNECTION_STRING=… MONGODB_URI=… REACTOR_DB=… REACTOR_OWNER=… node dist/test/support/reactor-process.js
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { EventStoreDBClient } from '@eventstore/db-client';
import { MongoClient } from 'mongodb';
import { CommandDispatcher } from '@handoff/commands';
import { AggregateRepository, EVENTSTORE_CLIENT, EventStoreModule, UpcasterRegistry } from '@handoff/eventstore';
import { InThreadFeed, LeaseStore } from '@handoff/projections';
import { DEFAULT_REACTION_TUNING, ReactionRunner, ReactionStore } from '@handoff/reactions';
import { loadConfig, Metrics, RandomIdGenerator, SharedModule, SystemClock } from '@handoff/shared';
import { addTipHandling, tipJarsReaction } from './tip-jar';

async function main(): Promise<void> {
  const env = process.env;
  const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: env.EVENTSTORE_CONNECTION_STRING! });
  const module = await Test.createTestingModule({
    imports: [SharedModule.forRoot({ config, clock: new SystemClock(), ids: new RandomIdGenerator() }), EventStoreModule.forRoot({ aggregateCache: { capacity: 10_000 } })],
  }).compile();
  await module.init();
  const mongo = await new MongoClient(env.MONGODB_URI!).connect();
  const db = mongo.db(env.REACTOR_DB!);
  const dispatcher = new CommandDispatcher(module.get(AggregateRepository), new Metrics({ defaultMetrics: false })).register(addTipHandling);
  const runner = new ReactionRunner({
    definition: tipJarsReaction,
    dispatch: (command) => dispatcher.dispatch(command),
    partitionOf: (command) => dispatcher.streamOf(command),
    store: new ReactionStore(db),
    leases: new LeaseStore(db),
    feed: new InThreadFeed(module.get<EventStoreDBClient>(EVENTSTORE_CLIENT)),
    upcasters: module.get(UpcasterRegistry),
    clock: new SystemClock(),
    owner: env.REACTOR_OWNER!,
    tuning: { ...DEFAULT_REACTION_TUNING, leaseTtlMs: 1_500, retryInitialMs: 50, retryMaxMs: 500 },
  });
  runner.start();
  process.stdout.write(`${JSON.stringify({ msg: 'reactor started', owner: env.REACTOR_OWNER })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
