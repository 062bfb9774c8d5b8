/**
 * A self-signed X.509 certificate for 127.0.0.1 and localhost, so the embedded event store can serve
 * TLS: the official client sends credentials only over TLS (with `tls=false` it drops them, as
 * EventStoreDB's insecure mode has no authentication). Node can sign but not build a certificate, and
 * the well-kept libraries that do (node-forge, selfsigned) are not dependencies here: a certificate is
 * a handful of DER fields around a signature from node:crypto (ECDSA P-256 with SHA-256).
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

export interface CertificateAndKey {
  /** PEM; clients trust it directly (`tlsCAFile`). */
  certificate: string;
  /** PEM, PKCS#8. */
  privateKey: string;
}

const VALID_YEARS = 10;
const COMMON_NAME = 'handoff embedded event store';

export function selfSignedCertificate(now = new Date()): CertificateAndKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // a positive INTEGER
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(now.getUTCFullYear() + VALID_YEARS);
  const name = sequence(set(sequence(OID_COMMON_NAME, tlv(0x0c, Buffer.from(COMMON_NAME)))));
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.of(2))), // v3
    integer(serial),
    sequence(OID_ECDSA_WITH_SHA256),
    name,
    sequence(utcTime(new Date(now.getTime() - 60 * 60 * 1000)), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, sequence(sequence(OID_SUBJECT_ALT_NAME, tlv(0x04, sequence(tlv(0x87, Buffer.of(127, 0, 0, 1)), tlv(0x82, Buffer.from('localhost'))))))),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, sequence(OID_ECDSA_WITH_SHA256), tlv(0x03, Buffer.concat([Buffer.of(0), signature])));
  const certificate = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  // parsing it back proves the encoding before anything trusts it
  new X509Certificate(certificate).checkPrivateKey(createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })));
  return { certificate, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

const OID_ECDSA_WITH_SHA256 = Buffer.from('06082a8648ce3d040302', 'hex');
const OID_COMMON_NAME = Buffer.from('0603550403', 'hex');
const OID_SUBJECT_ALT_NAME = Buffer.from('0603551d11', 'hex');

function tlv(tag: number, value: Buffer): Buffer {
  const length = value.length;
  const lengthBytes = length < 0x80 ? Buffer.of(length) : length < 0x100 ? Buffer.of(0x81, length) : Buffer.of(0x82, length >> 8, length & 0xff);
  return Buffer.concat([Buffer.of(tag), lengthBytes, value]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const integer = (bytes: Buffer) => tlv(0x02, bytes);

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'; // YYMMDDHHMMSSZ
  return tlv(0x17, Buffer.from(text));
}
