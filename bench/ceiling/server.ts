/**
 * The benchmark's ceiling server: the smallest in-memory server that speaks enough of the
 * EventStoreDB gRPC protocol for the official client to append (BatchAppend), read and subscribe
 * ($all / stream reads). No storage, no filters, no validation beyond expected revisions. It uses
 * the same protocol definitions, TLS and authentication as the embedded server, so both pay the same wire costs, and what
 * is left is the price of the official client itself: the ceiling our real server is measured
 * against.
 */
import * as grpc from '@grpc/grpc-js';
import { secureTransport } from '@handoff/eventstore/embedded/grpc/secure-transport';
import { loadEventStoreProtocol } from '@handoff/eventstore/embedded/protocol/protocol';

const SERVER_VERSION = '23.10.0';

/** A recorded event, kept as the ready-to-serialize RecordedEvent message. */
interface Recorded {
  position: number;
  positionText: string;
  message: {
    id: { string: string };
    stream_identifier: { stream_name: Buffer };
    stream_revision: string;
    prepare_position: string;
    commit_position: string;
    metadata: Record<string, string>;
    custom_metadata: Buffer;
    data: Buffer;
  };
}

interface StreamState {
  identifier: { stream_name: Buffer };
  /** Positions in the log, indexed by stream revision. */
  positions: number[];
}

interface UUIDMessage {
  string?: string;
  structured?: { most_significant_bits?: string; least_significant_bits?: string };
}

interface ProposedMessage {
  id?: UUIDMessage;
  metadata?: Record<string, string>;
  custom_metadata?: Buffer;
  data?: Buffer;
}

interface BatchAppendOptions {
  stream_identifier?: { stream_name?: Buffer };
  expected_stream_position?: 'stream_position' | 'no_stream' | 'any' | 'stream_exists';
  stream_position?: string;
}

interface BatchAppendRequest {
  correlation_id?: UUIDMessage;
  options?: BatchAppendOptions;
  proposed_messages?: ProposedMessage[];
  is_final?: boolean;
}

interface ReadRequest {
  options?: {
    stream_option?: 'stream' | 'all';
    stream?: {
      stream_identifier?: { stream_name?: Buffer };
      revision_option?: 'revision' | 'start' | 'end';
      revision?: string;
    };
    all?: {
      all_option?: 'position' | 'start' | 'end';
      position?: { commit_position?: string; prepare_position?: string };
    };
    read_direction?: number;
    count_option?: 'count' | 'subscription';
    count?: string;
  };
}

type ReadCall = grpc.ServerWritableStream<ReadRequest, unknown>;

function uuidKey(id: UUIDMessage | undefined): string {
  if (!id) return '';
  if (id.string !== undefined) return id.string;
  return `${id.structured?.most_significant_bits ?? '0'}:${id.structured?.least_significant_bits ?? '0'}`;
}

// --- minimal protobuf writer for the one detail message we send (WrongExpectedVersion) ---------

function writeVarint(out: number[], value: bigint): void {
  let v = value;
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

/** event_store.client.WrongExpectedVersion (shared.proto), hand-encoded. */
function encodeWrongExpectedVersion(current: number | undefined, options: BatchAppendOptions): Buffer {
  const out: number[] = [];
  if (current === undefined)
    out.push((2 << 3) | 2, 0); // current_no_stream
  else {
    out.push((1 << 3) | 0); // current_stream_revision
    writeVarint(out, BigInt(current));
  }
  switch (options.expected_stream_position) {
    case 'stream_position':
      out.push((3 << 3) | 0);
      writeVarint(out, BigInt(options.stream_position ?? '0'));
      break;
    case 'stream_exists':
      out.push((5 << 3) | 2, 0);
      break;
    case 'no_stream':
      out.push((6 << 3) | 2, 0);
      break;
    default:
      out.push((4 << 3) | 2, 0); // expected_any
  }
  return Buffer.from(out);
}

export interface CeilingServer {
  port: number;
  close(): Promise<void>;
}

export class CeilingStore {
  readonly log: Recorded[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly subscribers = new Set<Subscriber>();

  stream(name: string): StreamState | undefined {
    return this.streams.get(name);
  }

  /** Returns the new current revision and the position of the last event, or a conflict. */
  append(name: string, options: BatchAppendOptions, messages: ProposedMessage[]): { ok: true; revision: number; position: number } | { ok: false; current: number | undefined } {
    let state = this.streams.get(name);
    const current = state ? state.positions.length - 1 : undefined;
    switch (options.expected_stream_position) {
      case 'stream_position':
        if (current === undefined || String(current) !== options.stream_position) return { ok: false, current };
        break;
      case 'no_stream':
        if (current !== undefined) return { ok: false, current };
        break;
      case 'stream_exists':
        if (current === undefined) return { ok: false, current };
        break;
      default:
        break;
    }
    if (messages.length === 0) {
      return { ok: true, revision: current ?? -1, position: this.log.length - 1 };
    }
    if (!state) {
      state = { identifier: { stream_name: Buffer.from(name, 'utf8') }, positions: [] };
      this.streams.set(name, state);
    }
    // `created` is in 100 ns ticks since the Unix epoch: the official client divides by 10,000
    // and hands the result to `new Date()` (utils/convertGrpcEvent.js), so no .NET epoch offset.
    const created = `${Date.now()}0000`;
    for (const proposed of messages) {
      const position = this.log.length;
      const positionText = String(position);
      const revision = state.positions.length;
      state.positions.push(position);
      const metadata = proposed.metadata ?? {};
      this.log.push({
        position,
        positionText,
        message: {
          id: { string: proposed.id?.string ?? uuidKey(proposed.id) },
          stream_identifier: state.identifier,
          stream_revision: String(revision),
          prepare_position: positionText,
          commit_position: positionText,
          metadata: {
            type: metadata.type ?? '',
            'content-type': metadata['content-type'] ?? 'application/octet-stream',
            created,
          },
          custom_metadata: proposed.custom_metadata ?? Buffer.alloc(0),
          data: proposed.data ?? Buffer.alloc(0),
        },
      });
    }
    for (const subscriber of this.subscribers) subscriber.pump();
    return { ok: true, revision: state.positions.length - 1, position: this.log.length - 1 };
  }

  addSubscriber(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
  }

  removeSubscriber(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }
}

function eventResponse(recorded: Recorded): unknown {
  return { event: { event: recorded.message, commit_position: recorded.positionText } };
}

/** A $all subscription: catches up from the log, then follows it; respects write backpressure. */
class Subscriber {
  private caughtUp = false;
  private waitingForDrain = false;
  private closed = false;

  constructor(
    private readonly store: CeilingStore,
    private readonly call: ReadCall,
    private next: number,
  ) {}

  start(): void {
    this.store.addSubscriber(this);
    const close = () => this.close();
    this.call.on('cancelled', close);
    this.call.on('close', close);
    this.call.on('error', close);
    this.call.on('drain', () => {
      this.waitingForDrain = false;
      this.pump();
    });
    this.call.write({ confirmation: { subscription_id: `ceiling-${Math.random().toString(36).slice(2)}` } });
    this.pump();
  }

  pump(): void {
    if (this.closed || this.waitingForDrain) return;
    const log = this.store.log;
    while (this.next < log.length) {
      const ok = this.call.write(eventResponse(log[this.next]!));
      this.next += 1;
      if (!ok) {
        this.waitingForDrain = true;
        return;
      }
    }
    if (!this.caughtUp) {
      this.caughtUp = true;
      this.call.write({ caught_up: {} });
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.removeSubscriber(this);
  }
}

/** Writes events [from, to) stepping by `step` (±1), honouring backpressure, then ends the call. */
function streamOut(call: ReadCall, positions: (i: number) => Recorded, indices: { start: number; count: number; step: 1 | -1 }): void {
  let i = indices.start;
  let left = indices.count;
  let done = false;
  const stop = () => {
    done = true;
  };
  call.on('cancelled', stop);
  call.on('error', stop);
  const pump = () => {
    while (!done && left > 0) {
      const ok = call.write(eventResponse(positions(i)));
      i += indices.step;
      left -= 1;
      if (!ok) {
        call.once('drain', pump);
        return;
      }
    }
    if (!done) {
      done = true;
      call.end();
    }
  };
  pump();
}

function parseCount(text: string | undefined): number {
  if (text === undefined) return Number.MAX_SAFE_INTEGER;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
}

function handleRead(store: CeilingStore, call: ReadCall): void {
  const options = call.request.options;
  if (!options) {
    call.destroy({ code: grpc.status.INVALID_ARGUMENT, details: 'missing options' } as never);
    return;
  }
  const backwards = options.read_direction === 1;
  const log = store.log;

  if (options.stream_option === 'all') {
    const all = options.all ?? {};
    // First index to deliver (forwards: first >= position; backwards: last <= position).
    let start: number;
    if (all.all_option === 'end') start = backwards ? log.length - 1 : log.length;
    else if (all.all_option === 'position') {
      const p = Number(all.position?.commit_position ?? '0');
      start = backwards ? Math.min(p, log.length) - 1 : Math.max(0, Math.min(p, log.length));
    } else start = backwards ? -1 : 0;

    if (options.count_option === 'subscription') {
      if (backwards) {
        call.destroy({ code: grpc.status.INVALID_ARGUMENT, details: 'subscriptions read forwards' } as never);
        return;
      }
      // Subscriptions from a position start after it.
      if (all.all_option === 'position') start = Math.min(start + 1, log.length);
      new Subscriber(store, call, start).start();
      return;
    }
    const available = backwards ? start + 1 : log.length - start;
    const count = Math.max(0, Math.min(parseCount(options.count), available));
    streamOut(call, (i) => log[i]!, { start, count, step: backwards ? -1 : 1 });
    return;
  }

  if (options.stream_option === 'stream') {
    const streamOptions = options.stream ?? {};
    const name = (streamOptions.stream_identifier?.stream_name ?? Buffer.alloc(0)).toString('utf8');
    if (options.count_option === 'subscription') {
      call.destroy({ code: grpc.status.UNIMPLEMENTED, details: 'stream subscriptions are not part of the ceiling server' } as never);
      return;
    }
    const state = store.stream(name);
    if (!state) {
      call.write({ stream_not_found: { stream_identifier: { stream_name: Buffer.from(name, 'utf8') } } });
      call.end();
      return;
    }
    const length = state.positions.length;
    let start: number;
    if (streamOptions.revision_option === 'end') start = backwards ? length - 1 : length;
    else if (streamOptions.revision_option === 'revision') {
      const r = Number(streamOptions.revision ?? '0');
      start = backwards ? Math.min(r, length - 1) : Math.min(r, length);
    } else start = backwards ? -1 : 0;
    const available = backwards ? start + 1 : length - start;
    const count = Math.max(0, Math.min(parseCount(options.count), available));
    streamOut(call, (i) => log[state.positions[i]!]!, { start, count, step: backwards ? -1 : 1 });
    return;
  }

  call.destroy({ code: grpc.status.INVALID_ARGUMENT, details: 'missing stream option' } as never);
}

function handleBatchAppend(store: CeilingStore, call: grpc.ServerDuplexStream<BatchAppendRequest, unknown>): void {
  const pending = new Map<string, { options: BatchAppendOptions; messages: ProposedMessage[] }>();
  call.on('data', (request: BatchAppendRequest) => {
    const key = uuidKey(request.correlation_id);
    let entry = pending.get(key);
    if (!entry) {
      entry = { options: request.options ?? {}, messages: [] };
      pending.set(key, entry);
    } else if (request.options) entry.options = request.options;
    const proposed = request.proposed_messages;
    if (proposed) for (const message of proposed) entry.messages.push(message);
    if (!request.is_final) return;
    pending.delete(key);

    const identifier = entry.options.stream_identifier ?? { stream_name: Buffer.alloc(0) };
    const name = (identifier.stream_name ?? Buffer.alloc(0)).toString('utf8');
    const result = store.append(name, entry.options, entry.messages);
    if (result.ok) {
      const position = String(result.position);
      call.write({
        correlation_id: request.correlation_id,
        stream_identifier: identifier,
        success: result.revision < 0 ? { no_stream: {}, no_position: {} } : { current_revision: String(result.revision), position: { commit_position: position, prepare_position: position } },
      });
    } else {
      call.write({
        correlation_id: request.correlation_id,
        stream_identifier: identifier,
        error: {
          code: grpc.status.FAILED_PRECONDITION,
          message: 'WrongExpectedVersion',
          details: {
            type_url: 'type.googleapis.com/event_store.client.WrongExpectedVersion',
            value: encodeWrongExpectedVersion(result.current, entry.options),
          },
        },
      });
    }
  });
  call.on('end', () => call.end());
  call.on('error', () => pending.clear());
}

/** `dataDir` holds only the TLS identity and the user, made as the embedded server makes them. */
export async function startCeilingServer(options: { host?: string; port?: number; dataDir: string }): Promise<CeilingServer> {
  const { serverCredentials, authenticated } = await secureTransport(options.dataDir);
  const { streams, serverFeatures } = loadEventStoreProtocol();
  const store = new CeilingStore();
  const server = new grpc.Server();
  const unimplemented = (_call: unknown, callback?: (error: grpc.ServiceError) => void) => {
    const error = Object.assign(new Error('not implemented by the ceiling server'), { code: grpc.status.UNIMPLEMENTED });
    if (typeof callback === 'function') callback(error as grpc.ServiceError);
    else (_call as { destroy(e: unknown): void }).destroy(error);
  };
  server.addService(serverFeatures, {
    GetSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
      callback(null, {
        event_store_server_version: SERVER_VERSION,
        methods: [
          { method_name: 'batchappend', service_name: 'event_store.client.streams.streams', features: [] },
          { method_name: 'read', service_name: 'event_store.client.streams.streams', features: ['all'] },
        ],
      }),
  });
  server.addService(streams, {
    Read: authenticated((call: ReadCall) => handleRead(store, call)),
    BatchAppend: authenticated((call: grpc.ServerDuplexStream<BatchAppendRequest, unknown>) => handleBatchAppend(store, call)),
    Append: unimplemented,
    Delete: unimplemented,
    Tombstone: unimplemented,
  });
  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => server.bindAsync(`${host}:${options.port ?? 0}`, serverCredentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000).unref();
      }),
  };
}
