import { Injectable, Module, OnModuleInit, Provider, Type } from '@nestjs/common';
import { CommandDispatcher } from '@handoff/commands';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';
import { READ_MODEL_DB } from '@handoff/projections';
import { CLOCK, type Clock, HANDOFF_CONFIG, type HandoffConfig } from '@handoff/shared';
import { ApiKeyStore } from '@handoff/shared/auth';
import type { Db } from 'mongodb';
import { ChangeParticipantHttpController } from './commands/change-participant/change-participant.http.controller';
import { ApiKeyIssuance } from './commands/issue-api-key/api-key-issuance';
import { IssueApiKeyHttpController } from './commands/issue-api-key/issue-api-key.http.controller';
import { ListApiKeysHttpController } from './commands/list-api-keys/list-api-keys.http.controller';
import { participantHandlings } from './commands/participant.handlings';
import { RegisterParticipantHttpController } from './commands/register-participant/register-participant.http.controller';
import { ApiKeyRevocation } from './commands/revoke-api-key/api-key-revocation';
import { RevokeApiKeyHttpController } from './commands/revoke-api-key/revoke-api-key.http.controller';
import { ApiKeyRotation } from './commands/rotate-api-key/api-key-rotation';
import { RotateApiKeyHttpController } from './commands/rotate-api-key/rotate-api-key.http.controller';
import { participantEventSchemaVersions } from './domain/participant/participant.events';
import { ParticipantDirectory } from './participant-directory';

const controllers: Type[] = [
  RegisterParticipantHttpController,
  ChangeParticipantHttpController,
  IssueApiKeyHttpController,
  RevokeApiKeyHttpController,
  RotateApiKeyHttpController,
  ListApiKeysHttpController,
];

/** Participant commands go on the process's one dispatcher (ADR 0016) when the module starts. */
@Injectable()
class ParticipantCommands implements OnModuleInit {
  constructor(private readonly dispatcher: CommandDispatcher) {}

  onModuleInit(): void {
    this.dispatcher.register(...participantHandlings());
  }
}

/** API keys are not event-sourced: the key store is their record, and each endpoint calls one of these. */
const apiKeys: Provider[] = [
  // The process's one key store: the guard (ApiModule) and key management share its cache, so a revocation evicts it at once.
  { provide: ApiKeyStore, inject: [READ_MODEL_DB, CLOCK, HANDOFF_CONFIG], useFactory: apiKeyStore },
  ApiKeyIssuance,
  ApiKeyRevocation,
  ApiKeyRotation,
];

/**
 * The participants context's write side without HTTP: its handlings on the one dispatcher, the
 * directory that answers custody's PARTY_DIRECTORY (bound by the composition), and its schema
 * check. The projector imports it alone (through the catalogue); ParticipantsModule serves it over
 * HTTP. Needs SharedModule and EventStoreModule from the root and the composition's CommandsModule.
 */
@Module({ providers: [ParticipantDirectory, ParticipantCommands], exports: [ParticipantDirectory] })
export class ParticipantsCommandsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  /** A forgotten upcaster stops the process here, instead of stamping new events with a version their readers do not expect. */
  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, participantEventSchemaVersions);
  }
}

/**
 * The participants context: the network's retailers, collectives, hubs, couriers and coordinators
 * (registered, changed, suspended by admins, on the dispatcher), and the API keys that let them
 * act. Exports the one ApiKeyStore (for the API's guard) and ParticipantDirectory, which the
 * composition binds to custody's PARTY_DIRECTORY port. Needs the root module's SharedModule,
 * EventStoreModule, ProjectionsModule and the composition's CommandsModule.
 */
@Module({
  imports: [ParticipantsCommandsModule],
  controllers,
  providers: apiKeys,
  exports: [ParticipantsCommandsModule, ApiKeyStore],
})
export class ParticipantsModule {}

function apiKeyStore(db: Db, clock: Clock, config: HandoffConfig): ApiKeyStore {
  const maxLifetimeMs = config.apiKeyMaxLifetimeDays === undefined ? undefined : config.apiKeyMaxLifetimeDays * 86_400_000;
  return new ApiKeyStore(db, { now: () => clock.now().getTime(), cacheTtlMs: config.apiKeyCacheTtlSeconds * 1000, maxLifetimeMs });
}
