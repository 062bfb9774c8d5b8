import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { CommandDispatcher } from '@handoff/commands';
import { EVENTSTORE_CLIENT, UpcasterRegistry } from '@handoff/eventstore';
import { InThreadFeed, LeaseStore, PROJECTIONS_OPTIONS, type ProjectionsModuleOptions, READ_MODEL_DB } from '@handoff/projections';
import { DEFAULT_REACTION_TUNING, type ReactionDefinition, ReactionRunner, ReactionStore } from '@handoff/reactions';
import { CLOCK, type Clock } from '@handoff/shared';
import type { Db } from 'mongodb';

export const REACTION_DEFINITIONS = Symbol('REACTION_DEFINITIONS');

/**
 * Runs every catalogued reaction in this process, each under its lease from its checkpoint
 * (ADR 0017), issuing its commands through the process's dispatcher: the same handlings, the same
 * deciders as the api's. Stopped when modules are destroyed: each runner finishes the commands in
 * hand, saves its checkpoint and gives its lease up, before the clients close.
 */
@Injectable()
export class ReactionRuntimeHost implements OnApplicationBootstrap, OnModuleDestroy {
  private runners: ReactionRunner[] = [];
  private readonly logger = new Logger('ReactionRuntime');

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Db,
    @Inject(EVENTSTORE_CLIENT) private readonly client: EventStoreDBClient,
    private readonly upcasters: UpcasterRegistry,
    private readonly dispatcher: CommandDispatcher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REACTION_DEFINITIONS) private readonly reactions: ReactionDefinition<any>[],
    @Inject(PROJECTIONS_OPTIONS) private readonly options: ProjectionsModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    const store = new ReactionStore(this.db);
    const leases = new LeaseStore(this.db);
    const feed = new InThreadFeed(this.client);
    const owner = this.options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.runners = this.reactions.map(
      (definition) =>
        new ReactionRunner({
          definition,
          dispatch: (command) => this.dispatcher.dispatch(command),
          partitionOf: (command) => this.dispatcher.streamOf(command),
          store,
          leases,
          feed,
          upcasters: this.upcasters,
          clock: this.clock,
          owner,
          tuning: DEFAULT_REACTION_TUNING,
        }),
    );
    for (const runner of this.runners) runner.start();
    this.logger.log({ msg: 'reactions started', reactions: this.runners.map((runner) => runner.id), owner });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
