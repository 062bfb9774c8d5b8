import { Global, Module } from '@nestjs/common';
import { READ_MODEL_DB } from '@handoff/projections';
import { IdempotentRequests } from '@handoff/shared/http';
import type { Db } from 'mongodb';
import { CommandDispatcher } from './command-dispatcher';
import { HttpCommands } from './http-commands';

/**
 * The process's one dispatcher (ADR 0016), its HTTP edge, and the one store of idempotency records:
 * every context registers its handlings on the same dispatcher when its module starts, and every
 * endpoint that honours Idempotency-Key shares the records. Imported once, by the composition
 * (libs/catalog); needs EventStoreModule, ProjectionsModule and SharedModule from the root module.
 */
@Global()
@Module({
  providers: [
    // Idempotency records sit beside the API keys, in the read-model database.
    { provide: IdempotentRequests, inject: [READ_MODEL_DB], useFactory: (db: Db) => new IdempotentRequests(db) },
    CommandDispatcher,
    HttpCommands,
  ],
  exports: [IdempotentRequests, CommandDispatcher, HttpCommands],
})
export class CommandsModule {}
