import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EVENTSTORE_CLIENT, IntegrityAlarm } from '@handoff/eventstore';
import { PROJECTIONS_OPTIONS, ProjectionsModuleOptions, READ_MODEL_DB } from '@handoff/projections';
import { HANDOFF_CONFIG, HandoffConfig } from '@handoff/shared';
import type { Db } from 'mongodb';
import { BackgroundVerifier } from './background-verifier';

/**
 * Runs the background hash-chain verifier in the projector (one process at a time, by lease). Its
 * findings reach MongoDB through the IntegrityFindingsRecorder (projector.module.ts).
 */
@Injectable()
export class IntegrityVerifierHost implements OnApplicationBootstrap, OnModuleDestroy {
  private verifier?: BackgroundVerifier;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Db,
    @Inject(EVENTSTORE_CLIENT) private readonly client: EventStoreDBClient,
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
    @Inject(HANDOFF_CONFIG) private readonly config: HandoffConfig,
    private readonly alarm: IntegrityAlarm,
  ) {}

  onApplicationBootstrap(): void {
    this.verifier = new BackgroundVerifier({
      db: this.db,
      client: this.client,
      alarm: this.alarm,
      owner: this.options.owner ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      fullPassIntervalMs: this.config.integrityFullPassIntervalMinutes * 60_000,
    });
    this.verifier.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.verifier?.stop();
  }
}
