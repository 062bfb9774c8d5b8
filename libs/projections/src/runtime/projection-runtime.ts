import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { UpcasterRegistry } from '@handoff/eventstore';
import type { Db } from 'mongodb';
import type { ProjectionDefinition } from '../definition/projection-definition';
import { LeaseStore } from '../store/lease-store';
import { ProjectionStore } from '../store/projection-store';
import { EventFeed, InThreadFeed } from './event-feed/event-feed';
import { SubscriptionThread } from './event-feed/subscription-thread';
import { ProjectionRunner } from './projection-runner';
import { DEFAULT_TUNING, RuntimeTuning } from './tuning';

export interface ProjectionRuntimeOptions {
  db: Db;
  client: EventStoreDBClient;
  upcasters: UpcasterRegistry;
  projections: ProjectionDefinition<any>[];
  tuning?: Partial<RuntimeTuning>;
  /** Identifies this process in leases and status; unique by default. */
  owner?: string;
  /**
   * The event store's connection string: when given, tracks read their subscriptions on a thread
   * of their own with a client of their own (event-feed/subscription-thread.ts); otherwise with
   * `client`, on this thread.
   */
  subscriptionThread?: { connectionString: string };
}

/** Every projection of a projector process, each run under its own lease. */
export class ProjectionRuntime {
  readonly owner: string;
  readonly runners: ProjectionRunner[];
  private readonly definitions: ProjectionDefinition<any>[];
  private readonly store: ProjectionStore;
  private readonly feed: EventFeed;

  constructor(options: ProjectionRuntimeOptions) {
    assertDistinctCollections(options.projections);
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const tuning = { ...DEFAULT_TUNING, ...options.tuning };
    const store = new ProjectionStore(options.db);
    this.store = store;
    this.definitions = options.projections;
    const leases = new LeaseStore(options.db);
    const feed = options.subscriptionThread ? new SubscriptionThread(options.subscriptionThread.connectionString) : new InThreadFeed(options.client);
    this.feed = feed;
    this.runners = options.projections.map((definition) => new ProjectionRunner({ definition, store, leases, db: options.db, feed, upcasters: options.upcasters, owner: this.owner, tuning }));
  }

  /**
   * Registers every projection's first generation if nobody has yet (idempotent, no lease needed),
   * so readers find their collections as soon as this resolves instead of after the first lease.
   */
  async register(): Promise<void> {
    await Promise.all(this.definitions.map((definition) => this.store.ensureRegistered(definition)));
  }

  start(): void {
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.feed.close();
  }

  /** Stops working without releasing leases (tests use it to play a process that died). */
  async abandon(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.abandon()));
    await this.feed.close();
  }
}

/** Physical names are `<logical>__v<version>_<generation>`: two projections must not share a logical name. */
function assertDistinctCollections(projections: ProjectionDefinition<any>[]): void {
  const names = new Set<string>();
  const owners = new Map<string, string>();
  for (const projection of projections) {
    if (names.has(projection.name)) throw new Error(`projection "${projection.name}" is registered twice`);
    names.add(projection.name);
    for (const collection of Object.keys(projection.collections)) {
      const owner = owners.get(collection);
      if (owner) throw new Error(`collection "${collection}" is declared by both "${owner}" and "${projection.name}"`);
      owners.set(collection, projection.name);
    }
  }
}
