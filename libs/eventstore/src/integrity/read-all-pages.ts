/**
 * Reads `$all` forwards in pages with the official client, for the verifiers. A record the client
 * cannot decode (a flipped byte that breaks its protobuf framing) fails the read: the failure is
 * reported as an `undecodable` finding right after the last event read, and reading resumes one
 * position further on. That resumption relies on the embedded server's positions being
 * consecutive event numbers; on EventStoreDB (byte offsets, and its own checksums on every
 * record) a position that is not an event's is refused, and the pass ends with that error.
 */
import { START } from '@eventstore/db-client';
import type { EventStoreDBClient, Position, RecordedEvent } from '@eventstore/db-client';
import { IntegrityFinding, isUndecodableRecord } from './chain-check';

export interface AllPage {
  events: RecordedEvent[];
  /** The position of the last event (or undecodable record) this page covers; undefined when nothing was read. */
  through: Position | undefined;
  undecodable?: IntegrityFinding;
}

export interface ReadAllOptions {
  /** Exclusive: the last position already verified; undefined reads from the start of `$all`. */
  after?: Position;
  pageSize?: number;
  /** Consecutive unreadable records skipped before giving up. */
  maxConsecutiveFailures?: number;
}

const DEFAULT_PAGE_SIZE = 1_000;

/** Pages of `$all` after `options.after`, until the end as it stood when each page was read. */
export async function* readAllPages(client: EventStoreDBClient, options: ReadAllOptions = {}): AsyncGenerator<AllPage> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let after = options.after;
  let failures = 0;
  for (;;) {
    const events: RecordedEvent[] = [];
    let failure: unknown;
    try {
      // Reads from a position include it: one more, and the first one dropped.
      for await (const resolved of client.readAll({ fromPosition: after ?? START, maxCount: pageSize + (after ? 1 : 0) })) {
        const event = resolved.event;
        if (!event?.position) continue;
        if (after && event.position.commit <= after.commit) continue;
        events.push(event);
      }
    } catch (error) {
      failure = error;
    }
    const last = events[events.length - 1]?.position;
    if (failure === undefined) {
      if (events.length === 0) return;
      failures = 0;
      after = last;
      yield { events, through: last };
      continue;
    }
    if (!isUndecodableRecord(failure)) throw failure;
    failures = events.length > 0 ? 1 : failures + 1;
    if (failures > (options.maxConsecutiveFailures ?? 16)) throw failure;
    const before = last ?? after;
    const next = (before?.commit ?? 0n) + 1n;
    const through = { commit: next, prepare: next };
    const undecodable: IntegrityFinding = {
      stream: null,
      revision: null,
      eventId: null,
      position: String(next),
      problem: 'undecodable',
      detail: `the record after position ${before ? before.commit : 'the start'} cannot be read: ${failure instanceof Error ? failure.message : String(failure)}`,
    };
    after = through;
    yield { events, through, undecodable };
  }
}
