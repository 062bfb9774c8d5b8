/**
 * A projector process for the crash test: runs the cart projection against the given servers until
 * killed. `FLAKY=1` makes its handler throw once (per process) on one event, then succeed.
 * Prints one line "started" once running. Run as: node dist/test/projections/support/projector-child.js
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { UpcasterRegistry } from '@handoff/eventstore';
import { ProjectionRuntime } from '@handoff/projections';
import { MongoClient } from 'mongodb';
import { cartProjection } from './cart.projection';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main(): Promise<void> {
  const client = EventStoreDBClient.connectionString(env('EVENTSTORE_CONNECTION_STRING'));
  const mongo = new MongoClient(env('MONGODB_URI'));
  let thrown = false;
  const failOn = process.env.FLAKY === '1' ? (event: { type: string; data: any }) => !thrown && event.type === 'ItemAdded' && event.data.sku === 's3' && (thrown = true) : undefined;
  const runtime = new ProjectionRuntime({
    db: mongo.db(env('DATABASE')),
    client,
    upcasters: new UpcasterRegistry(),
    projections: [cartProjection({ failOn })],
    // The same owner across restarts: a restarted process resumes its own lease at once.
    owner: env('OWNER'),
    subscriptionThread: { connectionString: env('EVENTSTORE_CONNECTION_STRING') },
    tuning: { superviseEveryMs: 100, retryInitialMs: 50, retryMaxMs: 200, leaseTtlMs: 5_000 },
  });
  runtime.start();
  process.stdout.write('started\n');
  process.once('SIGTERM', () => void runtime.stop().then(() => process.exit(0)));
}

void main();
