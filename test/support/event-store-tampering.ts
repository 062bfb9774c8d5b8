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
      records: () => Array.from(events.getRange({}), ({ key, value }) => ({ position: key, record: Buffer.from(value), event: tryDecode(Buffer.from(value)) })),
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

/**
 * The byte range of a record's `created` metadata entry (tag to last digit): the server's own clock,
 * which the hash chain does not cover (ADR 0012; the chain covers our recordedAt and occurredAt).
 */
export function createdEntryRange(record: Buffer, event: StoredEvent): [number, number] {
  const key = record.indexOf(Buffer.from('\x0a\x07created', 'latin1'));
  const ticks = record.indexOf(Buffer.from(event.k, 'latin1'), key);
  return [key - 2, ticks + event.k.length];
}
