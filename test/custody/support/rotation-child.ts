/**
 * Child process for the kill -9 rotation test: rotates the KEK of the subject keys in `<db>` with
 * the keyring in `<keyringDir>`, as the API's KeyCustody would, and prints `rotated` when done.
 * The test SIGKILLs it somewhere in between.
 *
 * Usage: node dist/test/custody/support/rotation-child.js <uri> <db> <keyringDir>
 */
import { MongoClient } from 'mongodb';
import { FileKeyring, KeyRotation, MongoSubjectKeyStore } from '@handoff/personal-data';

async function main(): Promise<void> {
  const [uri, dbName, keyringDir] = process.argv.slice(2);
  const now = () => new Date().toISOString();
  const client = new MongoClient(uri);
  // Connected before the rotation starts, so the kill lands in the rotation, not in a handshake.
  await client.connect();
  const db = client.db(dbName);
  const keyring = new FileKeyring(keyringDir, now);
  const outcome = await new KeyRotation(db, new MongoSubjectKeyStore(db, keyring, now), keyring, now).rotate();
  process.stdout.write(`rotated ${JSON.stringify(outcome)}\n`);
  await client.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
