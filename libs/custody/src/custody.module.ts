import { Module, OnModuleInit, Provider, Type } from '@nestjs/common';
import { AggregateRepository, UpcasterRegistry } from '@handoff/eventstore';
import { CommandDispatcher, HttpCommands } from '@handoff/commands';
import { assertSchemaVersions } from '@handoff/kernel';
import { custodyEventSchemaVersions } from './custody-schema-versions';
import { CLOCK, type Clock, HANDOFF_CONFIG, type HandoffConfig, Metrics } from '@handoff/shared';
import { READ_MODEL_DB } from '@handoff/projections';
import { ApiKeyStore } from '@handoff/shared/auth';
import { IdempotentRequests } from '@handoff/shared/http';
import type { Db } from 'mongodb';
import { ChangeParticipantHttpController } from './commands/change-participant/change-participant.http.controller';
import { ErasePersonalDataHandler } from './commands/erase-personal-data/erase-personal-data.handler';
import { ErasePersonalDataHttpController } from './commands/erase-personal-data/erase-personal-data.http.controller';
import { IssueApiKeyHandler } from './commands/issue-api-key/issue-api-key.handler';
import { IssueApiKeyHttpController } from './commands/issue-api-key/issue-api-key.http.controller';
import { ListApiKeysHttpController } from './commands/list-api-keys/list-api-keys.http.controller';
import { RevokeApiKeyHandler } from './commands/revoke-api-key/revoke-api-key.handler';
import { RevokeApiKeyHttpController } from './commands/revoke-api-key/revoke-api-key.http.controller';
import { RotateApiKeyHandler } from './commands/rotate-api-key/rotate-api-key.handler';
import { RotateApiKeyHttpController } from './commands/rotate-api-key/rotate-api-key.http.controller';
import { hubCycleHandlings } from './commands/open-hub-cycle/hub-cycle.handlings';
import { handoffHandlings } from './commands/parcel/handoff.handlings';
import { HandoffHttpController } from './commands/parcel/handoff.http.controller';
import { parcelHandlings } from './commands/parcel/parcel.handlings';
import { ParcelHttpController } from './commands/parcel/parcel.http.controller';
import { ParcelPersonalData } from './commands/parcel/parcel-personal-data';
import { HubCycleHttpController } from './commands/open-hub-cycle/open-hub-cycle.http.controller';
import { ReceiveParcelAtHubHandler } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.handler';
import { ReceiveParcelAtHubHttpController } from './commands/receive-parcel-at-hub/receive-parcel-at-hub.http.controller';
import { ManageParticipantHandler } from './commands/register-participant/register-participant.handler';
import { RegisterParticipantHttpController } from './commands/register-participant/register-participant.http.controller';
import { CommandGateway } from './commands/shared/command-gateway';
import { CustodyEdge } from './commands/shared/custody-edge';
import { NoRecordedWaivers } from './commands/shared/no-recorded-waivers';
import { WAIVER_COVERAGE, type WaiverCoveragePort } from './domain/parcel/waiver-coverage.port';
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
  ParcelHttpController,
  HandoffHttpController,
  ReceiveParcelAtHubHttpController,
  HubCycleHttpController,
  ErasePersonalDataHttpController,
];

const commandHandlers: Provider[] = [ManageParticipantHandler, IssueApiKeyHandler, RevokeApiKeyHandler, RotateApiKeyHandler, ReceiveParcelAtHubHandler, ErasePersonalDataHandler];

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
  { provide: WAIVER_COVERAGE, useClass: NoRecordedWaivers },
  // The process's one key store: the guard (ApiModule) and key management share its cache, so a revocation evicts it at once.
  { provide: ApiKeyStore, inject: [READ_MODEL_DB, CLOCK, HANDOFF_CONFIG], useFactory: apiKeyStore },
  // Idempotency records sit beside the API keys, in the read-model database.
  { provide: IdempotentRequests, inject: [READ_MODEL_DB], useFactory: (db: Db) => new IdempotentRequests(db) },
  CommandGateway,
  CustodyEdge,
  ParcelPersonalData,
  // The one dispatcher (ADR 0016), with the commands already moved onto it; the rest still go through CommandGateway's handlers.
  {
    provide: CommandDispatcher,
    inject: [AggregateRepository, Metrics, CustodyEdge, WAIVER_COVERAGE],
    useFactory: (repository: AggregateRepository, metrics: Metrics, edge: CustodyEdge, waivers: WaiverCoveragePort) =>
      new CommandDispatcher(repository, metrics).register(...parcelHandlings(edge), ...handoffHandlings(edge, waivers), ...hubCycleHandlings(edge)),
  },
  HttpCommands,
];

/**
 * The custody context's write side over HTTP: command endpoints, their handlers (load, decide,
 * append) and the ports they need. Needs the root module's SharedModule, EventStoreModule,
 * ProjectionsModule (the MongoDB database, with `custodyProjections` among its projections) and
 * CqrsModule. The read side's query endpoints (read-models/http) are served from here too.
 */
@Module({
  controllers: [...commandControllers, ...custodyQueryControllers],
  providers: [...commandHandlers, ...ports, ...custodyQueryProviders],
  exports: [PersonalDataVault, SUBJECT_KEY_STORE, WAIVER_COVERAGE, CustodyEdge, ApiKeyStore],
})
export class CustodyModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, custodyEventSchemaVersions);
  }
}

function apiKeyStore(db: Db, clock: Clock, config: HandoffConfig): ApiKeyStore {
  const maxLifetimeMs = config.apiKeyMaxLifetimeDays === undefined ? undefined : config.apiKeyMaxLifetimeDays * 86_400_000;
  return new ApiKeyStore(db, { now: () => clock.now().getTime(), cacheTtlMs: config.apiKeyCacheTtlSeconds * 1000, maxLifetimeMs });
}
