/**
 * What an event carries instead of a person's name, address or phone: ciphertext under a key
 * that belongs to one data subject. Destroying that key (crypto-shredding) makes every copy of
 * the envelope unreadable (events, projections, exports, backups) while the events themselves
 * stay complete and their hashes stay valid.
 *
 * Binary fields are base64 so the envelope is plain JSON and hashes canonically.
 *
 * In the kernel because it is a field shape of events (custody's recipient today, any context that
 * records a person tomorrow) and deciders name it; the cipher and the key stores stay outside it.
 */
export const PERSONAL_DATA_ALGORITHM = 'AES-256-GCM';
export const PERSONAL_DATA_ENVELOPE_VERSION = 1;

export interface PersonalDataEnvelope {
  version: typeof PERSONAL_DATA_ENVELOPE_VERSION;
  algorithm: typeof PERSONAL_DATA_ALGORITHM;
  /** The data subject (a recipient, a neighbour) whose key encrypts this. */
  subjectId: string;
  /** Which of the subject's keys: lets a key store rotate keys without re-encrypting history. */
  keyId: string;
  /** 12 random bytes, base64; never reused under one key. */
  iv: string;
  ciphertext: string;
  /** The 16-byte GCM authentication tag, base64: any change to iv, ciphertext or header fails it. */
  authTag: string;
}
