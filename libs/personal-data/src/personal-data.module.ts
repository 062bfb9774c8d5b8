import { Module, OnModuleInit, Provider } from '@nestjs/common';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { READ_MODEL_DB } from '@handoff/projections';
import { CLOCK, type Clock, HANDOFF_CONFIG, type HandoffConfig } from '@handoff/shared';
import type { Db } from 'mongodb';
import { ErasePersonalDataHttpController } from './commands/erase-personal-data/erase-personal-data.http.controller';
import { PersonalDataErasure } from './commands/erase-personal-data/personal-data-erasure';
import { dataSubjectEventSchemaVersions } from './domain/data-subject-erasure.decider';
import { FileKeyring } from './file-keyring';
import { KEY_ENCRYPTION_KEYS, type KeyEncryptionKeys } from './key-encryption-keys';
import { KeyCustody } from './key-custody';
import { KeyRotation } from './key-rotation';
import { MongoSubjectKeyStore } from './mongo-subject-key-store';
import { PersonalDataVault } from './personal-data-vault';
import { SUBJECT_KEY_STORE, type SubjectKeyStore } from './subject-key-store';

const ports: Provider[] = [
  // Subject keys live in their own collection of the read-model database, never beside the events,
  // wrapped under key-encryption keys kept outside it and rotated after erasures (ADR 0011).
  { provide: KEY_ENCRYPTION_KEYS, inject: [HANDOFF_CONFIG, CLOCK], useFactory: (config: HandoffConfig, clock: Clock) => new FileKeyring(config.keyringDir, () => clock.nowIso()) },
  {
    provide: SUBJECT_KEY_STORE,
    inject: [READ_MODEL_DB, KEY_ENCRYPTION_KEYS, CLOCK],
    useFactory: (db: Db, keks: KeyEncryptionKeys, clock: Clock) => new MongoSubjectKeyStore(db, keks, () => clock.nowIso()),
  },
  {
    provide: KeyCustody,
    inject: [READ_MODEL_DB, SUBJECT_KEY_STORE, KEY_ENCRYPTION_KEYS, CLOCK, HANDOFF_CONFIG],
    useFactory: (db: Db, store: MongoSubjectKeyStore, keks: KeyEncryptionKeys, clock: Clock, config: HandoffConfig) => new KeyCustody(new KeyRotation(db, store, keks, () => clock.nowIso()), config),
  },
  { provide: PersonalDataVault, inject: [SUBJECT_KEY_STORE], useFactory: (keys: SubjectKeyStore) => new PersonalDataVault(keys) },
];

/**
 * The personal-data context: the vault that seals a person's details under their own subject key,
 * the key stores and key-encryption keys, the rotation that keeps the erasure bound (KeyCustody),
 * and erasure by crypto-shredding (ADR 0011, 0022). Other contexts seal and open through
 * PersonalDataVault; none holds a key. Needs the root module's SharedModule, EventStoreModule,
 * ProjectionsModule and the composition's CommandsModule (idempotency records).
 */
@Module({
  controllers: [ErasePersonalDataHttpController],
  providers: [...ports, PersonalDataErasure],
  exports: [PersonalDataVault, SUBJECT_KEY_STORE, KEY_ENCRYPTION_KEYS, KeyCustody],
})
export class PersonalDataModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, dataSubjectEventSchemaVersions);
  }
}
