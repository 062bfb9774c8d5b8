import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { open } from 'lmdb';
import { EventLog } from './event-log';
import { ProposedEvent } from './records';

function proposed(count: number): ProposedEvent[] {
  return Array.from({ length: count }, () => ({
    id: randomUUID(),
    type: 'Tested',
    contentType: 'application/json',
    data: Buffer.from('{}'),
    customMetadata: Buffer.alloc(0),
  }));
}

describe('EventLog storage', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handoff-event-log-'));
  });

  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('maps every revision of multi-event appends to its position, in both directions and with any limit', async () => {
    const log = EventLog.open({ dataDir });
    try {
      // Another stream's appends interleave, so positions of `s` are not its revisions + 1.
      const sizes = [3, 1, 4, 1, 5];
      for (const size of sizes) {
        await log.write({ kind: 'append', stream: 'other', expected: { kind: 'any' }, events: proposed(2) });
        await log.write({ kind: 'append', stream: 's', expected: { kind: 'any' }, events: proposed(size) });
      }
      const all = log.readAllForwards(1, 1000).filter((event) => event.fields.s === 's');
      const positionOf = all.map((event) => event.position);
      expect(all.map((event) => event.fields.r)).toEqual(positionOf.map((_, revision) => revision));
      const last = positionOf.length - 1;
      for (let from = 0; from <= last; from++) {
        for (let limit = 1; limit <= last + 2; limit++) {
          const forwards = log.readStream('s', from, 'forwards', limit);
          const backwards = log.readStream('s', from, 'backwards', limit);
          if (forwards.status !== 'ok' || backwards.status !== 'ok') throw new Error('stream not found');
          expect(forwards.events.map((event) => event.position)).toEqual(positionOf.slice(from, from + limit));
          expect(backwards.events.map((event) => event.position)).toEqual(positionOf.slice(Math.max(0, from - limit + 1), from + 1).reverse());
        }
      }
    } finally {
      await log.close();
    }
  });

  it('refuses a data dir written in an older storage format instead of misreading it', async () => {
    const root = open({ path: dataDir, maxDbs: 8 });
    await root.openDB('events', {}).put(1, { s: 'old-layout', r: 0 });
    await root.close();
    expect(() => EventLog.open({ dataDir })).toThrow(/storage format 1; this server reads format 2/);
  });

  it('reopens a data dir it wrote', async () => {
    const first = EventLog.open({ dataDir });
    await first.write({ kind: 'append', stream: 's', expected: { kind: 'no_stream' }, events: proposed(2) });
    await first.close();
    const second = EventLog.open({ dataDir });
    try {
      expect(second.streamHead('s').last).toBe(1);
    } finally {
      await second.close();
    }
  });
});
