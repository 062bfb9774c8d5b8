/**
 * Hostile and broken clients against the embedded server, through raw gRPC (the official client
 * never sends these). Every malformed request gets a gRPC error, and the server keeps serving.
 */
import * as grpc from '@grpc/grpc-js';
import { EventStoreDBClient, jsonEvent, START } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { startTestEventStore, TestEventStore } from '../../../../test/support/embedded-event-store.fixture';
import { loadEventStoreProtocol } from './protocol/protocol';

jest.setTimeout(30_000);

type RawClient = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

let store: TestEventStore;
let raw: RawClient;
let rawBytes: grpc.Client;
let official: EventStoreDBClient;

beforeAll(async () => {
  store = await startTestEventStore();
  const address = `localhost:${store.server.port}`;
  const credentials = grpc.credentials.combineChannelCredentials(
    grpc.credentials.createSsl(store.certificate),
    grpc.credentials.createFromMetadataGenerator((_, done) => {
      const metadata = new grpc.Metadata();
      metadata.set('authorization', store.authorization);
      done(null, metadata);
    }),
  );
  const Streams = grpc.makeGenericClientConstructor(loadEventStoreProtocol().streams, 'Streams');
  raw = new Streams(address, credentials) as unknown as RawClient;
  // A client that sends arbitrary bytes where a ReadReq is expected.
  const identity = (b: Buffer) => b;
  const Garbage = grpc.makeGenericClientConstructor(
    {
      Read: {
        path: '/event_store.client.streams.Streams/Read',
        requestStream: false,
        responseStream: true,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    'Garbage',
  );
  rawBytes = new Garbage(address, credentials);
  official = EventStoreDBClient.connectionString(store.connectionString);
});

afterAll(async () => {
  raw.close();
  rawBytes.close();
  await official.dispose();
  await store.dispose();
});

function readAllFrom(call: grpc.ClientReadableStream<unknown>): Promise<{ messages: unknown[]; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const messages: unknown[] = [];
    call.on('data', (m) => messages.push(m));
    call.on('error', (error: grpc.ServiceError) => resolve({ messages, error }));
    call.on('end', () => resolve({ messages }));
  });
}

async function serverStillServes(): Promise<void> {
  const stream = `alive-${randomUUID()}`;
  await official.appendToStream(stream, jsonEvent({ type: 'StillAlive', data: { ok: true } }));
  const events = [];
  for await (const resolved of official.readStream(stream)) events.push(resolved.event?.type);
  expect(events).toEqual(['StillAlive']);
}

describe('embedded server under malformed requests', () => {
  it('answers a Read without options with INVALID_ARGUMENT', async () => {
    const { error } = await readAllFrom((raw.Read as (r: unknown) => grpc.ClientReadableStream<unknown>).call(raw, {}));
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    await serverStillServes();
  });

  it('answers bytes that are not a protobuf message with an error, not a crash', async () => {
    const call = (rawBytes as unknown as { Read(b: Buffer): grpc.ClientReadableStream<unknown> }).Read(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    const { error } = await readAllFrom(call);
    expect(error).toBeDefined();
    expect(error!.code).not.toBe(grpc.status.OK);
    await serverStillServes();
  });

  it('refuses an invalid filter regex with INVALID_ARGUMENT', async () => {
    const call = (raw.Read as (r: unknown) => grpc.ClientReadableStream<unknown>).call(raw, {
      options: {
        all: { start: {} },
        subscription: {},
        filter: { event_type: { regex: '([unclosed' }, count: {}, checkpointIntervalMultiplier: 1 },
        uuid_option: { string: {} },
      },
    });
    const { error } = await readAllFrom(call);
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/regex/);
  });

  it('refuses a stream read with an empty stream name', async () => {
    const call = (raw.Read as (r: unknown) => grpc.ClientReadableStream<unknown>).call(raw, {
      options: { stream: { stream_identifier: { stream_name: Buffer.alloc(0) }, start: {} }, count: '10', no_filter: {} },
    });
    const { error } = await readAllFrom(call);
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('refuses an Append whose first message is an event rather than options', async () => {
    const result = await new Promise<grpc.ServiceError | null>((resolve) => {
      const sink = (raw.Append as (cb: (e: grpc.ServiceError | null) => void) => grpc.ClientWritableStream<unknown>).call(raw, (error) => resolve(error));
      sink.write({ proposed_message: { id: { string: randomUUID() }, metadata: { type: 'X', 'content-type': 'application/json' }, data: Buffer.from('{}') } });
      sink.end();
    });
    expect(result?.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('refuses an Append event without type metadata, writing nothing', async () => {
    const stream = `bad-${randomUUID()}`;
    const result = await new Promise<grpc.ServiceError | null>((resolve) => {
      const sink = (raw.Append as (cb: (e: grpc.ServiceError | null) => void) => grpc.ClientWritableStream<unknown>).call(raw, (error) => resolve(error));
      sink.write({ options: { stream_identifier: { stream_name: Buffer.from(stream) }, any: {} } });
      sink.write({ proposed_message: { id: { string: randomUUID() }, metadata: { 'content-type': 'application/json' }, data: Buffer.from('{}') } });
      sink.end();
    });
    expect(result?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(result?.metadata.get('exception')).toEqual(['missing-required-metadata-property']);
    await expect(async () => {
      for await (const _ of official.readStream(stream)) void _;
    }).rejects.toMatchObject({ type: 'stream-not-found' });
  });

  it('answers a BatchAppend with a bad event id with an error for that correlation only', async () => {
    const call = (raw.BatchAppend as () => grpc.ClientDuplexStream<unknown, Record<string, unknown>>).call(raw);
    const responses: Record<string, unknown>[] = [];
    const done = new Promise<void>((resolve) => {
      call.on('data', (r) => {
        responses.push(r);
        if (responses.length === 2) resolve();
      });
    });
    const good = randomUUID();
    const bad = randomUUID();
    const stream = `batch-${randomUUID()}`;
    call.write({
      correlation_id: { string: bad },
      options: { stream_identifier: { stream_name: Buffer.from(stream) }, any: {} },
      proposed_messages: [{ id: { string: 'not-a-uuid' }, metadata: { type: 'X', 'content-type': 'application/json' }, data: Buffer.from('{}') }],
      is_final: true,
    });
    call.write({
      correlation_id: { string: good },
      options: { stream_identifier: { stream_name: Buffer.from(stream) }, any: {} },
      proposed_messages: [{ id: { string: randomUUID() }, metadata: { type: 'Y', 'content-type': 'application/json' }, data: Buffer.from('{}') }],
      is_final: true,
    });
    await done;
    call.end();
    const byId = new Map(responses.map((r) => [(r.correlation_id as { string: string }).string, r]));
    expect(byId.get(bad)).toHaveProperty('error');
    expect((byId.get(bad)!.error as { message: string }).message).toMatch(/not a UUID/);
    expect(byId.get(good)).toHaveProperty('success');
  });

  it('costs nothing when a subscriber vanishes mid-stream', async () => {
    const stream = `vanish-${randomUUID()}`;
    await official.appendToStream(
      stream,
      Array.from({ length: 200 }, (_, i) => jsonEvent({ type: 'Filled', data: { i } })),
    );
    for (let i = 0; i < 5; i++) {
      const client = EventStoreDBClient.connectionString(store.connectionString);
      const subscription = client.subscribeToAll({ fromPosition: START });
      await new Promise<void>((resolve) => subscription.once('data', () => resolve()));
      // Drop the connection without unsubscribing.
      await client.dispose();
    }
    await serverStillServes();
  });
});
