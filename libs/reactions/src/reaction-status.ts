/**
 * Status of every reaction, from what its runners record in MongoDB and from `$all`: served beside
 * the projections' at `GET /projections` and summarised in `/health` (ADR 0017).
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import { LeaseStore, type LeaseView, positionFromKey, tailAfter } from '@handoff/projections';
import type { Db } from 'mongodb';
import { type ReactionDefinition, reactedEventTypes, reactionId } from './reaction-definition';
import { type ReactionError, type ReactionProgress, ReactionStore } from './reaction-store';

const LAG_COUNT_LIMIT = 1_000;

export type ReactionState = 'running' | 'stopped-on-error' | 'not-running';

/** The recorded progress (counts since the reaction first ran; replays after a restart count again), and what it means now. */
export interface ReactionStatus extends Omit<ReactionProgress, 'checkpointKey'> {
  name: string;
  version: number;
  state: ReactionState;
  /** Events of its types it has not acted on yet: 0 events and 0 seconds once caught up. */
  lag: { events: number; eventsAtLeast: boolean; seconds: number };
  error: ReactionError | null;
  lease: LeaseView | null;
  skipped: number;
  updatedAt: Date | null;
}

export class ReactionStatusReader {
  private readonly store: ReactionStore;
  private readonly leases: LeaseStore;

  constructor(
    db: Db,
    private readonly client: EventStoreDBClient,
    private readonly reactions: ReactionDefinition<any>[],
  ) {
    this.store = new ReactionStore(db);
    this.leases = new LeaseStore(db);
  }

  all(): Promise<ReactionStatus[]> {
    return Promise.all(this.reactions.map((definition) => this.one(definition)));
  }

  private async one(definition: ReactionDefinition<any>): Promise<ReactionStatus> {
    const id = reactionId(definition);
    const [record, lease, skipped] = await Promise.all([
      this.store.records.findOne({ _id: id }),
      this.leases.view(id),
      this.store.skips.countDocuments({ reaction: definition.name, version: definition.version }),
    ]);
    const tail = await tailAfter(this.client, record ? positionFromKey(record.checkpointKey) : undefined, new Set(reactedEventTypes(definition)), LAG_COUNT_LIMIT);
    const stopped = record?.error?.kind === 'command' || record?.error?.kind === 'integrity';
    return {
      name: definition.name,
      version: definition.version,
      state: stopped ? 'stopped-on-error' : lease?.held ? 'running' : 'not-running',
      checkpoint: record?.checkpoint ?? null,
      caughtUp: record?.caughtUp ?? false,
      events: record?.events ?? 0,
      commands: record?.commands ?? 0,
      refused: record?.refused ?? 0,
      repeated: record?.repeated ?? 0,
      eventsPerSecond: record?.eventsPerSecond ?? 0,
      lag: { events: tail.count, eventsAtLeast: !tail.complete, seconds: tail.oldestCreated ? Math.max(0, (Date.now() - tail.oldestCreated.getTime()) / 1000) : 0 },
      error: record?.error ?? null,
      lease,
      skipped,
      updatedAt: record?.updatedAt ?? null,
    };
  }
}
