/**
 * Open cursors: a lazy iterator over the results plus where it belongs. Batches are cut by count
 * (first batch 101 documents unless `batchSize` says otherwise) and by size (16 MiB), like mongod;
 * a cursor idle for 10 minutes is closed, as MongoDB's default `cursorTimeoutMillis`.
 */
import { commandError } from './errors';
import { cursorReply, ReplyDocument, toBson } from './wire/raw-bson';

const DEFAULT_FIRST_BATCH = 101;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  source: Peekable;
  lastUsed: number;
}

export class CursorRegistry {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = Math.floor(Math.random() * 2 ** 40) + 1;
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.closeIdle(), 60_000);
    this.sweeper.unref();
  }

  /** Answers a command that returns a cursor: the first batch, and an open cursor if more remain. */
  firstBatch(ns: string, results: Iterator<ReplyDocument>, options: { batchSize?: number; singleBatch?: boolean }): Buffer {
    const source = new Peekable(results);
    const batch = takeBatch(source, options.batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0;
    if (!source.done() && !options.singleBatch) {
      id = this.nextId++;
      this.open.set(id, { ns, source, lastUsed: Date.now() });
    } else {
      source.close();
    }
    return cursorReply('firstBatch', batch, id, ns);
  }

  getMore(id: number, ns: string, batchSize: number | undefined): Buffer {
    const cursor = this.open.get(id);
    if (!cursor) throw commandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw commandError('BadValue', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    cursor.lastUsed = Date.now();
    let batch: Buffer[];
    try {
      batch = takeBatch(cursor.source, batchSize && batchSize > 0 ? batchSize : Infinity);
    } catch (error) {
      this.open.delete(id);
      throw error;
    }
    const exhausted = cursor.source.done();
    if (exhausted) this.open.delete(id);
    return cursorReply('nextBatch', batch, exhausted ? 0 : id, ns);
  }

  kill(ids: number[]): { killed: number[]; notFound: number[] } {
    const killed: number[] = [];
    const notFound: number[] = [];
    for (const id of ids) {
      const cursor = this.open.get(id);
      if (!cursor) notFound.push(id);
      else {
        cursor.source.close();
        this.open.delete(id);
        killed.push(id);
      }
    }
    return { killed, notFound };
  }

  closeAll(): void {
    clearInterval(this.sweeper);
    for (const cursor of this.open.values()) cursor.source.close();
    this.open.clear();
  }

  private closeIdle(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, cursor] of this.open) {
      if (cursor.lastUsed < cutoff) {
        cursor.source.close();
        this.open.delete(id);
      }
    }
  }
}

function takeBatch(source: Peekable, size: number): Buffer[] {
  const batch: Buffer[] = [];
  let bytes = 0;
  while (batch.length < size && !source.done()) {
    const next = toBson(source.peek()!);
    if (batch.length > 0 && bytes + next.length > MAX_BATCH_BYTES) break;
    source.take();
    batch.push(next);
    bytes += next.length;
  }
  return batch;
}

/** An iterator with one item of look-ahead, so a cursor that is exhausted is closed at once. */
class Peekable {
  private head: IteratorResult<ReplyDocument> | undefined;
  constructor(private readonly iterator: Iterator<ReplyDocument>) {}

  peek(): ReplyDocument | undefined {
    if (!this.head) this.head = this.iterator.next();
    return this.head.done ? undefined : this.head.value;
  }

  done(): boolean {
    this.peek();
    return this.head!.done === true;
  }

  take(): void {
    this.head = undefined;
  }

  close(): void {
    this.iterator.return?.(undefined);
  }
}
