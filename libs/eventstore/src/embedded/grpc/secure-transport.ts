/**
 * What a server speaking EventStoreDB's protocol needs to be reached as secure-mode EventStoreDB is:
 * TLS with the data dir's certificate, and the data dir's user required on every call it wraps.
 * The embedded server uses it, and so does the benchmark's ceiling server, so both pay the same
 * wire costs.
 */
import { ServerCredentials } from '@grpc/grpc-js';
import { ensurePrivateDir } from '@handoff/shared/process/private-files';
import { provisionServerUser } from '@handoff/shared/process/server-credentials';
import { provisionServerIdentity } from '../tls/server-identity';
import { BasicAuthenticator, deriveEventStoreUser, EVENT_STORE_USERNAME, requireCredentials } from './authentication';

export interface SecureTransport {
  serverCredentials: ServerCredentials;
  /** `handler`, run only for calls that carry the user's credentials. */
  authenticated<H extends (call: any, callback?: any) => void>(handler: H): H;
}

export async function secureTransport(dataDir: string): Promise<SecureTransport> {
  ensurePrivateDir(dataDir);
  const user = await provisionServerUser(dataDir, EVENT_STORE_USERNAME, deriveEventStoreUser);
  const identity = await provisionServerIdentity(dataDir);
  const authenticator = new BasicAuthenticator(user);
  return {
    serverCredentials: ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(identity.certificate), private_key: Buffer.from(identity.privateKey) }], false),
    authenticated: (handler) => requireCredentials(authenticator, handler),
  };
}
