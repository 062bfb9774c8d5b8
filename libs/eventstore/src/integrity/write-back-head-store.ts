import type { HeadStore, StoredHead } from './chain-audit';

/**
 * Heads kept in memory in front of a persistent HeadStore, written back only on `flush()`. The
 * incremental verifier flushes, then saves its checkpoint, every few seconds: under load a page of
 * `$all` touches most active streams, and writing every stream's head once per page cost the read
 * store about one write per verified event (custody bench: read store CPU per command ×3). A crash
 * between flushes loses heads and checkpoint together, so verification resumes from the last
 * checkpoint with the heads that match it. The cache is dropped after a flush once it holds more
 * than `maxCached` streams, bounding memory on a log with many streams.
 */
export class WriteBackHeadStore implements HeadStore {
  private readonly cached = new Map<string, StoredHead>();
  private readonly dirty = new Map<string, StoredHead>();

  constructor(
    private readonly persistent: HeadStore,
    private readonly maxCached = 100_000,
  ) {}

  async load(streams: string[]): Promise<Map<string, StoredHead>> {
    const found = new Map<string, StoredHead>();
    const missing: string[] = [];
    for (const stream of streams) {
      const head = this.cached.get(stream);
      if (head) found.set(stream, head);
      else missing.push(stream);
    }
    for (const [stream, head] of await this.persistent.load(missing)) {
      this.cached.set(stream, head);
      found.set(stream, head);
    }
    return found;
  }

  async save(heads: Map<string, StoredHead>): Promise<void> {
    for (const [stream, head] of heads) {
      this.cached.set(stream, head);
      this.dirty.set(stream, head);
    }
  }

  /** Streams whose head changed since the last flush. */
  get pending(): number {
    return this.dirty.size;
  }

  async flush(): Promise<void> {
    if (this.dirty.size > 0) await this.persistent.save(new Map(this.dirty));
    this.dirty.clear();
    if (this.cached.size > this.maxCached) this.cached.clear();
  }

  /** After a failed flush or a lost lease: what is in memory may be ahead of MongoDB. */
  forget(): void {
    this.cached.clear();
    this.dirty.clear();
  }
}
