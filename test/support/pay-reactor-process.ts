/**
 * A pay reactor process for the pay fault test: runs the pay context's two reactions (accruals,
 * and their postings to the ledgers) against the stores named in its environment until it is
 * killed, wired as the projector wires them: its own event-store client and aggregate cache, the
 * pay handlings on a dispatcher, the participants directory answering PAY_PARTIES.
 *
 *   EVENTSTORE_CONNECTION_STRING=… MONGODB_URI=… REACTOR_DB=… REACTOR_OWNER=… node dist/test/support/pay-reactor-process.js
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { EventStoreDBClient } from '@eventstore/db-client';
import { MongoClient } from 'mongodb';
import { CommandDispatcher } from '@handoff/commands';
import { AggregateRepository, EVENTSTORE_CLIENT, EventStoreModule, UpcasterRegistry } from '@handoff/eventstore';
import { ParticipantDirectory } from '@handoff/participants';
import { PAY_PARTIES, payHandlings, payReactions, PayRecords } from '@handoff/pay';
import { InThreadFeed, LeaseStore } from '@handoff/projections';
import { DEFAULT_REACTION_TUNING, ReactionRunner, ReactionStore } from '@handoff/reactions';
import { loadConfig, Metrics, RandomIdGenerator, SharedModule, SystemClock } from '@handoff/shared';

async function main(): Promise<void> {
  const env = process.env;
  const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: env.EVENTSTORE_CONNECTION_STRING! });
  const module = await Test.createTestingModule({
    imports: [SharedModule.forRoot({ config, clock: new SystemClock(), ids: new RandomIdGenerator() }), EventStoreModule.forRoot({ aggregateCache: { capacity: 50_000 } })],
    providers: [ParticipantDirectory, { provide: PAY_PARTIES, useExisting: ParticipantDirectory }, PayRecords],
  }).compile();
  await module.init();
  const mongo = await new MongoClient(env.MONGODB_URI!).connect();
  const db = mongo.db(env.REACTOR_DB!);
  const dispatcher = new CommandDispatcher(module.get(AggregateRepository), new Metrics({ defaultMetrics: false })).register(...payHandlings(module.get(PayRecords), config.pay));
  const feed = new InThreadFeed(module.get<EventStoreDBClient>(EVENTSTORE_CLIENT));
  for (const definition of payReactions) {
    new ReactionRunner({
      definition,
      dispatch: (command) => dispatcher.dispatch(command),
      partitionOf: (command) => dispatcher.streamOf(command),
      store: new ReactionStore(db),
      leases: new LeaseStore(db),
      feed,
      upcasters: module.get(UpcasterRegistry),
      clock: new SystemClock(),
      owner: env.REACTOR_OWNER!,
      tuning: { ...DEFAULT_REACTION_TUNING, leaseTtlMs: 1_500, retryInitialMs: 50, retryMaxMs: 500 },
    }).start();
  }
  process.stdout.write(`${JSON.stringify({ msg: 'reactor started', owner: env.REACTOR_OWNER })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
