/**
 * Child process for the crash-durability contract test: inserts documents `{ _id: i, marker }` one at
 * a time (acknowledged writes) and updates a counter document, printing `ack <i>` after each
 * acknowledged insert+update. Stops at the first failure (the server was killed) or after maxMs.
 *
 * Usage: node dist/test/contract/readstore/support/crash-writer.js <uri> <db> [maxMs]
 * (compiled by `npm run build`; imports only packages, so it runs from dist/).
 */
import { MongoClient } from 'mongodb';

async function main(): Promise<void> {
  const [uri, dbName, maxMsArg = '8000'] = process.argv.slice(2);
  if (!uri || !dbName) throw new Error('usage: crash-writer <uri> <db> [maxMs]');
  const deadline = Date.now() + Number(maxMsArg);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2_000, socketTimeoutMS: 2_000 });
  await client.connect();
  const db = client.db(dbName);
  let reason = 'deadline';
  for (let i = 0; Date.now() < deadline; i++) {
    try {
      await db.collection('writes').insertOne({ _id: i as any, marker: `m-${i}`, padding: 'x'.repeat(200) });
      await db.collection('counter').updateOne({ _id: 'count' as any }, { $set: { last: i } }, { upsert: true });
      process.stdout.write(`ack ${i}\n`);
    } catch (error) {
      reason = `error ${(error as Error).message}`;
      break;
    }
  }
  process.stdout.write(`done ${reason}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`crash-writer failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
