/** Small bounded reads of `$all` that status and read-your-writes need. */
import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type { AllStreamRecordedEvent, EventStoreDBClient, Position, ReadAllOptions } from '@eventstore/db-client';
import type { AllPosition } from '@handoff/eventstore';
import { comparePositions } from '../definition/position';

/**
 * Reads to the end, always: with client 6.2.1 a read left part way (breaking out of `for await`
 * destroys only the outer stream) keeps its gRPC call open, and dispose() then waits for it forever.
 * Every read here is bounded by maxCount, so reading it whole is cheap.
 */
async function readWhole(client: EventStoreDBClient, options: ReadAllOptions): Promise<AllStreamRecordedEvent[]> {
  const events: AllStreamRecordedEvent[] = [];
  for await (const resolved of client.readAll(options)) if (resolved.event) events.push(resolved.event);
  return events;
}

export async function headOfAll(client: EventStoreDBClient): Promise<{ position: AllPosition; created: Date } | undefined> {
  const [last] = await readWhole(client, { direction: BACKWARDS, fromPosition: END, maxCount: 1 });
  return last ? { position: last.position, created: new Date(last.created) } : undefined;
}

export interface LogTail {
  /** Events after `after`, up to the read's bound (`complete` says whether that was all of them). */
  count: number;
  complete: boolean;
  /** When the oldest of them was written (how far behind a checkpoint at `after` is). */
  oldestCreated?: Date;
}

/**
 * Counts the events of `types` after a position: at most `limit` of them, among at most `scanLimit`
 * events read (client 6.2.1 reads `$all` unfiltered). Only those types: a projection's subscription
 * is filtered to the types it handles, and its checkpoint moves only on them (and on the server's
 * filter checkpoints, every few hundred events scanned), so events of other types after it are not
 * work left to do; counting them showed a caught-up projection behind, by more as time went on.
 */
export async function tailAfter(client: EventStoreDBClient, after: AllPosition | undefined, types: Set<string>, limit: number, scanLimit = limit * 4): Promise<LogTail> {
  const read = (await readWhole(client, { direction: FORWARDS, fromPosition: (after as Position | undefined) ?? START, maxCount: scanLimit + 1 })).filter(
    (event) => !after || comparePositions(event.position, after) > 0,
  );
  const scanned = read.slice(0, scanLimit);
  const events = scanned.filter((event) => types.has(event.type));
  const count = Math.min(events.length, limit);
  return { count, complete: events.length <= limit && read.length <= scanLimit, oldestCreated: events[0] ? new Date(events[0].created) : undefined };
}

/**
 * Whether any event of `types` lies in (after, upTo]. Reads at most `limit` events; undefined when
 * it could not tell within them.
 */
export async function anyOfTypesBetween(client: EventStoreDBClient, types: Set<string>, after: AllPosition | undefined, upTo: AllPosition, limit: number): Promise<boolean | undefined> {
  for (const event of await readWhole(client, { direction: FORWARDS, fromPosition: (after as Position | undefined) ?? START, maxCount: limit })) {
    if (after && comparePositions(event.position, after) <= 0) continue;
    const beyond = comparePositions(event.position, upTo);
    if (beyond <= 0 && types.has(event.type)) return true;
    if (beyond >= 0) return false;
  }
  return undefined;
}
