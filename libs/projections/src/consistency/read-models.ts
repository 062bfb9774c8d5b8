import type { Collection, Db, Document } from 'mongodb';
import { ProjectionStore } from '../store/projection-store';

export class UnknownReadModelError extends Error {
  readonly code = 'PROJECTIONS.UNKNOWN_READ_MODEL';

  constructor(projection: string, collection: string) {
    super(`projection "${projection}" has no active collection "${collection}" (not registered yet, or not declared)`);
    this.name = 'UnknownReadModelError';
  }
}

/**
 * How query handlers reach a read model: by projection and logical collection name, resolved on
 * every call through the registry, so a rebuild's switch-over takes effect for the next query.
 */
export class ReadModels {
  private readonly store: ProjectionStore;

  constructor(private readonly db: Db) {
    this.store = new ProjectionStore(db);
  }

  async collection<T extends Document = Document>(projection: string, logical: string): Promise<Collection<T>> {
    const registry = await this.store.findRegistry(projection);
    const physical = registry?.active.collections[logical];
    if (!physical) throw new UnknownReadModelError(projection, logical);
    return this.db.collection<T>(physical);
  }
}
