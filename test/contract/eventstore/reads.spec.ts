/**
 * EventStoreDB contract: reading streams and $all.
 *
 * Semantics relied on:
 * - Stream reads are inclusive of fromRevision in both directions; a missing stream is StreamNotFound
 *   (client: streams/utils/ReadStream.js turns ReadResp.stream_not_found into StreamNotFoundError).
 * - $all forwards from a position is inclusive (EventStore-Client-NodeJS packages/test/src/streams/readAll.test.ts
 *   "from position": maxCount 1 from an event's position returns that event).
 * - $all backwards from a position is exclusive (EventStore/EventStore
 *   src/EventStore.Core/Services/Transport/Grpc/Enumerators.ReadAllBackwards.cs pages with NextPos = position of
 *   the last event returned, so a read from P yields only events before P).
 * - The shared $all contains system events, so assertions filter to this file's own streams.
 */
import { AllStreamResolvedEvent, BACKWARDS, END, FORWARDS, Position, START, StreamNotFoundError, binaryEvent, jsonEvent } from '@eventstore/db-client';
import { ContractTarget, createTarget } from './support/target';
import { bounded, comparePositions, expectStrictlyIncreasing, readStreamEvents, rejectionOf, testEvents, uniqueStream, uuid } from './support/events';

jest.setTimeout(30_000);

let target: ContractTarget;
const client = () => target.client;

/** This file's streams, written in beforeAll, in this order. */
const ten = uniqueStream('read');
const interleavedA = uniqueStream('read-a');
const interleavedB = uniqueStream('read-b');
const interleaved: { stream: string; id: string }[] = [];
let positionBeforeWrites: Position;

beforeAll(async () => {
  target = await createTarget();
  // a position before anything this file writes: the current end of $all
  const lastBefore = await readAllEvents({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
  positionBeforeWrites = lastBefore[0]?.event?.position ?? { commit: 0n, prepare: 0n };
  await client().appendToStream(ten, testEvents(10, 'Counted'));
  for (let i = 0; i < 6; i++) {
    const stream = i % 2 ? interleavedB : interleavedA;
    const [event] = testEvents(1, 'Interleaved', { i });
    await client().appendToStream(stream, event);
    interleaved.push({ stream, id: event.id });
  }
});
afterAll(async () => {
  await target?.close();
});

async function readAllEvents(options: Parameters<ContractTarget['client']['readAll']>[0]): Promise<AllStreamResolvedEvent[]> {
  const events: AllStreamResolvedEvent[] = [];
  const read = client().readAll(options);
  const reading = (async () => {
    for await (const resolved of read) events.push(resolved);
    return events;
  })();
  return bounded(reading, 5_000, 'readAll', () => void read.cancel().catch(() => undefined));
}

/** Reads $all until `stop` says so or limits are hit (bounded for shared servers with big logs). */
async function scanAll(
  options: Parameters<ContractTarget['client']['readAll']>[0],
  stop: (seen: AllStreamResolvedEvent[]) => boolean,
  limits = { count: 50_000, ms: 10_000 },
): Promise<AllStreamResolvedEvent[]> {
  const seen: AllStreamResolvedEvent[] = [];
  const deadline = Date.now() + limits.ms;
  const read = client().readAll(options);
  const reading = (async () => {
    for await (const resolved of read) {
      seen.push(resolved);
      if (stop(seen) || seen.length >= limits.count || Date.now() > deadline) break;
    }
    return seen;
  })();
  return bounded(reading, limits.ms + 2_000, 'readAll scan', () => void read.cancel().catch(() => undefined));
}

const mine = (events: AllStreamResolvedEvent[], streams: string[]) => events.filter((e) => e.event && streams.includes(e.event.streamId));

const revisions = (events: { event?: { revision: bigint } }[]) => events.map((e) => Number(e.event!.revision));

describe('reads: a single stream', () => {
  test('forwards from START returns every event in revision order', async () => {
    const events = await readStreamEvents(client(), ten);
    expect(revisions(events)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.map((e) => (e.event!.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.every((e) => e.event!.streamId === ten)).toBe(true);
  });

  test('backwards from END returns every event newest first', async () => {
    const events = await readStreamEvents(client(), ten, { direction: BACKWARDS, fromRevision: END });
    expect(revisions(events)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  test('backwards from END with maxCount 1 returns only the last event', async () => {
    const events = await readStreamEvents(client(), ten, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    expect(revisions(events)).toEqual([9]);
  });

  test('forwards from revision 3 with maxCount 4 returns revisions 3..6 (fromRevision inclusive)', async () => {
    const events = await readStreamEvents(client(), ten, { direction: FORWARDS, fromRevision: 3n, maxCount: 4 });
    expect(revisions(events)).toEqual([3, 4, 5, 6]);
  });

  test('backwards from revision 6 with maxCount 3 returns revisions 6, 5, 4 (fromRevision inclusive)', async () => {
    const events = await readStreamEvents(client(), ten, { direction: BACKWARDS, fromRevision: 6n, maxCount: 3 });
    expect(revisions(events)).toEqual([6, 5, 4]);
  });

  test('forwards from START with maxCount 2 returns revisions 0, 1', async () => {
    const events = await readStreamEvents(client(), ten, { fromRevision: START, maxCount: 2 });
    expect(revisions(events)).toEqual([0, 1]);
  });

  test('maxCount larger than the stream returns the whole stream', async () => {
    expect(await readStreamEvents(client(), ten, { maxCount: 1_000 })).toHaveLength(10);
  });

  test('forwards from a revision past the end returns nothing and no error', async () => {
    expect(await readStreamEvents(client(), ten, { fromRevision: 100n })).toEqual([]);
  });

  test('reading a stream that never existed throws StreamNotFoundError naming the stream (both directions)', async () => {
    const missing = uniqueStream('missing');
    const forwards = await rejectionOf(readStreamEvents(client(), missing));
    expect(forwards).toBeInstanceOf(StreamNotFoundError);
    expect((forwards as StreamNotFoundError).streamName).toBe(missing);
    const backwards = await rejectionOf(readStreamEvents(client(), missing, { direction: BACKWARDS, fromRevision: END }));
    expect(backwards).toBeInstanceOf(StreamNotFoundError);
  });

  test('stream events carry positions that strictly increase with revision', async () => {
    const events = await readStreamEvents(client(), ten);
    expectStrictlyIncreasing(events.map((e) => e.event!.position!));
  });
});

describe('reads: $all', () => {
  const ours = () => [ten, interleavedA, interleavedB];

  test('forwards from a position before our writes returns our events in write order with strictly increasing positions', async () => {
    const seen = await scanAll({ fromPosition: positionBeforeWrites }, (s) => mine(s, ours()).length >= 16);
    expectStrictlyIncreasing(seen.map((e) => e.event!.position!));
    const ourEvents = mine(seen, ours());
    expect(ourEvents.map((e) => e.event!.streamId)).toEqual([...Array(10).fill(ten), ...interleaved.map((x) => x.stream)]);
    expect(ourEvents.slice(10).map((e) => e.event!.id)).toEqual(interleaved.map((x) => x.id));
  });

  test('backwards from END returns our events newest first with strictly decreasing positions', async () => {
    const seen = await scanAll({ direction: BACKWARDS, fromPosition: END }, (s) => mine(s, ours()).length >= 16);
    const positions = seen.map((e) => e.event!.position!);
    expectStrictlyIncreasing([...positions].reverse());
    const ourEvents = mine(seen, ours());
    expect(ourEvents.slice(0, 6).map((e) => e.event!.id)).toEqual(interleaved.map((x) => x.id).reverse());
    expect(revisions(ourEvents.slice(6))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  test('forwards from START returns events with strictly increasing positions (first 200)', async () => {
    const seen = await readAllEvents({ fromPosition: START, maxCount: 200 });
    expect(seen.length).toBeGreaterThanOrEqual(16);
    expectStrictlyIncreasing(seen.map((e) => e.event!.position!));
  });

  test('maxCount limits $all reads exactly', async () => {
    expect(await readAllEvents({ maxCount: 3 })).toHaveLength(3);
    expect(await readAllEvents({ direction: BACKWARDS, fromPosition: END, maxCount: 5 })).toHaveLength(5);
  });

  test('backwards from END with maxCount 1 returns the newest event of the log, at or after our last write', async () => {
    const [last] = await readAllEvents({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    const ourLast = mine(await scanAll({ direction: BACKWARDS, fromPosition: END }, (s) => mine(s, ours()).length >= 1), ours())[0];
    expect(comparePositions(last.event!.position!, ourLast.event!.position!)).toBeGreaterThanOrEqual(0);
  });

  test('forwards from an event position includes that event (inclusive)', async () => {
    const third = await eventOf(interleaved[2].id);
    const [first] = await readAllEvents({ fromPosition: third.event!.position!, maxCount: 1 });
    expect(first.event!.id).toBe(interleaved[2].id);
    expect(first.event!.position).toEqual(third.event!.position);
  });

  test('backwards from an event position excludes that event: the next of ours is the one written before it', async () => {
    const third = await eventOf(interleaved[2].id);
    const at = third.event!.position!;
    const seen = await scanAll({ direction: BACKWARDS, fromPosition: at }, (s) => mine(s, ours()).length >= 1);
    expect(seen.length).toBeGreaterThan(0);
    for (const e of seen) expect(comparePositions(e.event!.position!, at)).toBeLessThan(0);
    expect(mine(seen, ours())[0].event!.id).toBe(interleaved[1].id);
  });

  async function eventOf(id: string): Promise<AllStreamResolvedEvent> {
    const seen = await scanAll({ fromPosition: positionBeforeWrites }, (s) => s.some((e) => e.event?.id === id));
    const found = seen.find((e) => e.event?.id === id);
    if (!found) throw new Error(`event ${id} not found in $all`);
    return found;
  }
});

describe('reads: event fields round-trip', () => {
  test('a JSON event keeps id, type, data, metadata, revision, position and a sensible created date', async () => {
    const stream = uniqueStream('fields');
    const id = uuid();
    const data = { parcelId: 'p-1', note: 'zerbrechlich — ☂', nested: { amountMinor: 180, currency: 'USD', tags: ['a', 'b'] }, n: null };
    const metadata = { $correlationId: uuid(), causationId: 'c-1', actor: { kind: 'courier' } };
    const before = Date.now();
    const result = await client().appendToStream(stream, jsonEvent({ id, type: 'ParcelHandoffAccepted', data, metadata }));
    const after = Date.now();

    const [resolved] = await readStreamEvents(client(), stream);
    const event = resolved.event!;
    expect(event.id).toBe(id);
    expect(event.streamId).toBe(stream);
    expect(event.type).toBe('ParcelHandoffAccepted');
    expect(event.isJson).toBe(true);
    expect(event.data).toEqual(data);
    expect(event.metadata).toEqual(metadata);
    expect(event.revision).toBe(0n);
    expect(event.position).toBeDefined();
    expect(event.created).toBeInstanceOf(Date);
    expect(event.created.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(event.created.getTime()).toBeLessThanOrEqual(after + 5_000);
    // the same event is found in $all at the position the stream read reports
    const [fromAll] = await readAllEvents({ fromPosition: event.position!, maxCount: 1 });
    expect(fromAll.event!.id).toBe(id);
    expect(fromAll.event!.data).toEqual(data);
    expect(result.nextExpectedRevision).toBe(0n);
  });

  test('a binary event keeps its exact bytes, content type and binary metadata', async () => {
    const stream = uniqueStream('fields');
    const id = uuid();
    const data = Uint8Array.from({ length: 256 }, (_, i) => i);
    const metadata = Uint8Array.from([0xff, 0x00, 0xfe, 0x7b]); // not JSON
    await client().appendToStream(stream, binaryEvent({ id, type: 'SignatureHashed', data, metadata }));
    const [resolved] = await readStreamEvents(client(), stream);
    const event = resolved.event!;
    expect(event.id).toBe(id);
    expect(event.type).toBe('SignatureHashed');
    expect(event.isJson).toBe(false);
    expect(Buffer.from(event.data as Uint8Array).equals(Buffer.from(data))).toBe(true);
    expect(Buffer.from(event.metadata as Uint8Array).equals(Buffer.from(metadata))).toBe(true);
  });

  test('an event without metadata reads back with metadata undefined', async () => {
    const stream = uniqueStream('fields');
    await client().appendToStream(stream, jsonEvent({ type: 'NoMeta', data: { a: 1 } }));
    const [resolved] = await readStreamEvents(client(), stream);
    expect(resolved.event!.metadata).toBeUndefined();
  });
});
