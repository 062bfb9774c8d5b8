/**
 * EventStoreDB contract: appends, optimistic concurrency, idempotency, append size limit.
 *
 * Semantics relied on (EventStore/EventStore server source):
 * - src/EventStore.Core/Services/Transport/Grpc/Streams.BatchAppend.cs: WrongExpectedVersion and
 *   MaximumAppendSizeExceeded come back as BatchAppendResp errors carrying the stream name.
 * - src/EventStore.Core/Services/Transport/Grpc/WrongExpectedVersion.cs + StreamRevision.cs: current
 *   revision -1 is sent as `current_no_stream`, the expected any/no_stream/stream_exists/revision as given.
 * - src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs (CheckCommit): idempotency rules.
 */
import { ANY, MaxAppendSizeExceededError, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError, binaryEvent, AppendResult, EventData } from '@eventstore/db-client';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ContractTarget, createTarget } from './support/target';
import { expectStrictlyIncreasing, readStreamEvents, readStreamOrEmpty, rejectionOf, testEvent, testEvents, uniqueStream, uuid } from './support/events';

jest.setTimeout(30_000);

let target: ContractTarget;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(async () => {
  await target?.close();
});

const client = () => target.client;

async function expectWrongExpectedVersion(promise: Promise<unknown>, streamName: string, expectedVersion: unknown, actualVersion: unknown): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  const wev = error as WrongExpectedVersionError;
  expect({ streamName: wev.streamName, expectedVersion: wev.expectedVersion, actualVersion: wev.actualVersion }).toEqual({
    streamName,
    expectedVersion,
    actualVersion,
  });
}

describe('appends: expected revision', () => {
  test('the server advertises BatchAppend, so the client appends through it as against EventStoreDB', async () => {
    const supports = (client() as unknown as { supports(method: unknown): Promise<boolean> }).supports;
    expect(await supports.call(client(), StreamsService.batchAppend)).toBe(true);
  });

  test('appending one event to a new stream with no_stream returns nextExpectedRevision 0 and a position', async () => {
    const stream = uniqueStream('append');
    const result = await client().appendToStream(stream, testEvent(), { expectedRevision: NO_STREAM });
    expect(result.success).toBe(true);
    expect(result.nextExpectedRevision).toBe(0n);
    expect(result.position).toBeDefined();
    expect(typeof result.position!.commit).toBe('bigint');
    expect(typeof result.position!.prepare).toBe('bigint');
    expect(result.position!.commit).toBeGreaterThanOrEqual(result.position!.prepare);
  });

  test('appending three events with any to a new stream returns nextExpectedRevision 2; revisions are 0..2', async () => {
    const stream = uniqueStream('append');
    const events = testEvents(3);
    const result = await client().appendToStream(stream, events, { expectedRevision: ANY });
    expect(result.nextExpectedRevision).toBe(2n);
    const read = await readStreamEvents(client(), stream);
    expect(read.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n]);
    expect(read.map((e) => e.event!.id)).toEqual(events.map((e) => e.id));
  });

  test('any on an existing stream appends after its last event', async () => {
    const stream = uniqueStream('append');
    await client().appendToStream(stream, testEvents(2));
    const result = await client().appendToStream(stream, testEvents(2), { expectedRevision: ANY });
    expect(result.nextExpectedRevision).toBe(3n);
  });

  test('stream_exists on an existing stream succeeds', async () => {
    const stream = uniqueStream('append');
    await client().appendToStream(stream, testEvents(2));
    const result = await client().appendToStream(stream, testEvent(), { expectedRevision: STREAM_EXISTS });
    expect(result.nextExpectedRevision).toBe(2n);
  });

  test('stream_exists on a missing stream fails: expected stream_exists, actual no_stream', async () => {
    const stream = uniqueStream('append');
    await expectWrongExpectedVersion(client().appendToStream(stream, testEvent(), { expectedRevision: STREAM_EXISTS }), stream, 'stream_exists', 'no_stream');
    expect(await readStreamOrEmpty(client(), stream)).toEqual([]);
  });

  test('no_stream on an existing stream (with new event ids) fails: expected no_stream, actual 2', async () => {
    const stream = uniqueStream('append');
    await client().appendToStream(stream, testEvents(3));
    await expectWrongExpectedVersion(client().appendToStream(stream, testEvent(), { expectedRevision: NO_STREAM }), stream, 'no_stream', 2n);
  });

  test('the exact current revision succeeds and returns revision + number of events', async () => {
    const stream = uniqueStream('append');
    await client().appendToStream(stream, testEvents(3));
    const result = await client().appendToStream(stream, testEvents(2), { expectedRevision: 2n });
    expect(result.nextExpectedRevision).toBe(4n);
  });

  test('an exact revision ahead of the stream fails: expected 5, actual 2', async () => {
    const stream = uniqueStream('append');
    await client().appendToStream(stream, testEvents(3));
    await expectWrongExpectedVersion(client().appendToStream(stream, testEvent(), { expectedRevision: 5n }), stream, 5n, 2n);
  });

  test('a stale exact revision (with new event ids) fails: expected 0, actual 2, and writes nothing', async () => {
    const stream = uniqueStream('append');
    await client().appendToStream(stream, testEvents(3));
    await expectWrongExpectedVersion(client().appendToStream(stream, testEvents(2), { expectedRevision: 0n }), stream, 0n, 2n);
    expect(await readStreamEvents(client(), stream)).toHaveLength(3);
  });

  test('an exact revision on a missing stream fails: expected 0, actual no_stream', async () => {
    const stream = uniqueStream('append');
    await expectWrongExpectedVersion(client().appendToStream(stream, testEvent(), { expectedRevision: 0n }), stream, 0n, 'no_stream');
    expect(await readStreamOrEmpty(client(), stream)).toEqual([]);
  });

  test('positions returned by successive appends strictly increase, also across streams', async () => {
    const a = uniqueStream('append');
    const b = uniqueStream('append');
    const positions = [];
    for (let i = 0; i < 10; i++) {
      const result = await client().appendToStream(i % 2 ? a : b, testEvents(1 + (i % 3)));
      positions.push(result.position!);
    }
    expectStrictlyIncreasing(positions);
  });

  test('events of one multi-event append are contiguous in the stream and in $all order', async () => {
    const stream = uniqueStream('append');
    await client().appendToStream(stream, testEvents(5));
    const read = await readStreamEvents(client(), stream);
    expect(read.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expectStrictlyIncreasing(read.map((e) => e.event!.position!));
  });
});

describe('appends: concurrent writers on one stream', () => {
  test('20 concurrent appends with the same expected revision: exactly one succeeds, 19 get WrongExpectedVersion', async () => {
    const stream = uniqueStream('race');
    await client().appendToStream(stream, testEvent());
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => client().appendToStream(stream, testEvent('Raced', { i }), { expectedRevision: 0n })));
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(succeeded).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const failure of failed) {
      expect(failure.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((failure.reason as WrongExpectedVersionError).expectedVersion).toBe(0n);
      expect((failure.reason as WrongExpectedVersionError).actualVersion).toBe(1n);
    }
    expect(await readStreamEvents(client(), stream)).toHaveLength(2);
  });

  test('4 writers with optimistic retries produce revisions 0..N-1, no gaps, every event exactly once', async () => {
    const stream = uniqueStream('race');
    const writers = 4;
    const perWriter = 15;
    const deadline = Date.now() + 15_000;
    let attempts = 0;
    const written: string[] = [];

    const writer = async (w: number) => {
      let expected: bigint | 'no_stream' = 'no_stream';
      for (let n = 0; n < perWriter; n++) {
        const event = testEvent('Raced', { w, n });
        for (;;) {
          if (++attempts > 2_000 || Date.now() > deadline) throw new Error(`gave up after ${attempts} attempts`);
          try {
            const result: AppendResult = await client().appendToStream(stream, event, { expectedRevision: expected });
            expected = result.nextExpectedRevision;
            written.push(event.id);
            break;
          } catch (error) {
            if (!(error instanceof WrongExpectedVersionError)) throw error;
            expected = error.actualVersion;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

    const read = await readStreamEvents(client(), stream);
    const total = writers * perWriter;
    expect(read.map((e) => e.event!.revision)).toEqual(Array.from({ length: total }, (_, i) => BigInt(i)));
    const ids = read.map((e) => e.event!.id);
    expect(new Set(ids).size).toBe(total);
    expect([...ids].sort()).toEqual([...written].sort());
    // each writer's events keep their own order
    for (let w = 0; w < writers; w++) {
      const mine = read
        .map((e) => e.event!.data as { w: number; n: number })
        .filter((d) => d.w === w)
        .map((d) => d.n);
      expect(mine).toEqual(Array.from({ length: perWriter }, (_, n) => n));
    }
  });
});

describe('appends: idempotency (same event ids)', () => {
  test('re-sending the same events with the same no_stream succeeds without writing twice', async () => {
    const stream = uniqueStream('idem');
    const events = testEvents(3);
    const first = await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    const retry = await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    expect(first.nextExpectedRevision).toBe(2n);
    expect(retry.success).toBe(true);
    expect(retry.nextExpectedRevision).toBe(2n);
    const read = await readStreamEvents(client(), stream);
    expect(read.map((e) => e.event!.id)).toEqual(events.map((e) => e.id));
  });

  test('re-sending the same events with the same exact revision succeeds without writing twice', async () => {
    const stream = uniqueStream('idem');
    await client().appendToStream(stream, testEvent());
    const events = testEvents(2);
    const first = await client().appendToStream(stream, events, { expectedRevision: 0n });
    const retry = await client().appendToStream(stream, events, { expectedRevision: 0n });
    expect(first.nextExpectedRevision).toBe(2n);
    expect(retry.nextExpectedRevision).toBe(2n);
    expect(await readStreamEvents(client(), stream)).toHaveLength(3);
  });

  test('re-sending the same events with any succeeds without writing twice', async () => {
    const stream = uniqueStream('idem');
    const events = testEvents(2);
    await client().appendToStream(stream, events, { expectedRevision: ANY });
    const retry = await client().appendToStream(stream, events, { expectedRevision: ANY });
    expect(retry.nextExpectedRevision).toBe(1n);
    expect(await readStreamEvents(client(), stream)).toHaveLength(2);
  });

  test('re-sending the first write of a stream after others wrote: the retry is acknowledged with its original revision', async () => {
    const stream = uniqueStream('idem');
    const events = testEvents(2);
    await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    await client().appendToStream(stream, testEvents(3), { expectedRevision: 1n });
    const retry = await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    expect(retry.nextExpectedRevision).toBe(1n);
    expect(await readStreamEvents(client(), stream)).toHaveLength(5);
  });

  test('re-sending with a different, stale expected revision that does not match those events is a WrongExpectedVersion', async () => {
    // IndexWriter.CheckCommit: expected < current, event at expected+1 has another id => WrongExpectedVersion.
    const stream = uniqueStream('idem');
    const events = testEvents(2);
    await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    await expectWrongExpectedVersion(client().appendToStream(stream, events, { expectedRevision: 0n }), stream, 0n, 1n);
    expect(await readStreamEvents(client(), stream)).toHaveLength(2);
  });

  test('re-sending with expected revision equal to the current revision is a new write (ids are not deduplicated across revisions)', async () => {
    // IndexWriter.CheckCommit: expected == current => CommitDecision.Ok, no idempotency check.
    const stream = uniqueStream('idem');
    const events = testEvents(2);
    await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    const again = await client().appendToStream(stream, events, { expectedRevision: 1n });
    expect(again.nextExpectedRevision).toBe(3n);
    const read = await readStreamEvents(client(), stream);
    expect(read.map((e) => e.event!.id)).toEqual([...events, ...events].map((e) => e.id));
  });
});

describe('appends: size limit and bad input', () => {
  const bytes = (n: number, seed: number) => {
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = (i * 31 + seed) & 0xff;
    return data;
  };
  const big = (n: number, seed: number): EventData => binaryEvent({ id: uuid(), type: 'ContractBlob', data: bytes(n, seed) });

  test('an append adding up to more than 1,048,576 bytes is refused with MaxAppendSizeExceededError and writes nothing', async () => {
    const stream = uniqueStream('limit');
    const error = await rejectionOf(client().appendToStream(stream, [big(600_000, 1), big(600_000, 2)]));
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(1_048_576);
    expect(await readStreamOrEmpty(client(), stream)).toEqual([]);
  });

  test('a single event larger than the max append size is refused too', async () => {
    const stream = uniqueStream('limit');
    const error = await rejectionOf(client().appendToStream(stream, big(1_100_000, 3)));
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect(await readStreamOrEmpty(client(), stream)).toEqual([]);
  });

  test('an append just under the limit is accepted and reads back byte for byte; the connection keeps working after a refusal', async () => {
    const stream = uniqueStream('limit');
    await rejectionOf(client().appendToStream(stream, big(1_200_000, 4)));
    const event = big(1_000_000, 5);
    const result = await client().appendToStream(stream, event, { expectedRevision: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(0n);
    const [read] = await readStreamEvents(client(), stream);
    expect(Buffer.from(read.event!.data as Uint8Array).equals(Buffer.from(event.data as Uint8Array))).toBe(true);
  });
});
