/**
 * Status of every projection, from what its projector processes record in MongoDB and from the
 * head of `$all`. Served at `GET /projections` and summarised in `/health`.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { Db } from 'mongodb';
import { formatPosition, positionFromKey } from '../definition/position';
import { handledEventTypes, ProjectionDefinition } from '../definition/projection-definition';
import { headOfAll, tailAfter } from '../consistency/all-log';
import { LeaseStore, type LeaseView } from '../store/lease-store';
import { ProjectionStore } from '../store/projection-store';
import { leaseId, TrackError, TrackRecord } from '../store/records';

/** Lag is counted exactly up to this many events; beyond it the count says "at least". */
const LAG_COUNT_LIMIT = 1_000;

export type ProjectionState = 'running' | 'rebuilding' | 'stopped-on-error' | 'not-running';

export interface GenerationStatus {
  version: number;
  generation: number;
  collections: Record<string, string>;
  checkpoint: string | null;
  caughtUp: boolean;
  eventsApplied: number;
  eventsPerSecond: number;
  lag: { events: number; eventsAtLeast: boolean; seconds: number };
  error: TrackError | null;
  updatedAt: Date | null;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  state: ProjectionState;
  head: string | null;
  /** The generation readers use. */
  active: GenerationStatus | null;
  /** A generation being rebuilt, if any. */
  rebuild: GenerationStatus | null;
  lease: LeaseView | null;
  skipped: number;
}

export class ProjectionStatusReader {
  private readonly store: ProjectionStore;
  private readonly leases: LeaseStore;

  constructor(
    db: Db,
    private readonly client: EventStoreDBClient,
    private readonly projections: ProjectionDefinition<any>[],
  ) {
    this.store = new ProjectionStore(db);
    this.leases = new LeaseStore(db);
  }

  async all(): Promise<ProjectionStatus[]> {
    const head = await headOfAll(this.client);
    return Promise.all(this.projections.map((definition) => this.one(definition, head?.position)));
  }

  private async one(definition: ProjectionDefinition<any>, head: { commit: bigint; prepare: bigint } | undefined): Promise<ProjectionStatus> {
    const registry = await this.store.findRegistry(definition.name);
    const lease = await this.leases.view(leaseId(definition.name, definition.version));
    const held = lease?.held === true;
    const types = new Set(handledEventTypes(definition));
    const active = registry ? await this.generation(definition.name, registry.active, types) : null;
    const rebuild = registry?.pending ? await this.generation(definition.name, registry.pending, types) : null;
    const skipped = await this.store.skips.countDocuments({ projection: definition.name });
    let state: ProjectionState = 'running';
    if (stoppedOnEvent(active?.error) || stoppedOnEvent(rebuild?.error)) state = 'stopped-on-error';
    else if (!held) state = 'not-running';
    else if (rebuild) state = 'rebuilding';
    return {
      name: definition.name,
      version: definition.version,
      state,
      head: head ? formatPosition(head) : null,
      active,
      rebuild,
      lease,
      skipped,
    };
  }

  /** Lag is counted in events of the projection's own types: 0 events and 0 seconds once it has applied them all. */
  private async generation(name: string, generation: { version: number; generation: number; collections: Record<string, string> }, types: Set<string>): Promise<GenerationStatus> {
    const track: TrackRecord | null = await this.store.findTrack(name, generation.generation);
    const checkpoint = track ? positionFromKey(track.checkpointKey) : undefined;
    const tail = await tailAfter(this.client, checkpoint, types, LAG_COUNT_LIMIT);
    return {
      version: generation.version,
      generation: generation.generation,
      collections: generation.collections,
      checkpoint: track?.checkpoint ?? null,
      caughtUp: track?.caughtUp ?? false,
      eventsApplied: track?.eventsApplied ?? 0,
      eventsPerSecond: track?.eventsPerSecond ?? 0,
      lag: {
        events: tail.count,
        eventsAtLeast: !tail.complete,
        seconds: tail.oldestCreated ? Math.max(0, (Date.now() - tail.oldestCreated.getTime()) / 1000) : 0,
      },
      error: track?.error ?? null,
      updatedAt: track?.updatedAt ?? null,
    };
  }
}

/** A poison event (a throwing handler, or an event whose hash does not verify) stops a projection. */
const stoppedOnEvent = (error: { kind: string } | null | undefined): boolean => error?.kind === 'handler' || error?.kind === 'integrity';
