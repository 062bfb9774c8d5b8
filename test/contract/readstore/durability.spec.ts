/**
 * Durability of the embedded server (needs process control, so embedded only): read models survive
 * a graceful restart (documents, indexes, unique constraints) and a SIGKILL mid-write loses no
 * acknowledged write and leaves a store that opens cleanly.
 */
import * as path from 'node:path';
import { spawnLineWriter } from '../../support/line-writer-process';
import { ContractTarget, createTarget, isEmbeddedTarget, rejectionOf } from './support/target';

jest.setTimeout(60_000);

const describeEmbedded = isEmbeddedTarget ? describe : describe.skip;
let target: ContractTarget;

describeEmbedded('durability (embedded server only)', () => {
  beforeAll(async () => {
    target = await createTarget('durability');
  });
  afterAll(async () => {
    await target?.close();
  });

  test('after a graceful restart documents, indexes and uniqueness are all there', async () => {
    const c = () => target.db.collection<any>('kept');
    await c().insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, email: `c${i}@x`, n: i })));
    await c().createIndex({ email: 1 }, { unique: true });
    await c().updateMany({ n: { $lt: 10 } }, { $set: { early: true } });
    await c().deleteOne({ _id: 499 });

    await target.restart();

    expect(await c().countDocuments()).toBe(499);
    expect(await c().estimatedDocumentCount()).toBe(499);
    expect(await c().countDocuments({ early: true })).toBe(10);
    expect((await c().listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'email_1']);
    const explained = await c().find({ email: 'c42@x' }).explain('executionStats');
    expect(explained.executionStats.totalDocsExamined).toBe(1);
    const duplicate = await rejectionOf(c().insertOne({ _id: 1000, email: 'c42@x' }));
    expect(duplicate.code).toBe(11000);
  });

  test('SIGKILL of the server mid-write loses no acknowledged write; the store opens cleanly', async () => {
    const script = path.join(process.cwd(), 'dist', 'test', 'contract', 'readstore', 'support', 'crash-writer.js');
    let acked = -1;
    let done = '';
    const writer = spawnLineWriter(script, [target.uri, target.db.databaseName, '10000'], (line) => {
      const ack = /^ack (\d+)$/.exec(line);
      if (ack) acked = Number(ack[1]);
      else if (line.startsWith('done')) done = line;
    });
    try {
      const deadline = Date.now() + 15_000;
      while (acked < 200 && !done && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(done).toBe('');
      await target.kill();
      await writer.exitWithin(8_000);
    } finally {
      writer.killIfRunning();
    }
    expect(acked).toBeGreaterThanOrEqual(200);

    await target.start();
    const writes = target.db.collection<any>('writes');
    const ids = (
      await writes
        .find({}, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => d._id);
    // every acknowledged insert is there, in one piece; at most the one in flight beyond it
    expect(ids.slice(0, acked + 1)).toEqual(Array.from({ length: acked + 1 }, (_, i) => i));
    expect(ids.length).toBeLessThanOrEqual(acked + 2);
    const counter = await target.db.collection<any>('counter').findOne({ _id: 'count' });
    expect(counter!.last).toBeGreaterThanOrEqual(acked);
    const sample = await writes.findOne({ _id: acked });
    expect(sample).toEqual({ _id: acked, marker: `m-${acked}`, padding: 'x'.repeat(200) });
    // and it takes writes again
    await writes.insertOne({ _id: -1, marker: 'after' });
    expect(await writes.countDocuments({ _id: -1 })).toBe(1);
  });
});
