import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EVENTSTORE_CLIENT } from '@handoff/eventstore';
import { Db, MongoClient } from 'mongodb';
import type { ProjectionDefinition } from '../definition/projection-definition';
import { ReadModels } from '../consistency/read-models';
import { ReadYourWrites } from '../consistency/read-your-writes';
import { DEFAULT_REGISTRY_CACHE_MS, RegistryCache } from '../consistency/registry-cache';
import type { RuntimeTuning } from '../runtime/tuning';
import { ProjectionStatusReader } from '../status/projection-status';
import { ProjectionStore } from '../store/projection-store';
import { ReadYourWritesGuard } from './read-your-writes.http';
import { PROJECTION_DEFINITIONS, PROJECTIONS_OPTIONS, READ_MODEL_DB, READ_MODEL_MONGO_CLIENT } from './tokens';

export interface ProjectionsModuleOptions {
  mongodbUri: string;
  /** Defaults to the URI's database, else `handoff`. */
  databaseName?: string;
  projections: ProjectionDefinition<any>[];
  /** How long a query waits for projections to reach a command's position (default 5 s). */
  readYourWritesTimeoutMs?: number;
  tuning?: Partial<RuntimeTuning>;
  /** How long readers remember which collections a projection's readers use (default 1 s; 0: never). */
  registryCacheMs?: number;
  /** Lease owner of this process's projector; unique by default. (The all-in-one's projector thread keeps one across restarts.) */
  owner?: string;
  /** The projector's event store connection string: its subscriptions are read on a thread of their own (event-feed/subscription-thread.ts). */
  subscriptionThread?: { connectionString: string };
}

@Injectable()
class MongoClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL_MONGO_CLIENT) private readonly client: MongoClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

/**
 * The read side of a process, imported once by its root module after EventStoreModule: one
 * MongoClient, the projection catalogue, ReadModels for query handlers, ReadYourWrites and the
 * guard behind @ReadsProjections, and projection status. The projector runs the projections
 * themselves (apps/projector).
 */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: PROJECTIONS_OPTIONS, useValue: options },
      { provide: PROJECTION_DEFINITIONS, useValue: options.projections },
      // The driver connects lazily: a process starts while MongoDB is down and /health says so.
      { provide: READ_MODEL_MONGO_CLIENT, useFactory: () => new MongoClient(options.mongodbUri, { serverSelectionTimeoutMS: 5_000 }) },
      { provide: READ_MODEL_DB, inject: [READ_MODEL_MONGO_CLIENT], useFactory: (client: MongoClient) => client.db(databaseName(options)) },
      { provide: ProjectionStore, inject: [READ_MODEL_DB], useFactory: (db: Db) => new ProjectionStore(db) },
      {
        provide: RegistryCache,
        inject: [ProjectionStore],
        useFactory: (store: ProjectionStore) => new RegistryCache(store, options.registryCacheMs ?? DEFAULT_REGISTRY_CACHE_MS),
      },
      { provide: ReadModels, inject: [READ_MODEL_DB, RegistryCache], useFactory: (db: Db, registry: RegistryCache) => new ReadModels(db, registry) },
      {
        provide: ReadYourWrites,
        inject: [READ_MODEL_DB, EVENTSTORE_CLIENT, RegistryCache],
        useFactory: (db: Db, client: EventStoreDBClient, registry: RegistryCache) => new ReadYourWrites(db, client, options.projections, options.readYourWritesTimeoutMs, registry),
      },
      {
        provide: ProjectionStatusReader,
        inject: [READ_MODEL_DB, EVENTSTORE_CLIENT],
        useFactory: (db: Db, client: EventStoreDBClient) => new ProjectionStatusReader(db, client, options.projections),
      },
      ReadYourWritesGuard,
      MongoClientLifecycle,
    ];
    return { module: ProjectionsModule, providers, exports: providers };
  }
}

export function databaseName(options: Pick<ProjectionsModuleOptions, 'mongodbUri' | 'databaseName'>): string {
  if (options.databaseName) return options.databaseName;
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(options.mongodbUri)?.[1];
  return path ? decodeURIComponent(path) : 'handoff';
}
