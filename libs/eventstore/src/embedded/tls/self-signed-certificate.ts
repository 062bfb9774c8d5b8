/**
 * A self-signed X.509 certificate for 127.0.0.1 and localhost, so the embedded event store can serve
 * TLS: the official client sends credentials only over TLS (with `tls=false` it drops them, as
 * EventStoreDB's insecure mode has no authentication). Node can sign but not build a certificate, so
 * `@peculiar/x509` encodes it (a well-kept library rather than DER of our own), over Node's WebCrypto
 * (ECDSA P-256 with SHA-256). Chosen over `selfsigned`, which wraps it and adds pkijs.
 */
import 'reflect-metadata'; // @peculiar/x509 registers its algorithms in tsyringe, which throws at load without it
import { KeyObject, webcrypto } from 'node:crypto';
import { SubjectAlternativeNameExtension, X509CertificateGenerator } from '@peculiar/x509';

export interface CertificateAndKey {
  /** PEM; clients trust it directly (`tlsCAFile`). */
  certificate: string;
  /** PEM, PKCS#8. */
  privateKey: string;
}

const VALID_YEARS = 10;
const COMMON_NAME = 'handoff embedded event store';
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export async function selfSignedCertificate(now = new Date()): Promise<CertificateAndKey> {
  const keys = await webcrypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(now.getUTCFullYear() + VALID_YEARS);
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      name: [{ CN: [COMMON_NAME] }],
      // an hour back, so a client whose clock is slightly behind still accepts it
      notBefore: new Date(now.getTime() - 60 * 60 * 1000),
      notAfter,
      keys,
      signingAlgorithm: ECDSA_P256,
      extensions: [
        new SubjectAlternativeNameExtension([
          { type: 'ip', value: '127.0.0.1' },
          { type: 'dns', value: 'localhost' },
        ]),
      ],
    },
    webcrypto,
  );
  return {
    certificate: certificate.toString('pem'),
    privateKey: KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
