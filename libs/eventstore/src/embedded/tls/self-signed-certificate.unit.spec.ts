import { createPrivateKey, X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from './self-signed-certificate';

it('makes an ECDSA P-256 certificate for 127.0.0.1 and localhost, signed by its own key, valid for ten years', async () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const { certificate, privateKey } = await selfSignedCertificate(now);
  const parsed = new X509Certificate(certificate);
  expect(parsed.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
  expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(parsed.checkHost('localhost')).toBe('localhost');
  expect(parsed.checkHost('example.com')).toBeUndefined();
  expect(parsed.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  expect(parsed.checkPrivateKey(createPrivateKey(privateKey))).toBe(true);
  expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/); // PKCS#8
  expect(parsed.verify(parsed.publicKey)).toBe(true);
  expect(parsed.subject).toBe('CN=handoff embedded event store');
  expect(parsed.issuer).toBe(parsed.subject);
  expect(new Date(parsed.validTo)).toEqual(new Date('2036-12-07T12:00:00Z'));
  expect(new Date(parsed.validFrom)).toEqual(new Date('2026-12-07T11:00:00Z'));
});

it('makes a new key and serial each time', async () => {
  const [a, b] = await Promise.all([selfSignedCertificate(), selfSignedCertificate()]);
  expect(new X509Certificate(a.certificate).serialNumber).not.toBe(new X509Certificate(b.certificate).serialNumber);
  expect(a.privateKey).not.toBe(b.privateKey);
});
