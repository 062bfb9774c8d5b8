/**
 * Durability of the embedded server (needs process control, so embedded only): a graceful restart
 * and a SIGKILL mid-write both keep every acknowledged append, and no append is ever half written
 * (EventStoreDB appends are atomic: all events of one append or none).
 */
import { spawnLineWriter } from '../../support/line-writer-process';
import * as path from 'node:path';
import { Position } from '@eventstore/db-client';
import { ContractTarget, createTarget, isEmbeddedTarget } from './support/target';
import { comparePositions, readStreamEvents, readStreamOrEmpty, testEvents, uniqueStream, waitFor } from './support/events';

jest.setTimeout(45_000);

const describeEmbedded = isEmbeddedTarget ? describe : describe.skip;

let target: ContractTarget;
const client = () => target.client;

describeEmbedded('durability (embedded server only)', () => {
  beforeAll(async () => {
    target = await createTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  test('after a graceful restart on the same data dir every event is there and revisions and positions continue', async () => {
    const a = uniqueStream('restart');
    const b = uniqueStream('restart');
    const firstA = testEvents(3, 'BeforeRestart');
    await client().appendToStream(a, firstA);
    const lastBefore = await client().appendToStream(b, testEvents(2, 'BeforeRestart'));
    await client().setStreamMetadata(b, { custom: 'kept' });

    await target.restart();

    const readA = await readStreamEvents(client(), a);
    expect(readA.map((e) => e.event!.id)).toEqual(firstA.map((e) => e.id));
    expect(readA.map((e) => Number(e.event!.revision))).toEqual([0, 1, 2]);
    expect(await readStreamEvents(client(), b)).toHaveLength(2);
    expect((await client().getStreamMetadata(b)).metadata).toEqual({ custom: 'kept' });

    const after = await client().appendToStream(a, testEvents(1, 'AfterRestart'), { expectedRevision: 2n });
    expect(after.nextExpectedRevision).toBe(3n);
    expect(comparePositions(after.position!, lastBefore.position!)).toBeGreaterThan(0);

    const order: string[] = [];
    for await (const e of client().readAll()) {
      if (e.event?.streamId === a || e.event?.streamId === b) order.push(`${e.event.streamId === a ? 'a' : 'b'}${e.event.revision}`);
    }
    expect(order).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'a3']);
  });

  test('SIGKILL of the server mid-write loses no acknowledged append and leaves no partial append', async () => {
    const stream = uniqueStream('crash');
    const script = path.join(process.cwd(), 'dist', 'test', 'contract', 'eventstore', 'support', 'crash-writer.js');
    const acked: { marker: number; next: bigint }[] = [];
    let done = '';
    const writer = spawnLineWriter(script, [target.connectionString, stream, '2000', '5000'], (line) => {
      const ack = /^ack (\d+) (\d+)$/.exec(line);
      if (ack) acked.push({ marker: Number(ack[1]), next: BigInt(ack[2]) });
      else if (line.startsWith('done')) done = line;
    });
    try {
      await waitFor(() => acked.length >= 30 || done !== '', 10_000, 'the writer to get 30 appends acknowledged');
      expect(done).toBe(''); // still writing when the server dies
      await target.kill();
      await writer.exitWithin(8_000);
    } finally {
      writer.killIfRunning();
    }
    expect(acked.length).toBeGreaterThanOrEqual(30);

    await target.start();
    const events = await readStreamOrEmpty(client(), stream);
    const data = events.map((e) => e.event!.data as { marker: number; part: number });

    // every acknowledged append is there
    const lastAcked = acked[acked.length - 1];
    expect(acked.map((a) => a.marker)).toEqual(acked.map((_, i) => i));
    expect(events.length).toBeGreaterThanOrEqual(3 * acked.length);
    // appends are atomic: whole triples, in order, at revisions 3k..3k+2
    expect(events.length % 3).toBe(0);
    expect(events.length).toBeLessThanOrEqual(3 * (acked.length + 1)); // at most the one in flight
    data.forEach((d, i) => expect(d).toEqual({ marker: Math.floor(i / 3), part: i % 3 }));
    expect(events.map((e) => Number(e.event!.revision))).toEqual(events.map((_, i) => i));
    expect(BigInt(3 * acked.length - 1)).toBe(lastAcked.next);

    // the store opened cleanly: it takes the next append at the right revision, and $all is readable
    const next = await client().appendToStream(stream, testEvents(3, 'AfterCrash'), {
      expectedRevision: BigInt(events.length - 1),
    });
    expect(next.nextExpectedRevision).toBe(BigInt(events.length + 2));
    let lastPosition: Position | undefined;
    let count = 0;
    for await (const e of client().readAll()) {
      if (lastPosition) expect(comparePositions(lastPosition, e.event!.position!)).toBeLessThan(0);
      lastPosition = e.event!.position!;
      count++;
    }
    expect(count).toBeGreaterThanOrEqual(events.length + 3);
  });
});
