/** Small bounded reads of `$all` that status and read-your-writes need. */
import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type { EventStoreDBClient, Position } from '@eventstore/db-client';
import type { AllPosition } from '@handoff/eventstore';
import { comparePositions } from '../definition/position';

export async function headOfAll(client: EventStoreDBClient): Promise<{ position: AllPosition; created: Date } | undefined> {
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    if (resolved.event) return { position: resolved.event.position, created: new Date(resolved.event.created) };
  }
  return undefined;
}

export interface LogTail {
  /** Events after `after`, up to the read's bound (`complete` says whether that was all of them). */
  count: number;
  complete: boolean;
  /** When the oldest of them was written (how far behind a checkpoint at `after` is). */
  oldestCreated?: Date;
}

/** Counts the events after a position, reading at most `limit` of them. */
export async function tailAfter(client: EventStoreDBClient, after: AllPosition | undefined, limit: number): Promise<LogTail> {
  let count = 0;
  let oldestCreated: Date | undefined;
  for await (const resolved of client.readAll({ direction: FORWARDS, fromPosition: (after as Position | undefined) ?? START, maxCount: limit + 1 })) {
    const event = resolved.event;
    if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
    oldestCreated ??= new Date(event.created);
    count++;
    if (count >= limit) return { count, complete: false, oldestCreated };
  }
  return { count, complete: true, oldestCreated };
}

/**
 * Whether any event of `types` lies in (after, upTo]. Reads at most `limit` events; undefined when
 * it could not tell within them.
 */
export async function anyOfTypesBetween(
  client: EventStoreDBClient,
  types: Set<string>,
  after: AllPosition | undefined,
  upTo: AllPosition,
  limit: number,
): Promise<boolean | undefined> {
  for await (const resolved of client.readAll({ direction: FORWARDS, fromPosition: (after as Position | undefined) ?? START, maxCount: limit })) {
    const event = resolved.event;
    if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
    const beyond = comparePositions(event.position, upTo);
    if (beyond <= 0 && types.has(event.type)) return true;
    if (beyond >= 0) return false;
  }
  return undefined;
}
