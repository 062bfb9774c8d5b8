import { DomainError, type PersonalDataEnvelope } from '@handoff/kernel';
import { decryptPersonalData, encryptPersonalData } from './personal-data-cipher';
import { isShredded, type ShreddedSubject, type SubjectKeyStore } from './subject-key-store';
import type { RecipientPersonalData } from './recipient-personal-data';

/** What a reader gets: the data, or an explicit erased marker that read models and APIs show as such. */
export type OpenedPersonalData<T> = { erased: false; subjectId: string; data: T } | { erased: true; subjectId: string; shreddedAt: string };

/** Sealing for a subject who asked to be forgotten: the caller must not record new data about them. */
export class SubjectErasedError extends DomainError<'PERSONAL_DATA.SUBJECT_ERASED'> {
  constructor(readonly subject: ShreddedSubject) {
    super('PERSONAL_DATA.SUBJECT_ERASED', 'conflict', `The personal data of ${subject.subjectId} was erased at ${subject.shreddedAt}; nothing new can be recorded for them.`, {
      subjectId: subject.subjectId,
      shreddedAt: subject.shreddedAt,
    });
    this.name = 'SubjectErasedError';
  }
}

/** An envelope whose subject never had a key here: the key store and the events disagree. */
export class SubjectKeyMissingError extends Error {
  readonly code = 'PERSONAL_DATA.KEY_MISSING';

  constructor(readonly subjectId: string) {
    super(`no key was ever stored for subject ${subjectId}`);
    this.name = 'SubjectKeyMissingError';
  }
}

/**
 * Encrypts personal data on write and decrypts on read with the subject's own key. Erasure
 * destroys the key (crypto-shredding): events keep their ciphertext and hashes, and every read
 * from then on answers `{ erased: true }`.
 */
export class PersonalDataVault {
  constructor(private readonly keys: SubjectKeyStore) {}

  async seal<T extends object = RecipientPersonalData>(subjectId: string, data: T): Promise<PersonalDataEnvelope> {
    const key = await this.keys.getOrCreateKey(subjectId);
    if (isShredded(key)) throw new SubjectErasedError(key);
    return encryptPersonalData(data, key);
  }

  async open<T = RecipientPersonalData>(envelope: PersonalDataEnvelope): Promise<OpenedPersonalData<T>> {
    const key = await this.keys.getKey(envelope.subjectId);
    if (key === null) throw new SubjectKeyMissingError(envelope.subjectId);
    if (isShredded(key)) return { erased: true, subjectId: key.subjectId, shreddedAt: key.shreddedAt };
    return { erased: false, subjectId: envelope.subjectId, data: decryptPersonalData<T>(envelope, key) };
  }

  async erase(subjectId: string): Promise<ShreddedSubject> {
    return this.keys.destroyKey(subjectId);
  }
}
