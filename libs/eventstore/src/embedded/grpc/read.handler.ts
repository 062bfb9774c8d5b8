/**
 * Streams.Read: reads of a stream or $all, forwards or backwards, and subscriptions.
 *
 * Every read and every subscription is a cursor over the log. A subscription reads chunks from
 * storage until it finds nothing new, says it caught up, then sleeps until the next commit and
 * reads on from its cursor. Live delivery is the same read as catch-up, so there is no switch-over
 * where an event could be missed or sent twice, however busy the writers are.
 */
import { status } from '@grpc/grpc-js';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { EventLog, StreamReadResult } from '../storage/event-log';
import { RecordedEvent } from '../storage/event-record';
import { BadRequest } from './bad-request';
import { BatchedMessageWriter } from './batched-writer';
import { parseRevision, readEventFrame, readEventResponse, streamIdentifier, streamNameOf, WireStreamIdentifier } from './codec';
import { badRequestError, serviceError, streamDeletedError } from './errors';
import { compileFilter, EventFilter } from './filter';

const CHUNK = 512;

type ReadOptions = {
  stream_option?: 'stream' | 'all';
  stream?: { stream_identifier?: WireStreamIdentifier; revision_option?: 'revision' | 'start' | 'end'; revision?: string };
  all?: { all_option?: 'position' | 'start' | 'end'; position?: { commit_position?: string; prepare_position?: string } };
  read_direction?: number;
  count_option?: 'count' | 'subscription';
  count?: string;
  filter_option?: 'filter' | 'no_filter';
  filter?: Parameters<typeof compileFilter>[0];
  uuid_option?: { content?: 'structured' | 'string' };
};

type ReadCall = ServerWritableStream<{ options?: ReadOptions }, unknown>;

/** Wakes sleeping subscriptions when something is committed. */
export class CommitSignal {
  private waiters: Array<() => void> = [];

  constructor(log: EventLog) {
    log.onCommit(() => {
      const waiting = this.waiters;
      this.waiters = [];
      for (const wake of waiting) wake();
    });
  }

  next(): { promise: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    this.waiters.push(wake);
    return { promise, cancel: () => wake() };
  }
}

/** `serialize`: the Read method's answer serializer (Buffers pass through as already encoded). */
export function readHandler(log: EventLog, signal: CommitSignal, serialize: (message: unknown) => Buffer) {
  return (call: ReadCall) => {
    const session = new ReadSession(log, signal, call, serialize);
    session.run().catch((error: unknown) => session.fail(error));
  };
}

class ReadSession {
  private open = true;
  private wakeUp: (() => void) | undefined;
  private readonly structuredUuids: boolean;
  private readonly out: BatchedMessageWriter;

  constructor(
    private readonly log: EventLog,
    private readonly signal: CommitSignal,
    private readonly call: ReadCall,
    serialize: (message: unknown) => Buffer,
  ) {
    this.out = new BatchedMessageWriter(call as ServerWritableStream<unknown, unknown>, serialize);
    const stop = () => {
      this.open = false;
      this.wakeUp?.();
      this.out.stop();
    };
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
    this.structuredUuids = call.request?.options?.uuid_option?.content === 'structured';
  }

  fail(error: unknown): void {
    if (!this.open) return;
    this.open = false;
    // grpc-js turns an 'error' event on a server stream into the call's final status
    // (destroy() would drop the call without telling the client).
    if (error instanceof BadRequest) this.call.emit('error', badRequestError(error));
    else if (isServiceError(error)) this.call.emit('error', error);
    else this.call.emit('error', serviceError(status.INTERNAL, `read failed: ${(error as Error)?.message ?? String(error)}`));
  }

  async run(): Promise<void> {
    const options = this.call.request?.options;
    if (!options) throw new BadRequest('Read needs options');
    const backwards = options.read_direction === 1;
    const filter = options.filter_option === 'filter' && options.filter ? compileFilter(options.filter) : undefined;
    if (options.count_option === 'subscription') {
      this.write({ confirmation: { subscription_id: randomUUID() } });
      if (options.stream_option === 'stream') await this.subscribeToStream(options);
      else if (options.stream_option === 'all') await this.subscribeToAll(options, filter);
      else throw new BadRequest('Read needs a stream or $all option');
      return;
    }
    const count = options.count_option === 'count' ? parseRevision(options.count) : Number.MAX_SAFE_INTEGER;
    if (options.stream_option === 'stream') await this.readStream(options, backwards, count);
    else if (options.stream_option === 'all') await this.readAll(options, backwards, count, filter);
    else throw new BadRequest('Read needs a stream or $all option');
    await this.out.flush();
    if (this.open) {
      this.open = false;
      this.call.end();
    }
  }

  private async readStream(options: ReadOptions, backwards: boolean, count: number): Promise<void> {
    const stream = streamNameOf(options.stream?.stream_identifier);
    const revisionOption = options.stream?.revision_option;
    let from: number | 'start' | 'end' = revisionOption === 'revision' ? parseRevision(options.stream?.revision) : revisionOption === 'end' ? 'end' : 'start';
    let remaining = count;
    let first = true;
    while (this.open && remaining > 0) {
      const result: StreamReadResult = this.log.readStream(stream, from, backwards ? 'backwards' : 'forwards', Math.min(CHUNK, remaining));
      if (result.status === 'deleted') throw streamDeletedError(stream);
      if (result.status === 'not_found') {
        if (first) this.write({ stream_not_found: { stream_identifier: streamIdentifier(stream) } });
        return;
      }
      first = false;
      if (result.events.length === 0) return;
      for (const event of result.events) await this.send(event);
      await this.out.flush();
      remaining -= result.events.length;
      if (backwards && result.next < 0) return;
      from = result.next;
    }
  }

  private async readAll(options: ReadOptions, backwards: boolean, count: number, filter: EventFilter | undefined): Promise<void> {
    const allOption = options.all?.all_option ?? 'start';
    // Forwards from a position includes the event at that position; backwards starts before it.
    let cursor = backwards
      ? allOption === 'start'
        ? 1
        : allOption === 'position'
          ? parsePosition(options)
          : Infinity
      : allOption === 'end'
        ? this.log.headPosition + 1
        : allOption === 'position'
          ? Math.max(1, parsePosition(options))
          : 1;
    let remaining = count;
    while (this.open && remaining > 0) {
      const events = backwards ? this.log.readAllBackwards(cursor, CHUNK) : this.log.readAllForwards(cursor, CHUNK);
      if (events.length === 0) return;
      for (const event of events) {
        if (remaining === 0) break;
        if (filter && !filter.matches(event)) continue;
        await this.send(event);
        remaining -= 1;
      }
      await this.out.flush();
      const last = events[events.length - 1]!.position;
      cursor = backwards ? last : last + 1;
    }
  }

  private async subscribeToStream(options: ReadOptions): Promise<void> {
    const stream = streamNameOf(options.stream?.stream_identifier);
    const revisionOption = options.stream?.revision_option;
    const head = this.log.streamHead(stream);
    if (head.tombstoned) throw streamDeletedError(stream);
    // A subscription from a revision starts after it.
    let next = revisionOption === 'revision' ? parseRevision(options.stream?.revision) + 1 : revisionOption === 'end' ? head.last + 1 : 0;
    let caughtUp = false;
    while (this.open) {
      const wait = this.signal.next();
      const result = this.log.readStream(stream, next, 'forwards', CHUNK);
      if (result.status === 'deleted') throw streamDeletedError(stream);
      if (result.status === 'ok' && result.events.length > 0) {
        wait.cancel();
        for (const event of result.events) await this.send(event);
        await this.out.flush();
        next = result.next;
        continue;
      }
      if (!caughtUp) {
        caughtUp = true;
        this.write({ caught_up: {} });
      }
      await this.sleep(wait);
    }
  }

  private async subscribeToAll(options: ReadOptions, filter: EventFilter | undefined): Promise<void> {
    const allOption = options.all?.all_option ?? 'start';
    // A subscription from a position starts after it.
    let after = allOption === 'end' ? this.log.headPosition : allOption === 'position' ? parsePosition(options) : 0;
    let caughtUp = false;
    let scannedSinceCheckpoint = 0;
    while (this.open) {
      const wait = this.signal.next();
      const events = this.log.readAllForwards(after + 1, CHUNK);
      if (events.length > 0) {
        wait.cancel();
        for (const event of events) {
          if (!this.open) return;
          if (!filter || filter.matches(event)) await this.send(event);
          after = event.position;
          if (filter && ++scannedSinceCheckpoint >= filter.checkpointInterval) {
            scannedSinceCheckpoint = 0;
            this.checkpoint(after);
          }
        }
        await this.out.flush();
        continue;
      }
      if (!caughtUp) {
        caughtUp = true;
        if (filter && scannedSinceCheckpoint > 0) {
          scannedSinceCheckpoint = 0;
          this.checkpoint(after);
        }
        this.write({ caught_up: {} });
      }
      await this.sleep(wait);
    }
  }

  private checkpoint(position: number): void {
    this.write({ checkpoint: { commit_position: String(position), prepare_position: String(position) } });
  }

  private async sleep(wait: { promise: Promise<void>; cancel(): void }): Promise<void> {
    await this.out.flush();
    this.wakeUp = wait.cancel;
    await wait.promise;
    this.wakeUp = undefined;
  }

  private async send(event: RecordedEvent): Promise<void> {
    // Pre-encoded bytes pass through the Read serializer untouched (see server.ts).
    const message = this.structuredUuids ? readEventResponse(event) : readEventFrame(event);
    if (this.open && this.out.add(message)) await this.out.flush();
  }

  /** Queues an answer; it goes out with the next flush (after each chunk, before a sleep, at the end). */
  private write(message: unknown): void {
    if (this.open) this.out.add(message);
  }
}

function parsePosition(options: ReadOptions): number {
  const position = options.all?.position;
  return parseRevision(position?.commit_position ?? '0');
}

function isServiceError(error: unknown): error is Error & { code: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'number';
}
