import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyEncryptionKey } from './key-encryption-keys';

const IV_BYTES = 12;
const KEY_BYTES = 32;
const TAG_BYTES = 16;
export const WRAPPED_KEY_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES;

/** What identifies a wrapped subject key: authenticated, so a wrapped key moved to another subject or relabelled fails to unwrap. */
export interface WrappedKeyLabel {
  subjectId: string;
  keyId: string;
  kekId: string;
}

/** A subject key could not be unwrapped: its record was altered, or its KEK is not the one named. */
export class SubjectKeyUnwrapError extends Error {
  readonly code = 'PERSONAL_DATA.KEY_UNWRAP_FAILED';
  constructor(label: WrappedKeyLabel) {
    super(`the key ${label.keyId} of subject ${label.subjectId} does not unwrap under KEK ${label.kekId}`);
    this.name = 'SubjectKeyUnwrapError';
  }
}

/** AES-256-GCM of the 32-byte subject key under the KEK: iv | wrapped key | tag, 60 bytes. */
export function wrapSubjectKey(material: Uint8Array, kek: KeyEncryptionKey, label: Omit<WrappedKeyLabel, 'kekId'>): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek.material, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData({ ...label, kekId: kek.id }));
  return Buffer.concat([iv, cipher.update(material), cipher.final(), cipher.getAuthTag()]);
}

export function unwrapSubjectKey(wrapped: Uint8Array, kek: KeyEncryptionKey, label: WrappedKeyLabel): Uint8Array {
  if (wrapped.length !== WRAPPED_KEY_BYTES || kek.id !== label.kekId) throw new SubjectKeyUnwrapError(label);
  const bytes = Buffer.from(wrapped);
  const decipher = createDecipheriv('aes-256-gcm', kek.material, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(label));
  decipher.setAuthTag(bytes.subarray(IV_BYTES + KEY_BYTES));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + KEY_BYTES)), decipher.final()]));
  } catch {
    throw new SubjectKeyUnwrapError(label);
  }
}

const additionalData = (label: WrappedKeyLabel) => Buffer.from(JSON.stringify(['handoff-subject-key', 1, label.subjectId, label.keyId, label.kekId]), 'utf8');
