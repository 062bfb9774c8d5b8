/**
 * Reads answer many events per HTTP/2 write (batched-writer.ts). Seen from a raw HTTP/2 client: the
 * answer is still well-formed gRPC (every message decodes, in order, then grpc-status 0), and it
 * comes in far fewer HTTP/2 DATA frames than it has events. A proxy between client and server
 * counts the frames (the receiving socket coalesces bytes, so the client alone cannot tell):
 * written one message per stream write, as grpc-js does, a read of 2,000 events took 2,000+ frames.
 */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { startTestEventStore, TestEventStore } from '../../../../../test/support/embedded-event-store.fixture';
import { loadEventStoreProtocol } from '../protocol/protocol';

jest.setTimeout(30_000);

const EVENTS = 2_000;
const STREAM = 'batching-1';

let store: TestEventStore;
let official: EventStoreDBClient;

beforeAll(async () => {
  store = await startTestEventStore();
  official = EventStoreDBClient.connectionString(store.connectionString);
  for (let from = 0; from < EVENTS; from += 500) {
    await official.appendToStream(
      STREAM,
      Array.from({ length: 500 }, (_, i) => jsonEvent({ type: 'ThingHappened', data: { n: from + i } })),
    );
  }
});

afterAll(async () => {
  await official.dispose();
  await store.dispose();
});

interface RawAnswer {
  /** HTTP/2 DATA frames the server sent on the connection. */
  dataFrames: number;
  messages: Record<string, unknown>[];
  status: string | undefined;
}

/** One Read call over plain node:http2, returning the decoded answers and how they arrived. */
async function rawRead(options: Record<string, unknown>, stopAfter?: number): Promise<RawAnswer> {
  const read = loadEventStoreProtocol().streams.Read!;
  const request = read.requestSerialize({ options });
  const framed = Buffer.alloc(5 + request.length);
  framed.writeUInt32BE(request.length, 1);
  request.copy(framed, 5);
  const proxy = await frameCountingProxy(store.server.port);
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${proxy.port}`);
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': read.path, 'content-type': 'application/grpc', te: 'trailers', authorization: store.authorization });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    const messages = (): Record<string, unknown>[] => {
      const body = Buffer.concat(chunks);
      const decoded: Record<string, unknown>[] = [];
      for (let offset = 0; offset + 5 <= body.length;) {
        const length = body.readUInt32BE(offset + 1);
        if (offset + 5 + length > body.length) break; // the rest of this message has not arrived
        decoded.push(read.responseDeserialize(body.subarray(offset + 5, offset + 5 + length)) as Record<string, unknown>);
        offset += 5 + length;
      }
      return decoded;
    };
    stream.on('trailers', (trailers) => (status = String(trailers['grpc-status'])));
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (stopAfter !== undefined && messages().length >= stopAfter) stream.close(http2.constants.NGHTTP2_CANCEL);
    });
    stream.on('close', () => {
      session.close(() => {
        proxy.close();
        resolve({ dataFrames: proxy.dataFrames(), messages: messages(), status });
      });
    });
    stream.end(framed);
  });
}

/**
 * Forwards one plain-text connection to the server over TLS and counts the DATA frames (type 0) the
 * server sends: from its first byte, the server's side of an HTTP/2 connection is a run of frames
 * with 9-byte headers (24-bit payload length, type, flags, stream id).
 */
async function frameCountingProxy(serverPort: number): Promise<{ port: number; dataFrames(): number; close(): void }> {
  let frames = 0;
  let buffered = Buffer.alloc(0);
  const sockets: net.Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = tls.connect({ host: '127.0.0.1', port: serverPort, servername: 'localhost', ca: store.certificate, ALPNProtocols: ['h2'] });
    sockets.push(client, upstream);
    client.pipe(upstream);
    upstream.on('data', (bytes: Buffer) => {
      client.write(bytes);
      buffered = Buffer.concat([buffered, bytes]);
      while (buffered.length >= 9) {
        const length = buffered.readUIntBE(0, 3);
        if (buffered.length < 9 + length) break;
        if (buffered[3] === 0) frames++;
        buffered = buffered.subarray(9 + length);
      }
    });
    upstream.on('end', () => client.end());
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    dataFrames: () => frames,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

const revisionOf = (message: Record<string, unknown>): number => Number((message.event as { event: { stream_revision: string } }).event.stream_revision);

describe('Read answers in batches', () => {
  it('sends a read of 2,000 events as well-formed gRPC, in order, in far fewer HTTP/2 DATA frames than events', async () => {
    const answer = await rawRead({ stream: { stream_identifier: { stream_name: Buffer.from(STREAM) }, start: {} }, count: String(EVENTS), no_filter: {}, uuid_option: { string: {} } });
    expect(answer.status).toBe('0');
    expect(answer.messages.map(revisionOf)).toEqual(Array.from({ length: EVENTS }, (_, i) => i));
    expect(answer.dataFrames).toBeLessThan(EVENTS / 20);
  });

  it('sends a subscription confirmation, the events in order, then caught-up', async () => {
    const answer = await rawRead({ stream: { stream_identifier: { stream_name: Buffer.from(STREAM) }, start: {} }, subscription: {}, no_filter: {}, uuid_option: { string: {} } }, EVENTS + 2);
    const [confirmation, ...rest] = answer.messages;
    expect(confirmation).toHaveProperty('confirmation');
    expect(rest.slice(0, EVENTS).map(revisionOf)).toEqual(Array.from({ length: EVENTS }, (_, i) => i));
    expect(rest[EVENTS]).toHaveProperty('caught_up');
    expect(answer.dataFrames).toBeLessThan(EVENTS / 20);
  });

  it('keeps serving after a client cancels in the middle of a read', async () => {
    const cancelled = await rawRead({ stream: { stream_identifier: { stream_name: Buffer.from(STREAM) }, start: {} }, count: String(EVENTS), no_filter: {}, uuid_option: { string: {} } }, 10);
    expect(cancelled.messages.length).toBeGreaterThanOrEqual(10);
    const events = [];
    for await (const resolved of official.readStream(STREAM, { maxCount: 5 })) events.push(resolved.event?.revision);
    expect(events).toEqual([0n, 1n, 2n, 3n, 4n]);
  });
});
