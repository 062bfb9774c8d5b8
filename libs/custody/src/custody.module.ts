import { Module, Provider, Type } from '@nestjs/common';
import { HttpCommands } from '@handoff/commands';
import { CLOCK, type Clock, HANDOFF_CONFIG, type HandoffConfig } from '@handoff/shared';
import { CustodyCommandsModule } from './custody-commands.module';
import { READ_MODEL_DB } from '@handoff/projections';
import { ApiKeyStore } from '@handoff/shared/auth';
import { IdempotentRequests } from '@handoff/shared/http';
import type { Db } from 'mongodb';
import { ChangeParticipantHttpController } from './commands/change-participant/change-participant.http.controller';
import { DeclineHandoffHandler } from './commands/decline-handoff/decline-handoff.handler';
import { DeclineHandoffHttpController } from './commands/decline-handoff/decline-handoff.http.controller';
import { DeliverParcelHandler } from './commands/deliver-parcel/deliver-parcel.handler';
import { DeliverParcelHttpController } from './commands/deliver-parcel/deliver-parcel.http.controller';
import { ErasePersonalDataHandler } from './commands/erase-personal-data/erase-personal-data.handler';
import { ErasePersonalDataHttpController } from './commands/erase-personal-data/erase-personal-data.http.controller';
import { IssueApiKeyHandler } from './commands/issue-api-key/issue-api-key.handler';
import { IssueApiKeyHttpController } from './commands/issue-api-key/issue-api-key.http.controller';
import { ListApiKeysHttpController } from './commands/list-api-keys/list-api-keys.http.controller';
import { RevokeApiKeyHandler } from './commands/revoke-api-key/revoke-api-key.handler';
import { RevokeApiKeyHttpController } from './commands/revoke-api-key/revoke-api-key.http.controller';
import { RotateApiKeyHandler } from './commands/rotate-api-key/rotate-api-key.handler';
import { RotateApiKeyHttpController } from './commands/rotate-api-key/rotate-api-key.http.controller';
import { AcceptHandoffHandler } from './commands/accept-handoff/accept-handoff.handler';
import { AcceptHandoffHttpController } from './commands/accept-handoff/accept-handoff.http.controller';
import { OfferHandoffHandler } from './commands/offer-handoff/offer-handoff.handler';
import { OfferHandoffHttpController } from './commands/offer-handoff/offer-handoff.http.controller';
import { HubCycleHttpController } from './commands/open-hub-cycle/open-hub-cycle.http.controller';
import { ReceiveParcelAtHubHttpController } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.http.controller';
import { RecordFailedDeliveryHandler } from './commands/record-failed-delivery/record-failed-delivery.handler';
import { RecordFailedDeliveryHttpController } from './commands/record-failed-delivery/record-failed-delivery.http.controller';
import { RegisterParcelHandler } from './commands/register-parcel/register-parcel.handler';
import { RegisterParcelHttpController } from './commands/register-parcel/register-parcel.http.controller';
import { ManageParticipantHandler } from './commands/register-participant/register-participant.handler';
import { RegisterParticipantHttpController } from './commands/register-participant/register-participant.http.controller';
import { ReportParcelIncidentHandler } from './commands/report-parcel-incident/report-parcel-incident.handler';
import { ReportParcelIncidentHttpController } from './commands/report-parcel-incident/report-parcel-incident.http.controller';
import { ReturnParcelToDepotHandler } from './commands/return-parcel-to-depot/return-parcel-to-depot.handler';
import { ReturnParcelToDepotHttpController } from './commands/return-parcel-to-depot/return-parcel-to-depot.http.controller';
import { ReturnParcelToSenderHandler } from './commands/return-parcel-to-sender/return-parcel-to-sender.handler';
import { ReturnParcelToSenderHttpController } from './commands/return-parcel-to-sender/return-parcel-to-sender.http.controller';
import { CommandGateway } from './commands/shared/command-gateway';
import { SortParcelHandler } from './commands/sort-parcel/sort-parcel.handler';
import { SortParcelHttpController } from './commands/sort-parcel/sort-parcel.http.controller';
import { WithdrawHandoffHandler } from './commands/withdraw-handoff/withdraw-handoff.handler';
import { WithdrawHandoffHttpController } from './commands/withdraw-handoff/withdraw-handoff.http.controller';
import { FileKeyring } from './personal-data/file-keyring';
import { KEY_ENCRYPTION_KEYS, type KeyEncryptionKeys } from './personal-data/key-encryption-keys';
import { KeyCustody } from './personal-data/key-custody';
import { KeyRotation } from './personal-data/key-rotation';
import { MongoSubjectKeyStore } from './personal-data/mongo-subject-key-store';
import { PersonalDataVault } from './personal-data/personal-data-vault';
import { SUBJECT_KEY_STORE, type SubjectKeyStore } from './personal-data/subject-key-store';
import { custodyQueryControllers, custodyQueryProviders } from './read-models/http/custody-queries.providers';

const commandControllers: Type[] = [
  RegisterParticipantHttpController,
  ChangeParticipantHttpController,
  IssueApiKeyHttpController,
  RevokeApiKeyHttpController,
  RotateApiKeyHttpController,
  ListApiKeysHttpController,
  RegisterParcelHttpController,
  ReceiveParcelAtHubHttpController,
  SortParcelHttpController,
  OfferHandoffHttpController,
  AcceptHandoffHttpController,
  DeclineHandoffHttpController,
  WithdrawHandoffHttpController,
  RecordFailedDeliveryHttpController,
  DeliverParcelHttpController,
  ReturnParcelToDepotHttpController,
  ReturnParcelToSenderHttpController,
  ReportParcelIncidentHttpController,
  HubCycleHttpController,
  ErasePersonalDataHttpController,
];

const commandHandlers: Provider[] = [
  ManageParticipantHandler,
  IssueApiKeyHandler,
  RevokeApiKeyHandler,
  RotateApiKeyHandler,
  RegisterParcelHandler,
  SortParcelHandler,
  OfferHandoffHandler,
  AcceptHandoffHandler,
  DeclineHandoffHandler,
  WithdrawHandoffHandler,
  RecordFailedDeliveryHandler,
  DeliverParcelHandler,
  ReturnParcelToDepotHandler,
  ReturnParcelToSenderHandler,
  ReportParcelIncidentHandler,
  ErasePersonalDataHandler,
];

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
  // The process's one key store: the guard (ApiModule) and key management share its cache, so a revocation evicts it at once.
  { provide: ApiKeyStore, inject: [READ_MODEL_DB, CLOCK, HANDOFF_CONFIG], useFactory: apiKeyStore },
  // Idempotency records sit beside the API keys, in the read-model database.
  { provide: IdempotentRequests, inject: [READ_MODEL_DB], useFactory: (db: Db) => new IdempotentRequests(db) },
  CommandGateway,
  HttpCommands,
];

/**
 * The custody context's write side over HTTP: command endpoints, their handlers (load, decide,
 * append) and the ports they need. Needs the root module's SharedModule, EventStoreModule,
 * ProjectionsModule (the MongoDB database, with `custodyProjections` among its projections) and
 * CqrsModule. Its dispatcher, edge, upcasters and schema-version check come from
 * CustodyCommandsModule, which the projector imports alone. The read side's query endpoints (read-models/http) are served from here too.
 */
@Module({
  imports: [CustodyCommandsModule],
  controllers: [...commandControllers, ...custodyQueryControllers],
  providers: [...commandHandlers, ...ports, ...custodyQueryProviders],
  exports: [PersonalDataVault, SUBJECT_KEY_STORE, CustodyCommandsModule, ApiKeyStore],
})
export class CustodyModule {}

function apiKeyStore(db: Db, clock: Clock, config: HandoffConfig): ApiKeyStore {
  const maxLifetimeMs = config.apiKeyMaxLifetimeDays === undefined ? undefined : config.apiKeyMaxLifetimeDays * 86_400_000;
  return new ApiKeyStore(db, { now: () => clock.now().getTime(), cacheTtlMs: config.apiKeyCacheTtlSeconds * 1000, maxLifetimeMs });
}
