import type { Collection, Db, Document } from 'mongodb';
import { ProjectionStore } from '../store/projection-store';
import { RegistryCache } from './registry-cache';

export class UnknownReadModelError extends Error {
  readonly code = 'PROJECTIONS.UNKNOWN_READ_MODEL';

  constructor(projection: string, collection: string) {
    super(`projection "${projection}" has no active collection "${collection}" (not registered yet, or not declared)`);
    this.name = 'UnknownReadModelError';
  }
}

/**
 * How query handlers reach a read model: by projection and logical collection name, resolved
 * through the registry (remembered up to a second, registry-cache.ts), so a rebuild's switch-over
 * takes effect for queries within that second, and at once for queries carrying a position.
 */
export class ReadModels {
  private readonly registry: RegistryCache;
  /** Collection handles by physical name: the driver resolves options and inheritance each time one is made (per query, otherwise). */
  private readonly handles = new Map<string, Collection<Document>>();

  /** `registry`: share the process's cache with ReadYourWrites (ProjectionsModule does); default: not remembered. */
  constructor(
    private readonly db: Db,
    registry?: RegistryCache,
  ) {
    this.registry = registry ?? new RegistryCache(new ProjectionStore(db), 0);
  }

  async collection<T extends Document = Document>(projection: string, logical: string): Promise<Collection<T>> {
    const [collection] = await this.collections([[projection, logical]]);
    return collection as unknown as Collection<T>;
  }

  /**
   * The active collection and the version of the handlers that built it: after a version bump the
   * previous version serves until the new one has caught up, and a reader may need its shape.
   */
  async active<T extends Document = Document>(projection: string, logical: string): Promise<{ collection: Collection<T>; version: number }> {
    const active = (await this.registry.findMany([projection])).get(projection)?.active;
    const physical = active?.collections[logical];
    if (!active || !physical) throw new UnknownReadModelError(projection, logical);
    return { collection: this.handle(physical) as unknown as Collection<T>, version: active.version };
  }

  /** Read models of several projections, resolved together (a query joining them pays at most one registry read). */
  async collections(wanted: readonly (readonly [projection: string, logical: string])[]): Promise<Collection<Document>[]> {
    const registries = await this.registry.findMany([...new Set(wanted.map(([projection]) => projection))]);
    return wanted.map(([projection, logical]) => {
      const physical = registries.get(projection)?.active.collections[logical];
      if (!physical) throw new UnknownReadModelError(projection, logical);
      return this.handle(physical);
    });
  }

  /** One handle per physical collection: a handle holds only its name and options, so keeping it never serves stale data (a few generations per process). */
  private handle(physical: string): Collection<Document> {
    let collection = this.handles.get(physical);
    if (!collection) this.handles.set(physical, (collection = this.db.collection(physical)));
    return collection;
  }
}
