/** Fast seeding of `$all` for projection benchmarks and fault tests: many appends in flight, many events each. */
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';

export interface SeedOptions {
  events: number;
  /** Events per stream (1: one stream, hence one summary document, per event). */
  perStream: number;
  type: string;
  /** Appends in flight at once. */
  writers?: number;
  streamPrefix?: string;
}

export async function seedEvents(client: EventStoreDBClient, options: SeedOptions): Promise<void> {
  const streams = Math.ceil(options.events / options.perStream);
  const writers = options.writers ?? 32;
  const perAppend = Math.min(options.perStream, 500);
  let next = 0;
  const recordedAt = '2026-01-01T00:00:00.000Z';
  const work = async () => {
    for (;;) {
      const stream = next++;
      if (stream >= streams) return;
      const count = Math.min(options.perStream, options.events - stream * options.perStream);
      for (let offset = 0; offset < count; offset += perAppend) {
        const events = [];
        for (let i = offset; i < Math.min(count, offset + perAppend); i++) {
          events.push(jsonEvent({ type: options.type, data: { n: i, group: stream % 100 }, metadata: { recordedAt, occurredAt: recordedAt } }));
        }
        await client.appendToStream(`${options.streamPrefix ?? 'bench'}-${stream}`, events);
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, work));
}
