/**
 * Folded aggregate states kept between commands, so a command does not re-read every stream it
 * consults (a handoff consults the parcel, the receiver and the collective: four reads of growing
 * streams per command before this cache).
 *
 * Correctness does not rest on the cache being fresh for the stream a command writes: the append
 * expects the cached revision exactly, so a stale entry makes it fail, the entry is dropped and the
 * command is decided again on a fresh read. For streams a command only consults (a participant's
 * standing, a collective's policy), freshness comes from the change feed (stream-change-feed.ts):
 * every event appended to `$all`, by any process, evicts the entry of its stream if newer. Entries
 * are only served while the feed is live; while it is down the cache is empty and unused.
 *
 * The feed may watch only some categories (`watchedCategories`): the ones commands consult. An
 * entry of another category is then served only to a command writing that stream (`'write'`),
 * where the expected revision checks it, never to a consulting read (`'consult'`), which reads
 * the stream fresh. A category nobody listed is thus safe, only slower to consult.
 *
 * Races are closed by revision: the feed remembers the newest revision it saw per stream, and an
 * entry older than that is never stored (a read that finished after the feed saw a newer event, or
 * our own append's feed event arriving before we record its result).
 */
import { BoundedMap } from '@handoff/shared/collections/bounded-map';
import type { StreamRevision } from '../store/concurrency-conflict.error';

export interface CachedAggregate<State> {
  /** What folded the stream: an entry folded by another decider is not this one's state. */
  folder: object;
  state: State;
  revision: StreamRevision;
  headHash: string | null;
  /** The idempotency keys the stream's events carry (ADR 0017); absent when none do. */
  idempotencyKeys?: Set<string>;
}

export const DEFAULT_CACHED_STREAMS = 50_000;

/** Why a state is wanted: to write its stream (checked by the append), or only to consult it. */
export type CachePurpose = 'write' | 'consult';

export interface AggregateCacheOptions {
  capacity?: number;
  /** Categories the change feed follows (all when absent); only their entries serve consulting reads. */
  watchedCategories?: readonly string[];
}

export class AggregateCache {
  private readonly entries: BoundedMap<string, CachedAggregate<unknown>>;
  /** Newest revision the feed saw per stream; bounded at twice the entries, far more streams than are written during one read. */
  private readonly seen: BoundedMap<string, bigint>;
  private live = false;
  /** Bumped whenever the feed stops or starts: a read begun in an older epoch is not stored. */
  private epochCounter = 0;
  hits = 0;
  misses = 0;

  /** Stream-name prefixes (`participant-`) of the watched categories; undefined: every stream. */
  readonly watchedPrefixes?: readonly string[];

  constructor(options: AggregateCacheOptions = {}) {
    const capacity = options.capacity ?? DEFAULT_CACHED_STREAMS;
    this.entries = new BoundedMap(capacity);
    this.seen = new BoundedMap(capacity * 2);
    this.watchedPrefixes = options.watchedCategories?.map((category) => `${category}-`);
  }

  /** Whether the feed sees appends to this stream, so its entry may serve a consulting read. */
  watches(streamName: string): boolean {
    return !this.watchedPrefixes || this.watchedPrefixes.some((prefix) => streamName.startsWith(prefix));
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Marks the start of a read whose result may be stored with `store`. */
  epoch(): number {
    return this.epochCounter;
  }

  get<State>(streamName: string, folder: object, purpose: CachePurpose): CachedAggregate<State> | undefined {
    if (!this.live) return undefined;
    if (purpose === 'consult' && !this.watches(streamName)) return undefined;
    const entry = this.entries.get(streamName);
    if (entry && entry.folder === folder) {
      this.hits++;
      return entry as CachedAggregate<State>;
    }
    this.misses++;
    return undefined;
  }

  /** Keeps a state read or written at `entry.revision`, unless the feed stopped since `epoch` or saw a newer event of the stream. */
  store<State>(streamName: string, entry: CachedAggregate<State>, epoch: number): void {
    if (!this.live || epoch !== this.epochCounter) return;
    const newest = this.seen.get(streamName);
    if (newest !== undefined && (typeof entry.revision !== 'bigint' || newest > entry.revision)) return;
    this.entries.set(streamName, entry);
  }

  forget(streamName: string): void {
    this.entries.delete(streamName);
  }

  // ---- fed by the change feed -----------------------------------------------------------------

  /** An event at `revision` was appended to `streamName` (by anyone). */
  observed(streamName: string, revision: bigint): void {
    const newest = this.seen.get(streamName);
    if (newest === undefined || revision > newest) this.seen.set(streamName, revision);
    const entry = this.entries.get(streamName);
    if (entry && (typeof entry.revision !== 'bigint' || entry.revision < revision)) this.entries.delete(streamName);
  }

  /** The feed is confirmed from here on: entries may be stored and served. */
  feedStarted(): void {
    this.reset();
    this.live = true;
  }

  /** The feed stopped: nothing cached can be trusted any more. */
  feedStopped(): void {
    this.live = false;
    this.reset();
  }

  private reset(): void {
    this.epochCounter++;
    this.entries.clear();
    this.seen.clear();
  }
}
