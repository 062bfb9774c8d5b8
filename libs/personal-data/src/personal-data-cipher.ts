import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PERSONAL_DATA_ALGORITHM, PERSONAL_DATA_ENVELOPE_VERSION, type PersonalDataEnvelope } from '@handoff/kernel';

/** One data subject's key: 32 bytes of AES-256 key material, never stored beside the events. */
export interface SubjectKey {
  subjectId: string;
  keyId: string;
  material: Uint8Array;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The envelope could not be opened: altered in storage, or opened with a key that is not its own. */
export class PersonalDataUnreadableError extends Error {
  readonly code = 'PERSONAL_DATA.UNREADABLE';

  constructor(
    readonly subjectId: string,
    detail: string,
  ) {
    super(`personal data of subject ${subjectId} cannot be read: ${detail}`);
    this.name = 'PersonalDataUnreadableError';
  }
}

/**
 * AES-256-GCM over the JSON of `data`. The envelope header (version, algorithm, subject, key id)
 * is authenticated as additional data, so an envelope relabelled to another subject or key fails
 * to open instead of decrypting under the wrong identity.
 * `iv` is for fixed test vectors only: a reused IV under one key breaks GCM.
 */
export function encryptPersonalData(data: object, key: SubjectKey, options: { iv?: Uint8Array } = {}): PersonalDataEnvelope {
  assertKeyMaterial(key);
  const iv = options.iv ?? randomBytes(IV_BYTES);
  if (iv.length !== IV_BYTES) throw new RangeError(`a GCM IV must be ${IV_BYTES} bytes`);
  const header = headerOf(key.subjectId, key.keyId);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return {
    ...header,
    iv: Buffer.from(iv).toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
}

export function decryptPersonalData<T = unknown>(envelope: PersonalDataEnvelope, key: SubjectKey): T {
  assertKeyMaterial(key);
  const unreadable = (detail: string) => new PersonalDataUnreadableError(envelope.subjectId, detail);
  if (envelope.version !== PERSONAL_DATA_ENVELOPE_VERSION || envelope.algorithm !== PERSONAL_DATA_ALGORITHM) {
    throw unreadable(`unknown envelope ${String(envelope.algorithm)} v${String(envelope.version)}`);
  }
  if (envelope.subjectId !== key.subjectId || envelope.keyId !== key.keyId) throw unreadable(`it was not sealed with key ${key.keyId}`);
  const iv = Buffer.from(envelope.iv, 'base64');
  const authTag = Buffer.from(envelope.authTag, 'base64');
  // GCM would accept a truncated tag (easier to forge); insist on the full 16 bytes.
  if (iv.length !== IV_BYTES || authTag.length !== TAG_BYTES) throw unreadable('malformed IV or authentication tag');
  const decipher = createDecipheriv('aes-256-gcm', key.material, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(headerOf(envelope.subjectId, envelope.keyId)));
  decipher.setAuthTag(authTag);
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw unreadable('authentication failed (altered, or the wrong key)');
  }
  return JSON.parse(plaintext) as T;
}

export function generateSubjectKeyMaterial(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

const headerOf = (subjectId: string, keyId: string): Pick<PersonalDataEnvelope, 'version' | 'algorithm' | 'subjectId' | 'keyId'> => ({
  version: PERSONAL_DATA_ENVELOPE_VERSION,
  algorithm: PERSONAL_DATA_ALGORITHM,
  subjectId,
  keyId,
});

/** Fixed field order, so the authenticated bytes do not depend on how an envelope was parsed. */
const additionalData = (header: ReturnType<typeof headerOf>) => Buffer.from(JSON.stringify([header.version, header.algorithm, header.subjectId, header.keyId]), 'utf8');

function assertKeyMaterial(key: SubjectKey): void {
  if (key.material.length !== KEY_BYTES) throw new RangeError(`an AES-256 key is ${KEY_BYTES} bytes, got ${key.material.length}`);
}
