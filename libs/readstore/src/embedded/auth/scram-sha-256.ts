/**
 * SCRAM-SHA-256, the server side (RFC 5802, RFC 7677), as mongod speaks it: no channel binding,
 * the password SASLprep'd by the client, a 32-byte server nonce appended to the client's.
 * The server holds only StoredKey and ServerKey, never the password.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SCRAM_ITERATIONS, saltedPassword, ServerCredentials } from '@handoff/shared/process/server-credentials';

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';

/** The one user clients authenticate as, in the `admin` database like mongod's first user. */
export const READ_STORE_USER = { db: 'admin', user: 'handoff' } as const;

/** What `users.json` holds for the read store's one user. */
export interface ScramUser {
  /** The database the user is defined in (the driver's authSource). */
  db: string;
  user: string;
  mechanism: typeof SCRAM_SHA_256;
  iterationCount: number;
  /** base64 */
  salt: string;
  storedKey: string;
  serverKey: string;
}

const hmac = (key: Buffer, text: string | Buffer) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

export async function deriveScramUser(db: string, credentials: ServerCredentials, salt = randomBytes(28), iterationCount = SCRAM_ITERATIONS): Promise<ScramUser> {
  const salted = await saltedPassword(credentials.password, salt, iterationCount);
  return {
    db,
    user: credentials.username,
    mechanism: SCRAM_SHA_256,
    iterationCount,
    salt: salt.toString('base64'),
    storedKey: sha256(hmac(salted, 'Client Key')).toString('base64'),
    serverKey: hmac(salted, 'Server Key').toString('base64'),
  };
}

/** Why a conversation failed; the client is told only "Authentication failed." (code 18). */
export class ScramFailure extends Error {}

/** One authentication attempt: started by the client's first message, settled by its final one. */
export class ScramConversation {
  private readonly combinedNonce: string;
  readonly serverFirst: string;

  private constructor(
    private readonly user: ScramUser,
    private readonly clientFirstBare: string,
    clientNonce: string,
    serverNonce: string,
  ) {
    this.combinedNonce = clientNonce + serverNonce;
    this.serverFirst = `r=${this.combinedNonce},s=${user.salt},i=${user.iterationCount}`;
  }

  /** `n,,n=<user>,r=<nonce>`; `lookup` finds the user named (undefined: refused, not said why). */
  static start(clientFirst: string, lookup: (name: string) => ScramUser | undefined, serverNonce = randomBytes(32).toString('base64')): ScramConversation {
    const match = /^[ny],,(n=([^,]*),r=([\x21-\x2b\x2d-\x7e]+)(?:,.*)?)$/.exec(clientFirst);
    if (!match) throw new ScramFailure('client-first-message is malformed or asks for channel binding');
    const user = lookup(decodeSaslName(match[2]!));
    if (!user) throw new ScramFailure('no such user');
    return new ScramConversation(user, match[1]!, match[3]!, serverNonce);
  }

  get userName(): { user: string; db: string } {
    return { user: this.user.user, db: this.user.db };
  }

  /** `c=biws,r=<nonce>,p=<proof>` checked in constant time; answers `v=<server signature>`. */
  finish(clientFinal: string): string {
    const match = /^(c=([^,]*),r=([^,]*)),p=([A-Za-z0-9+/=]+)$/.exec(clientFinal);
    if (!match) throw new ScramFailure('client-final-message is malformed');
    const [, withoutProof, channelBinding, nonce, proofText] = match as unknown as [string, string, string, string, string];
    if (channelBinding !== 'biws' && channelBinding !== 'eSws') throw new ScramFailure('channel binding is not supported');
    if (nonce !== this.combinedNonce) throw new ScramFailure('nonce mismatch');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const storedKey = Buffer.from(this.user.storedKey, 'base64');
    const proof = Buffer.from(proofText, 'base64');
    if (proof.length !== storedKey.length) throw new ScramFailure('proof has the wrong length');
    const clientSignature = hmac(storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    if (!timingSafeEqual(sha256(clientKey), storedKey)) throw new ScramFailure('wrong password');
    return `v=${hmac(Buffer.from(this.user.serverKey, 'base64'), authMessage).toString('base64')}`;
  }
}

/** RFC 5802 saslname: `=2C` is a comma, `=3D` an equals sign. */
function decodeSaslName(name: string): string {
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}
