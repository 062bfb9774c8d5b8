import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, BACKWARDS, END, jsonEvent } from '@eventstore/db-client';
import { tamperWithEventLog } from '../../../../test/support/event-store-tampering';
import { EmbeddedEventStoreHandle, startEmbeddedEventStore } from './launch';

jest.setTimeout(60_000);

/** Reads a stream to its end, or fails; never longer than `ms`. */
async function readWithin(client: EventStoreDBClient, stream: string, options: Parameters<EventStoreDBClient['readStream']>[1] = {}, ms = 5_000) {
  const revisions: bigint[] = [];
  const read = (async () => {
    for await (const resolved of client.readStream(stream, options)) {
      revisions.push(resolved.event!.revision);
      if (revisions.length > 1_000) throw new Error('the read does not end: the server repeats events');
    }
    return revisions;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no end of the read within ${ms} ms`)), ms)));
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A stored record altered in the file (a flipped byte) must make the embedded server answer the
 * bytes or an error: never crash, never hang, never send events forever.
 */
describe('the embedded event store with corrupt records', () => {
  let dir: string;
  let server: EmbeddedEventStoreHandle;
  let client: EventStoreDBClient;
  const stream = `tote-${randomUUID()}`;

  const start = async () => {
    server = await startEmbeddedEventStore({ dataDir: dir, port: 0 });
    client = EventStoreDBClient.connectionString(server.connectionString);
  };
  const stop = async () => {
    await client.dispose();
    await server.stop();
  };

  beforeAll(async () => {
    dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'handoff-corrupt-')), 'eventstore');
    await start();
    const events = Array.from({ length: 5 }, (_, i) => jsonEvent({ type: 'TotePacked', data: { i } }));
    await client.appendToStream(stream, events);
    await stop();
  });

  afterAll(async () => {
    await stop().catch(() => undefined);
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('ends a stream read whose last record names a lower revision (it used to resend the stream forever)', async () => {
    await tamperWithEventLog(dir, (log) => {
      const last = log.records().find((r) => r.event?.s === stream && r.event?.r === 4)!;
      log.rewrite(last.position, (event) => ({ ...event, r: 1 }));
    });
    await start();
    expect(await readWithin(client, stream)).toEqual([0n, 1n, 2n, 3n, 1n]);
    expect(await readWithin(client, stream, { direction: BACKWARDS, fromRevision: END })).toEqual([1n, 3n, 2n, 1n, 0n]);
    await stop();
  });

  it('answers an error for a record whose framing is broken, and keeps serving', async () => {
    await tamperWithEventLog(dir, (log) => {
      const third = log.records().find((r) => r.event?.s === stream && r.event?.r === 2)!;
      const record = Buffer.from(third.record);
      record[0] = 0xff; // not a valid protobuf tag any more
      log.put(third.position, record);
    });
    await start();
    await expect(readWithin(client, stream)).rejects.toThrow();
    const all: bigint[] = [];
    await expect(
      (async () => {
        for await (const resolved of client.readAll({ maxCount: 100 })) all.push(resolved.event!.position!.commit);
      })(),
    ).rejects.toThrow();
    // Still up: another stream reads and writes.
    const other = `tote-${randomUUID()}`;
    await client.appendToStream(other, jsonEvent({ type: 'TotePacked', data: { i: 9 } }));
    expect(await readWithin(client, other)).toEqual([0n]);
  });
});
