/**
 * The embedded event store's TLS identity, made at first start and kept in its data dir (0600):
 * `tls-cert.pem` is what clients trust (`tlsCAFile=` in the connection string), `tls-key.pem` never
 * leaves the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writePrivateFile } from '@handoff/shared/process/private-files';
import { CertificateAndKey, selfSignedCertificate } from './self-signed-certificate';

export const certificatePath = (dataDir: string) => path.join(dataDir, 'tls-cert.pem');
const keyPath = (dataDir: string) => path.join(dataDir, 'tls-key.pem');

export async function provisionServerIdentity(dataDir: string): Promise<CertificateAndKey> {
  if (fs.existsSync(certificatePath(dataDir)) && fs.existsSync(keyPath(dataDir))) {
    return { certificate: fs.readFileSync(certificatePath(dataDir), 'utf8'), privateKey: fs.readFileSync(keyPath(dataDir), 'utf8') };
  }
  const identity = await selfSignedCertificate();
  // the key first: a certificate on disk always has its key beside it
  writePrivateFile(keyPath(dataDir), identity.privateKey);
  writePrivateFile(certificatePath(dataDir), identity.certificate);
  return identity;
}
