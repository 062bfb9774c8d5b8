import type { Provider } from '@nestjs/common';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EVENTSTORE_CLIENT } from '@handoff/eventstore';
import { READ_MODEL_DB } from '@handoff/projections';
import { type ReactionDefinition, ReactionStatusReader } from '@handoff/reactions';
import type { Db } from 'mongodb';

/** The status of `reactions`, read beside the projections' (GET /projections, /health, /metrics). */
export const reactionStatusProvider = (reactions: ReactionDefinition<any>[]): Provider => ({
  provide: ReactionStatusReader,
  inject: [READ_MODEL_DB, EVENTSTORE_CLIENT],
  useFactory: (db: Db, client: EventStoreDBClient) => new ReactionStatusReader(db, client, reactions),
});
