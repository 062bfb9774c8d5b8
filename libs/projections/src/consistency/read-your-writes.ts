/**
 * Read-your-writes: a query that carries the `$all` position of a command's append waits, bounded,
 * until every projection it reads has passed that position. "Passed" means its checkpoint is at or
 * beyond the position, or no event it handles lies between its checkpoint and the position (a
 * projection never sees events of other types, so its checkpoint may lag behind them).
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { AllPosition } from '@handoff/eventstore';
import type { Db } from 'mongodb';
import { comparePositions, formatPosition, positionFromKey } from '../definition/position';
import { handledEventTypes, ProjectionDefinition } from '../definition/projection-definition';
import { ProjectionStore } from '../store/projection-store';
import { anyOfTypesBetween, tailAfter } from './all-log';
import { RegistryCache } from './registry-cache';

/** How many events past a checkpoint one poll reads to see whether any concerns the projection. */
const SCAN_LIMIT = 500;

export interface ProjectionLag {
  projection: string;
  checkpoint: string | null;
  /** Events in `$all` after the checkpoint (at least, when `eventsAtLeast`). */
  lagEvents: number;
  eventsAtLeast: boolean;
  lagSeconds: number;
}

export class ProjectionLagError extends Error {
  readonly code = 'PROJECTIONS.LAGGING';

  constructor(
    readonly position: string,
    readonly waitedMs: number,
    readonly lagging: ProjectionLag[],
  ) {
    super(`read models have not reached position ${position} after ${waitedMs} ms: ${lagging.map((l) => `${l.projection} at ${l.checkpoint ?? 'start'}`).join(', ')}`);
    this.name = 'ProjectionLagError';
  }
}

export class UnknownProjectionError extends Error {
  readonly code = 'PROJECTIONS.UNKNOWN';

  constructor(name: string) {
    super(`no projection named "${name}" is registered`);
    this.name = 'UnknownProjectionError';
  }
}

export class ReadYourWrites {
  private readonly store: ProjectionStore;
  private readonly registry: RegistryCache;
  private readonly definitions = new Map<string, { types: Set<string> }>();

  /** `registry`: the cache ReadModels uses, so a query reads the generation whose checkpoint was waited on. */
  constructor(
    db: Db,
    private readonly client: EventStoreDBClient,
    projections: ProjectionDefinition<any>[],
    readonly defaultTimeoutMs = 5_000,
    registry?: RegistryCache,
  ) {
    this.store = new ProjectionStore(db);
    this.registry = registry ?? new RegistryCache(this.store, 0);
    for (const projection of projections) this.definitions.set(projection.name, { types: new Set(handledEventTypes(projection)) });
  }

  /** Resolves once every named projection has passed `position`; throws ProjectionLagError after `timeoutMs`. */
  async waitFor(position: AllPosition, projections: string[], timeoutMs = this.defaultTimeoutMs): Promise<void> {
    for (const name of projections) if (!this.definitions.has(name)) throw new UnknownProjectionError(name);
    const started = Date.now();
    let pending = projections;
    for (let poll = 0; ; poll++) {
      const passed = await Promise.all(pending.map((name) => this.hasPassed(name, position)));
      pending = pending.filter((_, index) => !passed[index]);
      if (pending.length === 0) return;
      const left = started + timeoutMs - Date.now();
      if (left <= 0) throw new ProjectionLagError(formatPosition(position), Date.now() - started, await Promise.all(pending.map((name) => this.lagOf(name))));
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 5 * 2 ** Math.min(poll, 4))));
    }
  }

  private async checkpointOf(name: string): Promise<{ position?: AllPosition; wire: string | null }> {
    const registry = await this.registry.find(name);
    const track = registry ? await this.store.findTrack(name, registry.active.generation) : null;
    return { position: track ? positionFromKey(track.checkpointKey) : undefined, wire: track?.checkpoint ?? null };
  }

  private async hasPassed(name: string, position: AllPosition): Promise<boolean> {
    const checkpoint = (await this.checkpointOf(name)).position;
    if (checkpoint && comparePositions(checkpoint, position) >= 0) return true;
    const relevant = await anyOfTypesBetween(this.client, this.definitions.get(name)!.types, checkpoint, position, SCAN_LIMIT);
    return relevant === false;
  }

  private async lagOf(name: string): Promise<ProjectionLag> {
    const checkpoint = await this.checkpointOf(name);
    const tail = await tailAfter(this.client, checkpoint.position, this.definitions.get(name)!.types, SCAN_LIMIT);
    return {
      projection: name,
      checkpoint: checkpoint.wire,
      lagEvents: tail.count,
      eventsAtLeast: !tail.complete,
      lagSeconds: tail.oldestCreated ? Math.max(0, (Date.now() - tail.oldestCreated.getTime()) / 1000) : 0,
    };
  }
}
