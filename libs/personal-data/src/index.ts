/**
 * The personal-data context's only door (ADR 0021, 0022): a person's name, address and phone are
 * never in clear in an event; they are sealed under the person's own subject key, and destroying
 * that key erases them everywhere at once. Custody seals and opens through PersonalDataVault.
 */
import type { Type } from '@nestjs/common';
import type { ContextDefinition, DomainErrorKind } from '@handoff/kernel';
import type { ProjectionDefinition } from '@handoff/projections';
import type { ReactionDefinition } from '@handoff/reactions';
import { dataSubjectEventSchemaVersions } from './domain/data-subject-erasure.decider';
import { PersonalDataModule } from './personal-data.module';

export { InMemorySubjectKeyStore } from './in-memory-subject-key-store';
export { MongoSubjectKeyStore, SUBJECT_KEYS_COLLECTION } from './mongo-subject-key-store';
export { FileKeyring } from './file-keyring';
export { KEY_ENCRYPTION_KEYS, type KeyEncryptionKey, type KeyEncryptionKeys } from './key-encryption-keys';
export { KeyCustody } from './key-custody';
export { KeyRotation, type RotationOutcome } from './key-rotation';
export { PersonalDataUnreadableError, decryptPersonalData, encryptPersonalData, generateSubjectKeyMaterial } from './personal-data-cipher';
export type { SubjectKey } from './personal-data-cipher';
export { PersonalDataVault, SubjectErasedError, SubjectKeyMissingError } from './personal-data-vault';
export type { OpenedPersonalData } from './personal-data-vault';
export type { RecipientPersonalData } from './recipient-personal-data';
export { sealPerson } from './seal-person';
export { SUBJECT_KEY_STORE, isShredded } from './subject-key-store';
export type { ShreddedSubject, SubjectKeyStore } from './subject-key-store';
export { dataSubjectDecider, dataSubjectEventSchemaVersions } from './domain/data-subject-erasure.decider';
export type { PersonalDataErased } from './domain/data-subject-erasure.decider';
export { dataSubjectStream } from './commands/erase-personal-data/personal-data-erasure';
export { PersonalDataModule };

/** Every refusal code of this context and how to answer it. */
export const personalDataErrorKinds: Readonly<Record<string, DomainErrorKind>> = {
  'PERSONAL_DATA.SUBJECT_ERASED': 'conflict',
};

/** What the composition (libs/catalog) runs of this context. */
export const personalDataContext: ContextDefinition<Type, ProjectionDefinition<any>, ReactionDefinition<any>> = {
  name: 'personal-data',
  module: PersonalDataModule,
  projections: [],
  reactions: [],
  upcasters: [],
  schemaVersions: dataSubjectEventSchemaVersions,
  errorKinds: personalDataErrorKinds,
  consultedCategories: [],
};
