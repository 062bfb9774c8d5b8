/**
 * Reads `$all` forwards in pages with the official client, for the verifiers. A record the client
 * cannot decode (a flipped byte that broke its protobuf framing) fails the read, and the events the
 * client had decoded before it may be lost with the call. So after a failure the reader steps one
 * event at a time from the last event it handed out, and names the record that fails: the last
 * position from which a read fails while a read from the next one succeeds. That stepping relies
 * on the embedded server's positions being consecutive event numbers; EventStoreDB (byte offsets,
 * and a checksum on every record) refuses a position that is not an event's, and the pass ends
 * with that error.
 */
import { START } from '@eventstore/db-client';
import type { EventStoreDBClient, Position, RecordedEvent } from '@eventstore/db-client';
import { IntegrityFinding, isUndecodableRecord } from './chain-check';

export interface AllPage {
  events: RecordedEvent[];
  /** The position of the last event (or undecodable record) this page covers. */
  through: Position;
  undecodable?: IntegrityFinding;
}

export interface ReadAllOptions {
  /** Exclusive: the last position already verified; undefined reads from the start of `$all`. */
  after?: Position;
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 1_000;
/** Unreadable positions in a row before giving up (a server that refuses the positions stepped to). */
const MAX_UNREADABLE_IN_A_ROW = 64;

/** `through`: the highest position read (a damaged record can decode with a garbled position: it is kept, never steers the cursor). */
type Read = { events: RecordedEvent[]; through?: Position; failure?: unknown };

/** Pages of `$all` after `options.after`, until the end as it stood when each page was read. */
export async function* readAllPages(client: EventStoreDBClient, options: ReadAllOptions = {}): AsyncGenerator<AllPage> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let after = options.after;
  for (;;) {
    const read = await readFrom(client, after, pageSize);
    if (read.through) {
      after = read.through;
      yield { events: read.events, through: after };
      if (read.failure === undefined) continue;
    } else if (read.events.length === 0 && read.failure === undefined) return;
    // (Events whose positions all read garbled are read again one by one, below.)
    // Step from here: events decoded before the failure may not all have reached us.
    const step = await readFrom(client, after, 1);
    if (step.failure === undefined) {
      if (step.events.length === 0) return;
      after = step.through ?? next(after);
      yield { events: step.events, through: after };
      continue;
    }
    // The first record after `after` is unreadable. Reading from p + 1 succeeds once p is past it;
    // every p before that is unreadable (or a hole: a removed record, which its stream's gap names too).
    for (let p = (after?.commit ?? 0n) + 1n, unreadable = 1; ; p++, unreadable++) {
      if (unreadable > MAX_UNREADABLE_IN_A_ROW) throw step.failure;
      const probe = await readFrom(client, { commit: p, prepare: p }, 1, 'inclusive');
      after = { commit: p, prepare: p };
      yield { events: [], through: after, undecodable: undecodableAt(p, step.failure) };
      if (probe.failure !== undefined) continue;
      if (probe.events.length === 0) return;
      after = probe.through ?? next(after);
      yield { events: probe.events, through: after };
      break;
    }
  }
}

/**
 * Up to `count` events after `after` (exclusive: read inclusively, that one dropped, which works on
 * any server), or from just after it (`inclusive` of after + 1: the embedded server's stepping),
 * and the read's failure if it failed.
 */
async function readFrom(client: EventStoreDBClient, after: Position | undefined, count: number, mode: 'after' | 'inclusive' = 'after'): Promise<Read> {
  const from = mode === 'inclusive' && after ? { commit: after.commit + 1n, prepare: after.commit + 1n } : after;
  const dropFirst = mode === 'after' && after !== undefined;
  const events: RecordedEvent[] = [];
  let through: Position | undefined;
  try {
    for await (const resolved of client.readAll({ fromPosition: from ?? START, maxCount: count + (dropFirst ? 1 : 0) })) {
      const event = resolved.event;
      if (!event) continue;
      const position = event.position;
      if (dropFirst && events.length === 0 && !through && position?.commit === after!.commit) {
        through = position;
        continue;
      }
      events.push(event);
      if (position && (!through || position.commit > through.commit)) through = position;
    }
    return { events, through: through && (!after || through.commit > after.commit) ? through : undefined };
  } catch (failure) {
    if (!isUndecodableRecord(failure)) throw failure;
    return { events, through: through && (!after || through.commit > after.commit) ? through : undefined, failure };
  }
}

/** The embedded server's next position (consecutive event numbers). */
const next = (position: Position | undefined): Position => ({ commit: (position?.commit ?? 0n) + 1n, prepare: (position?.commit ?? 0n) + 1n });

const undecodableAt = (position: bigint, failure: unknown): IntegrityFinding => ({
  stream: null,
  revision: null,
  eventId: null,
  position: String(position),
  problem: 'undecodable',
  detail: `the record at $all position ${position} cannot be read: ${failure instanceof Error ? failure.message : String(failure)}`,
});
