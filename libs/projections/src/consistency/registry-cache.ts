/**
 * Which physical collections readers use, per projection, remembered for a short while: resolving
 * them was one MongoDB round trip on every query (two for a query joining two projections).
 *
 * Why a remembered entry stays safe to read for `ttlMs` after a rebuild's switch-over:
 *   - a switched-out generation stays readable for RETIRE_GRACE_MS (10 s), far longer;
 *   - read-your-writes resolves the generation it waits on through this same cache, so a query
 *     carrying a position reads the generation whose checkpoint it saw pass that position (an
 *     entry naming a stopped generation just makes the wait last until the entry expires).
 * A query without a position may therefore read the previous generation for up to `ttlMs` after
 * a switch: it asked for no freshness, and that data was current a moment before.
 */
import type { RegistryRecord } from '../store/records';
import type { ProjectionStore } from '../store/projection-store';

/** Long enough to spare most queries the round trip, far below RETIRE_GRACE_MS. */
export const DEFAULT_REGISTRY_CACHE_MS = 1_000;

export class RegistryCache {
  private readonly entries = new Map<string, { record: RegistryRecord; until: number }>();
  /** Reads in flight, shared by the queries that asked at the same time. */
  private readonly reading = new Map<string, Promise<RegistryRecord | null>>();

  constructor(
    private readonly store: ProjectionStore,
    readonly ttlMs = DEFAULT_REGISTRY_CACHE_MS,
  ) {}

  async find(name: string): Promise<RegistryRecord | null> {
    return (await this.findMany([name])).get(name) ?? null;
  }

  /** Entries by name; a name no projector has registered yet is missing (and asked again next time). */
  async findMany(names: string[]): Promise<Map<string, RegistryRecord>> {
    const now = Date.now();
    const found = new Map<string, RegistryRecord>();
    const missing: string[] = [];
    const waiting: Promise<void>[] = [];
    for (const name of names) {
      const entry = this.entries.get(name);
      if (entry && entry.until > now) found.set(name, entry.record);
      else {
        const inFlight = this.reading.get(name);
        if (inFlight) waiting.push(inFlight.then((record) => void (record && found.set(name, record))));
        else missing.push(name);
      }
    }
    if (missing.length > 0) waiting.push(this.read(missing).then((records) => records.forEach((record, name) => found.set(name, record))));
    await Promise.all(waiting);
    return found;
  }

  private read(names: string[]): Promise<Map<string, RegistryRecord>> {
    const read = this.store.findRegistries(names).then((records) => {
      const until = Date.now() + this.ttlMs;
      if (this.ttlMs > 0) for (const [name, record] of records) this.entries.set(name, { record, until });
      return records;
    });
    const settled = read.finally(() => names.forEach((name) => this.reading.delete(name)));
    for (const name of names)
      this.reading.set(
        name,
        settled.then((records) => records.get(name) ?? null),
      );
    return settled;
  }
}
