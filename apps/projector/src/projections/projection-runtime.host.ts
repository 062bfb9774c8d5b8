import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EVENTSTORE_CLIENT, UpcasterRegistry } from '@handoff/eventstore';
import { PROJECTION_DEFINITIONS, PROJECTIONS_OPTIONS, ProjectionDefinition, ProjectionRuntime, ProjectionsModuleOptions, READ_MODEL_DB } from '@handoff/projections';
import type { Db } from 'mongodb';

/**
 * Runs every registered projection in this process, each under its lease. Stopped when modules
 * are destroyed, before the event store client and the MongoDB client close (application shutdown).
 */
@Injectable()
export class ProjectionRuntimeHost implements OnApplicationBootstrap, OnModuleDestroy {
  private runtime?: ProjectionRuntime;
  private readonly logger = new Logger('ProjectionRuntime');

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Db,
    @Inject(EVENTSTORE_CLIENT) private readonly client: EventStoreDBClient,
    private readonly upcasters: UpcasterRegistry,
    @Inject(PROJECTION_DEFINITIONS) private readonly projections: ProjectionDefinition<any>[],
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runtime = new ProjectionRuntime({
      db: this.db,
      client: this.client,
      upcasters: this.upcasters,
      projections: this.projections,
      tuning: this.options.tuning,
      owner: this.options.owner,
      subscriptionThread: this.options.subscriptionThread,
    });
    // Read models exist once the app has started (queries find them); with MongoDB down the
    // runners register them when it is back.
    await this.runtime
      .register()
      .catch((error: unknown) => this.logger.warn({ msg: 'projections not registered at start; the runners will', error: error instanceof Error ? error.message : String(error) }));
    this.runtime.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runtime?.stop();
  }
}
