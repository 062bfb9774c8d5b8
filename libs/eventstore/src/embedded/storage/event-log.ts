/**
 * The embedded event store's storage: an append-only log on LMDB.
 *
 * Why LMDB: a copy-on-write B+tree with ACID transactions, crash-safe by design (a torn write can
 * never be observed; a reader sees a whole transaction or none of it), memory-mapped reads that
 * cost microseconds, and a well-kept Node binding (`lmdb`) that ships prebuilt binaries.
 *
 * Layout (one LMDB environment, four named databases):
 *   events     position -> event record          ($all, in write order; see event-record.ts)
 *   streamIdx  [stream, last revision of an append] -> [first position, count]
 *                                                 (stream reads; an append's events have consecutive
 *                                                 revisions and positions, so one entry maps them
 *                                                 all; the stream's last key is its head)
 *   streams    stream -> StreamFlags              (tombstone, read limits; written rarely)
 *   meta       'format' -> STORAGE_FORMAT         (refuses data dirs of another layout)
 * An append writes one `events` entry per event and one `streamIdx` entry. Retries with expected
 * revision `any` are recognised through a bounded in-memory map of recent event ids, as
 * EventStoreDB does.
 *
 * Writes are group-committed: every operation queued during one event-loop turn is decided and
 * written in ONE synchronous LMDB transaction, then acknowledged. Deciding inside the write
 * transaction serialises expected-revision checks, so two appends with the same expected revision
 * can never both win.
 *
 * Durability (see docs/adr/0002-embedded-eventstore-durability.md):
 *   'process' (default): a write is acknowledged once committed into the file through the OS page
 *       cache. It survives kill -9 of this process, not a power cut. A commit costs ~10 µs.
 *   'fsync': every group commit is flushed to the device before it is acknowledged (LMDB's
 *       crash-proof sync mode). It survives power loss; a commit costs ~0.5-3 ms on this disk.
 */
import { open, Database, RootDatabase } from 'lmdb';
import { randomUUID } from 'node:crypto';
import { BoundedMap } from '@handoff/shared/collections/bounded-map';
import { decodeEventRecord, encodeEventRecord, RecordedEvent } from './event-record';
import { ProposedEvent, SOFT_DELETED_TRUNCATE_BEFORE, SOFT_DELETE_TB_JSON, StoredEvent, StreamFlags, StreamHead, StreamReadLimits, TOMBSTONE_REVISION, WriteOperation, WriteOutcome } from './records';

export type Durability = 'process' | 'fsync';

export interface EventLogOptions {
  dataDir: string;
  durability?: Durability;
}

export type StreamReadResult =
  /**
   * `next`: the revision to read on from (one past the last covered, or before it backwards). From
   * the index, never from the records: a record altered in the file must not steer the cursor.
   */
  { status: 'ok'; events: RecordedEvent[]; next: number } | { status: 'not_found' } | { status: 'deleted' };

interface QueuedWrite {
  operation: WriteOperation;
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

const RECENT_EVENT_IDS = 100_000;
const CACHED_STREAM_HEADS = 100_000;
const METADATA_STREAM_PREFIX = '$$';
const METADATA_EVENT_TYPE = '$metadata';
const TOMBSTONE_EVENT_TYPE = '$streamDeleted';
const EMPTY = new Uint8Array(0);
/** Bumped whenever the on-disk layout changes; a data dir of another format is refused, not misread. */
const STORAGE_FORMAT = 2;

/** [first position, number of events] of one append, under [stream, its last revision]. */
type AppendRun = [number, number];

export class EventLog {
  private readonly root: RootDatabase;
  private readonly events: Database<Buffer, number>;
  private readonly streamIdx: Database<AppendRun, [string, number]>;
  private readonly streams: Database<StreamFlags, string>;
  private readonly recentEventIds = new BoundedMap<string, number>(RECENT_EVENT_IDS);
  /** Heads of recently used streams; every write goes through this process, so it cannot go stale. */
  private readonly heads = new BoundedMap<string, StreamHead>(CACHED_STREAM_HEADS);
  private readonly durability: Durability;
  private lastPosition: number;
  private queue: QueuedWrite[] = [];
  private flushScheduled = false;
  /** True from a commit until the event loop's next check phase (see scheduleFlush). */
  private committedThisTurn = false;
  private closed = false;
  private readonly commitListeners = new Set<() => void>();

  private constructor(options: EventLogOptions) {
    this.durability = options.durability ?? 'process';
    const processDurable = this.durability === 'process';
    // 'process': commits go into the shared memory map (writemap) without a device flush; LMDB's
    // copy-on-write pages and meta-page switch still make every transaction all-or-nothing.
    this.root = open({ path: options.dataDir, maxDbs: 8, noSync: processDurable, useWritemap: processDurable });
    this.events = this.root.openDB<Buffer, number>('events', { encoding: 'binary' });
    this.streamIdx = this.root.openDB<AppendRun, [string, number]>('streamIdx', { encoding: 'ordered-binary' });
    this.streams = this.root.openDB<StreamFlags, string>('streams', {});
    const [lastKey] = Array.from(this.events.getKeys({ reverse: true, limit: 1 }));
    this.lastPosition = typeof lastKey === 'number' ? lastKey : 0;
    this.checkFormat(options.dataDir);
  }

  private checkFormat(dataDir: string): void {
    const meta = this.root.openDB<number, string>('meta', {});
    const format = meta.get('format');
    if (format === STORAGE_FORMAT) return;
    if (format === undefined && this.lastPosition === 0) {
      meta.putSync('format', STORAGE_FORMAT);
      return;
    }
    throw new Error(`${dataDir} holds an event store of storage format ${format ?? 1}; this server reads format ${STORAGE_FORMAT}. ` + 'Move that data dir away (or delete it) and start again.');
  }

  static open(options: EventLogOptions): EventLog {
    return new EventLog(options);
  }

  /** Position of the last committed event; 0 when the log is empty. Positions start at 1. */
  get headPosition(): number {
    return this.lastPosition;
  }

  /** Called after every commit that wrote something (subscriptions wake up on it). */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  write(operation: WriteOperation): Promise<WriteOutcome> {
    if (this.closed) return Promise.reject(new Error('event log is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ operation, resolve, reject });
      if (!this.flushScheduled) this.scheduleFlush();
    });
  }

  streamHead(stream: string): StreamHead {
    const cached = this.heads.get(stream);
    if (cached) return cached;
    const head = this.readStreamHead(stream);
    this.heads.set(stream, head);
    return head;
  }

  private readStreamHead(stream: string): StreamHead {
    const flags = this.streams.get(stream);
    let last = -1;
    for (const key of this.streamIdx.getKeys({ start: [stream, Number.MAX_SAFE_INTEGER], end: [stream, -1], reverse: true, limit: 1 })) {
      last = key[1];
    }
    return flags ? { ...flags, last } : { last };
  }

  readStream(stream: string, from: number | 'start' | 'end', direction: 'forwards' | 'backwards', limit: number): StreamReadResult {
    const head = this.streamHead(stream);
    if (head.tombstoned) return { status: 'deleted' };
    const first = firstVisibleRevision(head);
    if (head.last < 0 || first > head.last) return { status: 'not_found' };
    const start =
      direction === 'forwards' ? (from === 'start' ? first : from === 'end' ? head.last + 1 : Math.max(from, first)) : from === 'end' ? head.last : from === 'start' ? -1 : Math.min(from, head.last);
    const positions = direction === 'forwards' ? this.forwardPositions(stream, start, head.last, limit) : this.backwardPositions(stream, start, first, limit);
    const next = direction === 'forwards' ? start + positions.length : start - positions.length;
    const cutoff = head.limits?.maxAge !== undefined ? Date.now() - head.limits.maxAge * 1000 : undefined;
    const events: RecordedEvent[] = [];
    for (const position of positions) {
      const record = this.events.get(position);
      if (!record) continue;
      const event = new RecordedEvent(position, record);
      if (cutoff !== undefined && createdMillis(event.fields.k) < cutoff) continue;
      events.push(event);
    }
    return { status: 'ok', events, next };
  }

  /** $all forwards from a position (inclusive). */
  readAllForwards(fromInclusive: number, limit: number): RecordedEvent[] {
    const result: RecordedEvent[] = [];
    for (const { key, value } of this.events.getRange({ start: fromInclusive, limit })) {
      result.push(new RecordedEvent(key, value));
    }
    return result;
  }

  /** $all backwards from before a position (exclusive); `Infinity` reads from the end. */
  readAllBackwards(beforeExclusive: number, limit: number): RecordedEvent[] {
    const result: RecordedEvent[] = [];
    const start = Number.isFinite(beforeExclusive) ? beforeExclusive - 1 : undefined;
    if (start !== undefined && start < 1) return result;
    for (const { key, value } of this.events.getRange({ start, reverse: true, limit })) {
      result.push(new RecordedEvent(key, value));
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0 || this.flushScheduled) await new Promise((r) => setImmediate(r));
    this.closed = true;
    await this.root.flushed;
    await this.root.close();
  }

  /**
   * The first commit of an event-loop turn happens as soon as the current callback is done (a lone
   * writer waits for nothing). Writes that arrive later in the same turn, from other sockets' reads,
   * wait for the check phase and share one commit: under load, commits stay few and large.
   */
  private scheduleFlush(): void {
    this.flushScheduled = true;
    if (this.committedThisTurn) setImmediate(() => this.flush());
    else queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (!this.committedThisTurn) {
      this.committedThisTurn = true;
      setImmediate(() => (this.committedThisTurn = false));
    }
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: WriteOutcome[] = [];
    let next = this.lastPosition;
    try {
      this.root.transactionSync(() => {
        for (const { operation } of batch) {
          const { outcome, lastPosition } = this.apply(operation, next);
          next = lastPosition;
          outcomes.push(outcome);
        }
      });
    } catch (error) {
      // Nothing of the batch was committed (LMDB aborts the whole transaction): forget cached
      // heads that may describe it.
      this.heads.clear();
      for (const queued of batch) queued.reject(error);
      return;
    }
    const wrote = next !== this.lastPosition;
    this.lastPosition = next;
    const acknowledge = () => batch.forEach((queued, i) => queued.resolve(outcomes[i]!));
    // In 'fsync' mode transactionSync has already waited for the device (LMDB's synchronous commit).
    acknowledge();
    if (wrote) for (const listener of this.commitListeners) listener();
  }

  /** Decides and writes one operation inside the open write transaction. */
  private apply(operation: WriteOperation, lastPosition: number): { outcome: WriteOutcome; lastPosition: number } {
    const head = this.streamHead(operation.stream);
    if (head.tombstoned) return { outcome: { ok: false, reason: 'stream_deleted' }, lastPosition };
    const check = this.checkExpected(operation, head);
    if (check) return { outcome: check, lastPosition };

    switch (operation.kind) {
      case 'append':
        return this.appendEvents(operation.stream, head, operation.events, lastPosition);
      case 'delete': {
        const metadata = { ...this.currentMetadataObject(operation.stream), $tb: 0 };
        const json = JSON.stringify(metadata).replace('"$tb":0', `"$tb":${SOFT_DELETE_TB_JSON}`);
        const written = this.appendEvents(METADATA_STREAM_PREFIX + operation.stream, this.streamHead(METADATA_STREAM_PREFIX + operation.stream), [jsonEvent(METADATA_EVENT_TYPE, json)], lastPosition);
        return written;
      }
      case 'tombstone': {
        const position = lastPosition + 1;
        this.putEvent(position, {
          s: operation.stream,
          r: TOMBSTONE_REVISION,
          i: randomUUID(),
          t: TOMBSTONE_EVENT_TYPE,
          c: 'application/octet-stream',
          k: nowTicks(),
          d: EMPTY,
          m: EMPTY,
        });
        this.streams.putSync(operation.stream, { ...flagsOf(head), tombstoned: true });
        this.heads.set(operation.stream, { ...head, tombstoned: true });
        return { outcome: { ok: true, currentRevision: head.last, position }, lastPosition: position };
      }
    }
  }

  /** Returns a refusal, an idempotent success, or undefined when the write may proceed. */
  private checkExpected(operation: WriteOperation, head: StreamHead): WriteOutcome | undefined {
    const { expected } = operation;
    const exists = head.last >= 0 && !isSoftDeleted(head);
    const refuse: WriteOutcome = { ok: false, reason: 'wrong_expected_version', currentRevision: head.last, expected };
    const replay = (fromRevision: number) => (operation.kind === 'append' ? this.idempotentReplay(operation.stream, operation.events, fromRevision) : undefined);
    switch (expected.kind) {
      case 'any':
        return operation.kind === 'append' ? this.idempotentReplayById(operation.stream, operation.events) : undefined;
      case 'stream_exists':
        if (!exists) return refuse;
        return operation.kind === 'append' ? this.idempotentReplayById(operation.stream, operation.events) : undefined;
      case 'no_stream':
        if (!exists) return undefined;
        return replay(0) ?? refuse;
      case 'revision':
        if (expected.revision === head.last) return undefined;
        if (expected.revision < head.last) return replay(expected.revision + 1) ?? refuse;
        return refuse;
    }
  }

  /** Success when the proposed ids are exactly the events at fromRevision.. (a retried append). */
  private idempotentReplay(stream: string, proposed: ProposedEvent[], fromRevision: number): WriteOutcome | undefined {
    if (proposed.length === 0) return undefined;
    const positions = this.forwardPositions(stream, fromRevision, fromRevision + proposed.length - 1, proposed.length);
    if (positions.length !== proposed.length) return undefined;
    for (let i = 0; i < proposed.length; i++) {
      const record = this.events.get(positions[i]!);
      if (!record || decodeEventRecord(record).i !== proposed[i]!.id) return undefined;
    }
    const position = positions[positions.length - 1]!;
    return { ok: true, currentRevision: fromRevision + proposed.length - 1, position };
  }

  /** For `any`/`stream_exists`: a retry is recognised by its first event id already being in the stream. */
  private idempotentReplayById(stream: string, proposed: ProposedEvent[]): WriteOutcome | undefined {
    if (proposed.length === 0) return undefined;
    const at = this.recentEventIds.get(proposed[0]!.id);
    if (at === undefined) return undefined;
    const record = this.events.get(at);
    const first = record && decodeEventRecord(record);
    if (!first || first.s !== stream || first.r < 0) return undefined;
    return (
      this.idempotentReplay(stream, proposed, first.r) ?? {
        ok: false,
        reason: 'wrong_expected_version',
        currentRevision: this.streamHead(stream).last,
        expected: { kind: 'any' },
      }
    );
  }

  private appendEvents(stream: string, head: StreamHead, proposed: ProposedEvent[], lastPosition: number): { outcome: WriteOutcome; lastPosition: number } {
    let revision = head.last;
    let position = lastPosition;
    const created = nowTicks();
    for (const event of proposed) {
      revision += 1;
      position += 1;
      this.putEvent(position, {
        s: stream,
        r: revision,
        i: event.id,
        t: event.type,
        c: event.contentType,
        k: created,
        d: event.data,
        m: event.customMetadata,
      });
    }
    if (proposed.length === 0) return { outcome: { ok: true, currentRevision: head.last, position: lastPosition }, lastPosition };
    this.streamIdx.putSync([stream, revision], [lastPosition + 1, proposed.length]);
    // A retry is recognised by its first event id (as EventStoreDB does), so only that is kept.
    this.recentEventIds.set(proposed[0]!.id, lastPosition + 1);
    this.heads.set(stream, { ...head, last: revision });
    const outcome: WriteOutcome = { ok: true, currentRevision: revision, position };

    if (stream.startsWith(METADATA_STREAM_PREFIX)) {
      this.applyMetadata(stream.slice(METADATA_STREAM_PREFIX.length), proposed[proposed.length - 1]!);
    } else if (isSoftDeleted(head)) {
      // Writing to a soft-deleted stream brings it back: only the new events are visible.
      const metadata = { ...this.currentMetadataObject(stream), $tb: head.last + 1 };
      const undelete = this.appendEvents(METADATA_STREAM_PREFIX + stream, this.streamHead(METADATA_STREAM_PREFIX + stream), [jsonEvent(METADATA_EVENT_TYPE, JSON.stringify(metadata))], position);
      return { outcome, lastPosition: undelete.lastPosition };
    }
    return { outcome, lastPosition: position };
  }

  /** Keeps the target stream's read limits in step with its latest `$$stream` event. */
  private applyMetadata(stream: string, event: ProposedEvent): void {
    const metadata = parseJsonObject(event.data);
    const limits: StreamReadLimits = {};
    if (typeof metadata.$maxCount === 'number' && metadata.$maxCount >= 0) limits.maxCount = metadata.$maxCount;
    if (typeof metadata.$maxAge === 'number' && metadata.$maxAge >= 0) limits.maxAge = metadata.$maxAge;
    if (typeof metadata.$tb === 'number' && metadata.$tb >= 0) limits.truncateBefore = metadata.$tb;
    const next: StreamFlags = { ...(this.streams.get(stream) ?? {}) };
    if (Object.keys(limits).length > 0) next.limits = limits;
    else delete next.limits;
    this.streams.putSync(stream, next);
    this.heads.delete(stream);
  }

  private currentMetadataObject(stream: string): Record<string, unknown> {
    const metaHead = this.streamHead(METADATA_STREAM_PREFIX + stream);
    if (metaHead.last < 0) return {};
    const [at] = this.forwardPositions(METADATA_STREAM_PREFIX + stream, metaHead.last, metaHead.last, 1);
    const record = at === undefined ? undefined : this.events.get(at);
    return record ? parseJsonObject(decodeEventRecord(record).d) : {};
  }

  private putEvent(position: number, event: StoredEvent): void {
    this.events.putSync(position, encodeEventRecord(event));
  }

  /** Positions of revisions `from`..`to` (ascending), at most `limit`. */
  private forwardPositions(stream: string, from: number, to: number, limit: number): number[] {
    const positions: number[] = [];
    if (from > to) return positions;
    // The first entry at or after [stream, from] is the append that holds revision `from`.
    for (const { key, value } of this.streamIdx.getRange({ start: [stream, from], end: [stream, Number.MAX_SAFE_INTEGER] })) {
      if (key[1] - value[1] + 1 > to) break;
      if (!appendPositions(key[1], value, from, to, positions, limit, 1)) break;
    }
    return positions;
  }

  /** Positions of revisions `from` down to `to` (descending), at most `limit`. */
  private backwardPositions(stream: string, from: number, to: number, limit: number): number[] {
    const positions: number[] = [];
    if (from < to) return positions;
    const [holder] = Array.from(this.streamIdx.getKeys({ start: [stream, from], end: [stream, Number.MAX_SAFE_INTEGER], limit: 1 }));
    if (!holder) return positions;
    for (const { key, value } of this.streamIdx.getRange({ start: holder, end: [stream, to - 1], reverse: true })) {
      if (!appendPositions(key[1], value, to, from, positions, limit, -1)) break;
    }
    return positions;
  }
}

/**
 * Adds the positions of the revisions of one append that fall in [low, high], in the given
 * direction; false once `limit` positions are collected.
 */
function appendPositions(lastRevision: number, [firstPosition, count]: AppendRun, low: number, high: number, into: number[], limit: number, step: 1 | -1): boolean {
  const firstRevision = lastRevision - count + 1;
  const lowest = Math.max(low, firstRevision);
  const highest = Math.min(high, lastRevision);
  for (let revision = step === 1 ? lowest : highest; revision >= lowest && revision <= highest; revision += step) {
    if (into.length >= limit) return false;
    into.push(firstPosition + (revision - firstRevision));
  }
  return into.length < limit;
}

function flagsOf(head: StreamHead): StreamFlags {
  const { last: _last, ...flags } = head;
  return flags;
}

function isSoftDeleted(head: StreamHead): boolean {
  return (head.limits?.truncateBefore ?? 0) >= SOFT_DELETED_TRUNCATE_BEFORE;
}

function firstVisibleRevision(head: StreamHead): number {
  let first = head.limits?.truncateBefore ?? 0;
  if (head.limits?.maxCount !== undefined) first = Math.max(first, head.last - head.limits.maxCount + 1);
  return first;
}

function jsonEvent(type: string, json: string): ProposedEvent {
  return { id: randomUUID(), type, contentType: 'application/json', data: Buffer.from(json, 'utf8'), customMetadata: EMPTY };
}

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** 100 ns ticks since the Unix epoch, as the gRPC API's `created` metadata carries them. */
function nowTicks(): string {
  return `${Date.now()}0000`;
}

function createdMillis(ticks: string): number {
  return Number(ticks.slice(0, -4));
}
