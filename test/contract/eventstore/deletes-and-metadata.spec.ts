/**
 * EventStoreDB contract: soft delete, tombstone (hard delete), stream metadata.
 *
 * Semantics relied on:
 * - Soft delete: reads say StreamNotFound; appending again recreates the stream, revisions continue from
 *   where they were and only the new events are visible (EventStore docs "Deleting streams and events";
 *   IndexWriter.CheckCommit lets no_stream write to a soft-deleted stream). EventStore-Client-NodeJS
 *   packages/test/src/streams/deleteStream.test.ts.
 * - Tombstone: reads and appends fail with StreamDeleted, tombstoning a stream that never existed works
 *   (packages/test/src/streams/tombstoneStream.test.ts); IndexWriter.CheckCommit returns Deleted for
 *   any write (including another delete) to a tombstoned stream.
 * - $maxCount and $tb in stream metadata hide events from stream reads immediately (before scavenging).
 */
import { BACKWARDS, END, NO_STREAM, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { ContractTarget, createTarget } from './support/target';
import { readStreamEvents, rejectionOf, testEvents, uniqueStream } from './support/events';

jest.setTimeout(30_000);

let target: ContractTarget;
const client = () => target.client;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(async () => {
  await target?.close();
});

const revisions = (events: { event?: { revision: bigint } }[]) => events.map((e) => Number(e.event!.revision));

describe('delete (soft)', () => {
  test('after deleteStream, reads in both directions throw StreamNotFoundError', async () => {
    const stream = uniqueStream('del');
    await client().appendToStream(stream, testEvents(3));
    await client().deleteStream(stream);
    const forwards = await rejectionOf(readStreamEvents(client(), stream));
    expect(forwards).toBeInstanceOf(StreamNotFoundError);
    expect((forwards as StreamNotFoundError).streamName).toBe(stream);
    expect(await rejectionOf(readStreamEvents(client(), stream, { direction: BACKWARDS, fromRevision: END }))).toBeInstanceOf(StreamNotFoundError);
  });

  test('appending after a soft delete continues the revisions and only the new events are visible', async () => {
    const stream = uniqueStream('del');
    await client().appendToStream(stream, testEvents(3));
    await client().deleteStream(stream);
    const fresh = testEvents(2, 'Recreated');
    const result = await client().appendToStream(stream, fresh);
    expect(result.nextExpectedRevision).toBe(4n);
    const events = await readStreamEvents(client(), stream);
    expect(revisions(events)).toEqual([3, 4]);
    expect(events.map((e) => e.event!.id)).toEqual(fresh.map((e) => e.id));
  });

  test('a soft-deleted stream accepts no_stream and continues at the next revision', async () => {
    const stream = uniqueStream('del');
    await client().appendToStream(stream, testEvents(3));
    await client().deleteStream(stream);
    const result = await client().appendToStream(stream, testEvents(1), { expectedRevision: NO_STREAM });
    expect(result.nextExpectedRevision).toBe(3n);
    expect(revisions(await readStreamEvents(client(), stream))).toEqual([3]);
  });

  test('deleteStream with a wrong expected revision fails with WrongExpectedVersionError and deletes nothing', async () => {
    const stream = uniqueStream('del');
    await client().appendToStream(stream, testEvents(3));
    const error = await rejectionOf(client().deleteStream(stream, { expectedRevision: 5n }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).streamName).toBe(stream);
    expect((error as WrongExpectedVersionError).expectedVersion).toBe(5n);
    expect(await readStreamEvents(client(), stream)).toHaveLength(3);
  });

  test('deleteStream with the exact current revision succeeds', async () => {
    const stream = uniqueStream('del');
    await client().appendToStream(stream, testEvents(3));
    await client().deleteStream(stream, { expectedRevision: 2n });
    expect(await rejectionOf(readStreamEvents(client(), stream))).toBeInstanceOf(StreamNotFoundError);
  });
});

describe('tombstone (hard delete)', () => {
  test('after tombstoneStream, reads throw StreamDeletedError naming the stream', async () => {
    const stream = uniqueStream('tomb');
    await client().appendToStream(stream, testEvents(3));
    await client().tombstoneStream(stream);
    const error = await rejectionOf(readStreamEvents(client(), stream));
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect((error as StreamDeletedError).streamName).toBe(stream);
  });

  test('appends to a tombstoned stream throw StreamDeletedError, with any expected revision', async () => {
    const stream = uniqueStream('tomb');
    await client().appendToStream(stream, testEvents(2));
    await client().tombstoneStream(stream);
    for (const expectedRevision of ['any', 'no_stream', 'stream_exists', 1n] as const) {
      const error = await rejectionOf(client().appendToStream(stream, testEvents(1), { expectedRevision }));
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect((error as StreamDeletedError).streamName).toBe(stream);
    }
  });

  test('tombstoning twice: the second tombstone throws StreamDeletedError', async () => {
    const stream = uniqueStream('tomb');
    await client().appendToStream(stream, testEvents(1));
    await client().tombstoneStream(stream);
    expect(await rejectionOf(client().tombstoneStream(stream))).toBeInstanceOf(StreamDeletedError);
    expect(await rejectionOf(client().deleteStream(stream))).toBeInstanceOf(StreamDeletedError);
  });

  test('tombstoning a stream that never existed (no_stream) succeeds and it can never be written', async () => {
    const stream = uniqueStream('tomb');
    await client().tombstoneStream(stream, { expectedRevision: NO_STREAM });
    expect(await rejectionOf(readStreamEvents(client(), stream))).toBeInstanceOf(StreamDeletedError);
    expect(await rejectionOf(client().appendToStream(stream, testEvents(1)))).toBeInstanceOf(StreamDeletedError);
  });

  test('tombstoning a soft-deleted stream makes it permanently deleted', async () => {
    const stream = uniqueStream('tomb');
    await client().appendToStream(stream, testEvents(1));
    await client().deleteStream(stream);
    await client().tombstoneStream(stream);
    expect(await rejectionOf(readStreamEvents(client(), stream))).toBeInstanceOf(StreamDeletedError);
  });
});

describe('stream metadata', () => {
  test('setStreamMetadata / getStreamMetadata round-trip maxCount, truncateBefore, maxAge and custom keys', async () => {
    const stream = uniqueStream('meta');
    await client().appendToStream(stream, testEvents(1));
    const metadata = { maxCount: 50, maxAge: 3_600, truncateBefore: 0, custom: { courier: 'volunteer', n: 3 }, flag: true };
    const result = await client().setStreamMetadata(stream, metadata);
    expect(result.nextExpectedRevision).toBe(0n);
    const read = await client().getStreamMetadata(stream);
    expect(read.streamName).toBe(stream);
    expect(read.metadata).toEqual(metadata);
  });

  test('getStreamMetadata of a stream without metadata returns no metadata', async () => {
    const stream = uniqueStream('meta');
    await client().appendToStream(stream, testEvents(1));
    const read = await client().getStreamMetadata(stream);
    expect(read.streamName).toBe(stream);
    expect(read.metadata).toBeUndefined();
  });

  test('the latest metadata wins; the metastream $$stream counts revisions', async () => {
    const stream = uniqueStream('meta');
    await client().setStreamMetadata(stream, { maxCount: 10 });
    const second = await client().setStreamMetadata(stream, { maxCount: 20, custom: 'x' });
    expect(second.nextExpectedRevision).toBe(1n);
    expect((await client().getStreamMetadata(stream)).metadata).toEqual({ maxCount: 20, custom: 'x' });
    const meta = await readStreamEvents(client(), `$$${stream}`);
    expect(meta.map((e) => e.event!.type)).toEqual(['$metadata', '$metadata']);
  });

  test('metadata can be set with an expected revision of the metastream, and fails on a stale one', async () => {
    const stream = uniqueStream('meta');
    await client().setStreamMetadata(stream, { maxCount: 10 }, { expectedRevision: NO_STREAM });
    const error = await rejectionOf(client().setStreamMetadata(stream, { maxCount: 11 }, { expectedRevision: NO_STREAM }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect((error as WrongExpectedVersionError).streamName).toBe(`$$${stream}`);
    expect((error as WrongExpectedVersionError).actualVersion).toBe(0n);
  });

  test('$maxCount hides all but the newest N events from stream reads', async () => {
    const stream = uniqueStream('meta');
    await client().appendToStream(stream, testEvents(5));
    await client().setStreamMetadata(stream, { maxCount: 2 });
    expect(revisions(await readStreamEvents(client(), stream))).toEqual([3, 4]);
    expect(revisions(await readStreamEvents(client(), stream, { direction: BACKWARDS, fromRevision: END }))).toEqual([4, 3]);
    // appends still continue the revisions
    const result = await client().appendToStream(stream, testEvents(1));
    expect(result.nextExpectedRevision).toBe(5n);
    expect(revisions(await readStreamEvents(client(), stream))).toEqual([4, 5]);
  });

  test('$tb (truncateBefore) hides events before that revision from stream reads', async () => {
    const stream = uniqueStream('meta');
    await client().appendToStream(stream, testEvents(5));
    await client().setStreamMetadata(stream, { truncateBefore: 3 });
    expect(revisions(await readStreamEvents(client(), stream))).toEqual([3, 4]);
    expect(revisions(await readStreamEvents(client(), stream, { direction: BACKWARDS, fromRevision: END }))).toEqual([4, 3]);
  });
});
