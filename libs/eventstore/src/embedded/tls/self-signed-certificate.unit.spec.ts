import { createPrivateKey, X509Certificate } from 'node:crypto';
import { selfSignedCertificate } from './self-signed-certificate';

it('makes a certificate for 127.0.0.1 and localhost, signed by its own key, valid for ten years', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const { certificate, privateKey } = selfSignedCertificate(now);
  const parsed = new X509Certificate(certificate);
  expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(parsed.checkHost('localhost')).toBe('localhost');
  expect(parsed.checkHost('example.com')).toBeUndefined();
  expect(parsed.checkPrivateKey(createPrivateKey(privateKey))).toBe(true);
  expect(parsed.verify(parsed.publicKey)).toBe(true);
  expect(new Date(parsed.validTo).getUTCFullYear()).toBe(2036);
  expect(new Date(parsed.validFrom).getTime()).toBeLessThan(now.getTime());
});

it('makes a new key and serial each time', () => {
  const [a, b] = [selfSignedCertificate(), selfSignedCertificate()];
  expect(new X509Certificate(a.certificate).serialNumber).not.toBe(new X509Certificate(b.certificate).serialNumber);
  expect(a.privateKey).not.toBe(b.privateKey);
});
