import type { Collection, Db } from 'mongodb';
import type { ProjectionDefinition } from '../definition/projection-definition';
import { START_KEY } from '../definition/position';
import { isDuplicateKeyError } from './mongo-errors';
import { Generation, physicalName, REGISTRY, RegistryRecord, SKIPS, SkipRecord, TRACKS, TrackError, TrackRecord, trackId } from './records';

export interface TrackProgress {
  /** Events whose changes this write covers. */
  applied: number;
  eventsPerSecond: number;
  caughtUp: boolean;
  owner: string;
}

/** How long a switched-out generation stays readable for queries that resolved it just before the switch. */
export const RETIRE_GRACE_MS = 10_000;

export class ProjectionStore {
  readonly registry: Collection<RegistryRecord>;
  readonly tracks: Collection<TrackRecord>;
  readonly skips: Collection<SkipRecord>;

  constructor(readonly db: Db) {
    this.registry = db.collection<RegistryRecord>(REGISTRY);
    this.tracks = db.collection<TrackRecord>(TRACKS);
    this.skips = db.collection<SkipRecord>(SKIPS);
  }

  // ---- registry --------------------------------------------------------------------------

  async findRegistry(name: string): Promise<RegistryRecord | null> {
    return this.registry.findOne({ _id: name });
  }

  /** Several registry entries in one read, by name (absent names are missing from the map). */
  async findRegistries(names: string[]): Promise<Map<string, RegistryRecord>> {
    const records = await this.registry.find({ _id: { $in: names } }).toArray();
    return new Map(records.map((record) => [record._id, record]));
  }

  /** The registry entry, created with generation 1 of this version as the active one on first sight. */
  async ensureRegistered(definition: ProjectionDefinition<any>): Promise<RegistryRecord> {
    const existing = await this.findRegistry(definition.name);
    if (existing) return existing;
    const record: RegistryRecord = { _id: definition.name, active: generationOf(definition, 1), pending: null, nextGeneration: 2, retired: [] };
    try {
      await this.registry.insertOne(record);
      return record;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.findRegistry(definition.name))!;
    }
  }

  /**
   * Asks for a fresh generation of `definition.version`, built from the start of `$all`. A pending
   * build of that version is kept (asking twice is one rebuild); one of another version is replaced.
   */
  async requestRebuild(definition: ProjectionDefinition<any>, reason: 'rebuild' | 'version', requestedBy: string): Promise<Generation> {
    for (;;) {
      const current = await this.ensureRegistered(definition);
      if (current.pending?.version === definition.version) return current.pending;
      const pending = { ...generationOf(definition, current.nextGeneration), reason, requestedBy };
      const replaced = current.pending;
      const result = await this.registry.updateOne(
        { _id: definition.name, nextGeneration: current.nextGeneration },
        {
          $set: { pending },
          $inc: { nextGeneration: 1 },
          ...(replaced ? { $push: { retired: { ...replaced, dropAfter: new Date() } } } : {}),
        },
      );
      if (result.matchedCount === 1) return pending;
    }
  }

  /** Makes the pending generation the active one, in one document update; the old one is retired. */
  async switchToPending(name: string, generation: number): Promise<boolean> {
    const current = await this.findRegistry(name);
    if (!current?.pending || current.pending.generation !== generation) return false;
    const { reason: _reason, requestedBy: _by, ...next } = current.pending;
    const result = await this.registry.updateOne(
      { _id: name, 'pending.generation': generation, 'active.generation': current.active.generation },
      {
        $set: { active: next, pending: null, switchedAt: new Date() },
        $push: { retired: { ...current.active, dropAfter: new Date(Date.now() + RETIRE_GRACE_MS) } },
      },
    );
    return result.matchedCount === 1;
  }

  /** Drops the collections of retired generations whose grace period is over. */
  async dropRetired(name: string): Promise<number> {
    const current = await this.findRegistry(name);
    const due = (current?.retired ?? []).filter((retired) => retired.dropAfter.getTime() <= Date.now());
    for (const retired of due) {
      for (const physical of Object.values(retired.collections)) await this.db.collection(physical).drop().catch(ignoreMissing);
      await this.tracks.deleteOne({ _id: trackId(name, retired.generation) });
      await this.registry.updateOne({ _id: name }, { $pull: { retired: { generation: retired.generation } } });
    }
    return due.length;
  }

  // ---- tracks ----------------------------------------------------------------------------

  async ensureTrack(name: string, generation: Generation): Promise<TrackRecord> {
    const id = trackId(name, generation.generation);
    const fresh: Omit<TrackRecord, '_id'> = {
      projection: name,
      version: generation.version,
      generation: generation.generation,
      checkpointKey: START_KEY,
      checkpoint: null,
      eventsApplied: 0,
      eventsPerSecond: 0,
      caughtUp: false,
      error: null,
      skipRequest: null,
      owner: null,
      updatedAt: new Date(),
    };
    await this.tracks.updateOne({ _id: id }, { $setOnInsert: fresh }, { upsert: true }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
    return (await this.tracks.findOne({ _id: id }))!;
  }

  async findTrack(name: string, generation: number): Promise<TrackRecord | null> {
    return this.tracks.findOne({ _id: trackId(name, generation) });
  }

  /**
   * Moves the checkpoint forward only (a late or duplicate writer can never move it back) and
   * records progress. A checkpoint written means every change before it is written.
   */
  async saveCheckpoint(id: string, checkpoint: { key: string; wire: string } | undefined, progress: TrackProgress): Promise<void> {
    const now = new Date();
    const base = { eventsPerSecond: progress.eventsPerSecond, caughtUp: progress.caughtUp, owner: progress.owner, updatedAt: now, error: null };
    if (checkpoint) {
      const moved = await this.tracks.updateOne(
        { _id: id, checkpointKey: { $lt: checkpoint.key } },
        { $set: { ...base, checkpointKey: checkpoint.key, checkpoint: checkpoint.wire }, $inc: { eventsApplied: progress.applied } },
      );
      if (moved.matchedCount === 1) return;
    }
    await this.tracks.updateOne({ _id: id }, { $set: base });
  }

  async recordError(id: string, error: TrackError): Promise<void> {
    await this.tracks.updateOne({ _id: id }, { $set: { error, updatedAt: new Date() } });
  }

  async clearError(id: string): Promise<void> {
    await this.tracks.updateOne({ _id: id }, { $set: { error: null, skipRequest: null, updatedAt: new Date() } });
  }

  /**
   * Asks the process running `name` to skip the event it is stopped on. Refused unless a track of
   * that projection is stopped on exactly this event, so a stale or mistyped id skips nothing.
   */
  async requestSkip(name: string, eventId: string, requestedBy: string): Promise<TrackRecord | null> {
    return this.tracks.findOneAndUpdate(
      { projection: name, 'error.kind': { $in: ['handler', 'integrity'] }, 'error.eventId': eventId },
      { $set: { skipRequest: { eventId, requestedBy, requestedAt: new Date() } } },
      { returnDocument: 'after' },
    );
  }

  async recordSkip(skip: SkipRecord, trackKey: string): Promise<void> {
    await this.skips.insertOne(skip);
    await this.clearError(trackKey);
  }
}

export function generationOf(definition: ProjectionDefinition<any>, generation: number): Generation {
  const collections: Record<string, string> = {};
  for (const logical of Object.keys(definition.collections)) collections[logical] = physicalName(logical, definition.version, generation);
  return { version: definition.version, generation, collections, createdAt: new Date() };
}

const ignoreMissing = (error: unknown) => {
  if ((error as { codeName?: string }).codeName !== 'NamespaceNotFound') throw error;
};
