/**
 * Child process for the crash-durability contract test. Appends to one stream in a loop, each append
 * three events sharing a marker, with the exact expected revision, and prints every acknowledged
 * append as `ack <marker> <nextExpectedRevision>`. Stops at the first failure (the server was killed),
 * after `maxAppends`, or after `maxMs`, printing `done <reason>`.
 *
 * Usage: node dist/test/contract/eventstore/support/crash-writer.js <connectionString> <stream> [maxAppends] [maxMs]
 * (compiled by `npm run build`; imports only packages, no path aliases, so it runs from dist/).
 */
import { randomUUID } from 'node:crypto';
import { AppendResult, EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';

async function main(): Promise<void> {
  const [connectionString, stream, maxAppendsArg = '2000', maxMsArg = '5000'] = process.argv.slice(2);
  if (!connectionString || !stream) throw new Error('usage: crash-writer <connectionString> <stream> [maxAppends] [maxMs]');
  const maxAppends = Number(maxAppendsArg);
  const deadline = Date.now() + Number(maxMsArg);
  const client = EventStoreDBClient.connectionString(connectionString);
  let expected: bigint | typeof NO_STREAM = NO_STREAM;
  let reason = 'limit';
  for (let marker = 0; marker < maxAppends && Date.now() < deadline; marker++) {
    const events = [0, 1, 2].map((part) => jsonEvent({ id: randomUUID(), type: 'CrashTested', data: { marker, part } }));
    try {
      const result: AppendResult = await client.appendToStream(stream, events, { expectedRevision: expected, deadline: 2_000 });
      expected = result.nextExpectedRevision;
      process.stdout.write(`ack ${marker} ${result.nextExpectedRevision}\n`);
    } catch (error) {
      reason = `error ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
      break;
    }
  }
  process.stdout.write(`done ${reason}\n`);
  // the server may be gone: do not wait for a graceful dispose
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`crash-writer failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
