import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
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

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Db,
    @Inject(EVENTSTORE_CLIENT) private readonly client: EventStoreDBClient,
    private readonly upcasters: UpcasterRegistry,
    @Inject(PROJECTION_DEFINITIONS) private readonly projections: ProjectionDefinition<any>[],
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.runtime = new ProjectionRuntime({ db: this.db, client: this.client, upcasters: this.upcasters, projections: this.projections, tuning: this.options.tuning });
    this.runtime.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runtime?.stop();
  }
}
