/**
 * The embedded EventStoreDB-compatible server: EventStoreDB's gRPC Streams and ServerFeatures
 * services over an LMDB event log. Anything else (persistent subscriptions, projections, users,
 * operations, gossip) is not registered, so grpc-js answers UNIMPLEMENTED for it.
 *
 * Like EventStoreDB in secure mode it serves TLS and every Streams call needs the user's credentials
 * (docs/adr/0010-embedded-server-credentials.md); ServerFeatures answers anyone, as clients ask it
 * before their first call.
 */
import { Server } from '@grpc/grpc-js';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';
import { loadEventStoreProtocol } from './protocol/protocol';
import { Durability, EventLog } from './storage/event-log';
import { appendHandler, batchAppendHandler } from './grpc/append.handlers';
import { CommitSignal, readHandler } from './grpc/read.handler';
import { deleteHandler } from './grpc/delete.handlers';
import { supportedMethodsHandler } from './grpc/server-features.handler';
import { secureTransport } from './grpc/secure-transport';
import { makeTreePrivate } from '@handoff/shared/process/private-files';

export interface EventStoreServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Bytes; EventStoreDB's default is 1,048,576. */
  maxAppendSize?: number;
  /** 'process' (default): acknowledged once committed to the file (survives kill -9); 'fsync': once flushed to the device. */
  durability?: Durability;
}

export interface RunningEventStoreServer {
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Read answers events, and BatchAppend successes, with messages already encoded (from the stored
 * records, see storage/event-record.ts, and grpc/codec.ts); every other answer is an object that
 * protobufjs encodes as usual. The shared definition is copied, not changed.
 */
function withPreEncodedAnswers(streams: ServiceDefinition): ServiceDefinition {
  const passBuffers = (method: MethodDefinition<unknown, unknown>): MethodDefinition<unknown, unknown> => {
    const encode = method.responseSerialize;
    return { ...method, responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : encode(value)) };
  };
  return {
    ...streams,
    Read: passBuffers(streams.Read as MethodDefinition<unknown, unknown>),
    BatchAppend: passBuffers(streams.BatchAppend as MethodDefinition<unknown, unknown>),
  };
}

export async function startEventStoreServer(options: EventStoreServerOptions): Promise<RunningEventStoreServer> {
  const { serverCredentials, authenticated } = await secureTransport(options.dataDir);
  const log = EventLog.open({ dataDir: options.dataDir, durability: options.durability });
  makeTreePrivate(options.dataDir);
  const signal = new CommitSignal(log);
  const context = { log, maxAppendSize: options.maxAppendSize ?? 1_048_576 };
  const protocol = loadEventStoreProtocol();

  const server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  const streams = withPreEncodedAnswers(protocol.streams);
  server.addService(streams, {
    Read: authenticated(readHandler(log, signal, streams.Read!.responseSerialize as (message: unknown) => Buffer)),
    Append: authenticated(appendHandler(context)),
    BatchAppend: authenticated(batchAppendHandler(context)),
    Delete: authenticated(deleteHandler(log, 'delete')),
    Tombstone: authenticated(deleteHandler(log, 'tombstone')),
  });
  server.addService(protocol.serverFeatures, { GetSupportedMethods: supportedMethodsHandler });

  const host = options.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) => server.bindAsync(`${host}:${options.port}`, serverCredentials, (error, bound) => (error ? reject(error) : resolve(bound))));

  return {
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Subscriptions never end on their own; give in-flight calls a moment, then cut them.
        setTimeout(() => server.forceShutdown(), 500).unref();
      });
      await log.close();
    },
  };
}
