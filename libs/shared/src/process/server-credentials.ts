/**
 * The embedded servers' one user (docs/adr/0010-embedded-server-credentials.md). At first start a
 * server generates a random password and writes two 0600 files in its data dir:
 * - `credentials.json`: what a client needs (username, password); the launchers read it;
 * - `users.json`: what the server needs to check a client (salt, iteration count, derived keys),
 *   never the password, as mongod keeps SCRAM keys rather than passwords. The server reads only this
 *   one, so an operator may move `credentials.json` into a secret store once the app is configured.
 */
import { pbkdf2, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { readJsonFile, writePrivateFile } from './private-files';

export const CREDENTIALS_FILE = 'credentials.json';
export const USERS_FILE = 'users.json';
/** mongod's default scramSHA256IterationCount. */
export const SCRAM_ITERATIONS = 15_000;

export interface ServerCredentials {
  username: string;
  password: string;
}

/** SCRAM's SaltedPassword (RFC 5802 Hi()), with SHA-256: the one derivation both servers use. */
export const saltedPassword = (password: string, salt: Buffer, iterations: number): Promise<Buffer> => promisify(pbkdf2)(password, salt, iterations, 32, 'sha256');

export const credentialsPath = (dataDir: string) => path.join(dataDir, CREDENTIALS_FILE);

/**
 * The server's verifier, made at first start (with `credentials.json`) and read at later ones.
 * A crash between the two writes leaves `credentials.json` alone, from which the verifier is made again.
 */
export async function provisionServerUser<Verifier>(dataDir: string, username: string, deriveVerifier: (credentials: ServerCredentials) => Promise<Verifier>): Promise<Verifier> {
  const usersFile = path.join(dataDir, USERS_FILE);
  const existing = readJsonFile<Verifier>(usersFile);
  if (existing) return existing;
  let credentials = readJsonFile<ServerCredentials>(credentialsPath(dataDir));
  if (!credentials) {
    credentials = { username, password: randomBytes(32).toString('base64url') };
    writePrivateFile(credentialsPath(dataDir), `${JSON.stringify(credentials, null, 2)}\n`);
  }
  const verifier = await deriveVerifier(credentials);
  writePrivateFile(usersFile, `${JSON.stringify(verifier, null, 2)}\n`);
  return verifier;
}

/** For launchers and operators' tools: the credentials a server generated in `dataDir`. */
export function readServerCredentials(dataDir: string): ServerCredentials {
  const file = credentialsPath(dataDir);
  const credentials = readJsonFile<ServerCredentials>(file);
  if (!credentials || typeof credentials.username !== 'string' || typeof credentials.password !== 'string') {
    throw new Error(`${file} is missing or unreadable: it holds the embedded server's generated credentials (give the connection string or URI with its credentials instead)`);
  }
  return credentials;
}
