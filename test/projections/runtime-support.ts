import { ProjectionDefinition, ProjectionRuntime, ProjectionStore, RuntimeTuning } from '@handoff/projections';
import type { Db, Document } from 'mongodb';
import { ReadSide, snapshot, waitUntil } from './support/read-side.fixture';

/** Short waits so tests run in seconds; production defaults are in DEFAULT_TUNING. */
export const FAST: Partial<RuntimeTuning> = { retryInitialMs: 50, retryMaxMs: 400, skipPollMs: 50, leaseTtlMs: 1_500, superviseEveryMs: 100 };

/** A runtime as the projector runs it: subscriptions on a subscription thread. */
export function runtimeOn(side: ReadSide, projections: ProjectionDefinition<any>[], options: { db?: Db; tuning?: Partial<RuntimeTuning>; owner?: string } = {}): ProjectionRuntime {
  return new ProjectionRuntime({
    db: options.db ?? side.db,
    client: side.client,
    upcasters: side.upcasters,
    projections,
    tuning: { ...FAST, ...options.tuning },
    owner: options.owner,
    subscriptionThread: { connectionString: side.eventStore.connectionString },
  });
}

/** Waits until the active generation of `name` has a checkpoint at or beyond `position` (wire form compare via key). */
export async function waitForCheckpoint(db: Db, name: string, position: { commit: bigint; prepare: bigint }, timeoutMs = 30_000): Promise<void> {
  const store = new ProjectionStore(db);
  const { positionKey } = await import('@handoff/projections');
  const key = positionKey(position);
  await waitUntil(
    `${name} to reach ${position.commit}`,
    async () => {
      const registry = await store.findRegistry(name);
      const track = registry ? await store.findTrack(name, registry.active.generation) : null;
      return !!track && track.checkpointKey >= key;
    },
    timeoutMs,
  );
}

/** The active generation's documents, by logical collection name. */
export async function activeSnapshot(db: Db, name: string): Promise<Record<string, Document[]>> {
  const registry = await new ProjectionStore(db).findRegistry(name);
  return snapshot(db, registry!.active.collections);
}
