/**
 * Tampering with the embedded event store's file, as an attacker with the data dir would: opens the
 * LMDB environment directly with the `lmdb` package (while the server is stopped) and rewrites,
 * removes or swaps stored event records. Used to prove that every verifier notices.
 */
import { open } from 'lmdb';
import { decodeEventRecord, encodeEventRecord } from '@handoff/eventstore/embedded/storage/event-record';
import type { StoredEvent } from '@handoff/eventstore/embedded/storage/records';

export interface StoredRecord {
  position: number;
  record: Buffer;
  /** Undefined for a record already too damaged to decode. */
  event: StoredEvent | undefined;
}

export interface TamperableLog {
  /** Every event record, in `$all` order. */
  records(): StoredRecord[];
  put(position: number, record: Buffer): void;
  remove(position: number): void;
  /** Re-encodes an event with some fields changed (a forgery that keeps the framing valid). */
  rewrite(position: number, change: (event: StoredEvent) => StoredEvent): void;
}

/** Opens the event store's data dir (the server must be stopped), runs `tamper`, closes. */
export async function tamperWithEventLog<T>(dataDir: string, tamper: (log: TamperableLog) => T): Promise<T> {
  const root = open({ path: dataDir, maxDbs: 8 });
  const events = root.openDB<Buffer, number>('events', { encoding: 'binary' });
  try {
    const log: TamperableLog = {
      records: () =>
        Array.from(events.getRange({}), ({ key, value }) => ({ position: key, record: Buffer.from(value), event: tryDecode(Buffer.from(value)) })),
      put: (position, record) => void events.putSync(position, record),
      remove: (position) => void events.removeSync(position),
      rewrite: (position, change) => {
        const record = events.get(position);
        if (!record) throw new Error(`no event at position ${position}`);
        const event = decodeEventRecord(Buffer.from(record));
        events.putSync(position, encodeEventRecord(change({ ...event, d: Buffer.from(event.d), m: Buffer.from(event.m) })));
      },
    };
    return tamper(log);
  } finally {
    await root.close();
  }
}

function tryDecode(record: Buffer): StoredEvent | undefined {
  try {
    return decodeEventRecord(record);
  } catch {
    return undefined;
  }
}

/** The byte range of a record's `created` tick count: the server's clock, outside the hash chain (ADR 0012). */
export function createdTicksRange(record: Buffer, event: StoredEvent): [number, number] {
  const at = record.indexOf(Buffer.from(event.k, 'latin1'));
  return [at, at + event.k.length];
}
