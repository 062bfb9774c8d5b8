/** Fast seeding of `$all` for the projection benchmark: many appends in flight, chained as projections verify them. */
import { EventStoreDBClient } from '@eventstore/db-client';
import { headOf, sealedEvents } from '@handoff/eventstore';

export interface SeedOptions {
  events: number;
  /** Events per stream (1: one stream, hence one summary document, per event). */
  perStream: number;
  type: string;
  /** Streams are spread over this many categories (`benchc<k>-<n>`), for filtered queries. */
  categories: number;
  /** Appends in flight at once. */
  writers?: number;
}

const BASE_TIME = Date.parse('2026-01-01T00:00:00.000Z');

export async function seedEvents(client: EventStoreDBClient, options: SeedOptions): Promise<void> {
  const streams = Math.ceil(options.events / options.perStream);
  const writers = options.writers ?? 64;
  const perAppend = Math.min(options.perStream, 500);
  let next = 0;
  const work = async () => {
    for (;;) {
      const stream = next++;
      if (stream >= streams) return;
      const count = Math.min(options.perStream, options.events - stream * options.perStream);
      const name = `benchc${stream % options.categories}-${stream}`;
      let head: string | null = null;
      for (let offset = 0; offset < count; offset += perAppend) {
        const events = [];
        for (let i = offset; i < Math.min(count, offset + perAppend); i++) {
          const recordedAt = new Date(BASE_TIME + stream * 1000 + i).toISOString();
          events.push({ type: options.type, data: { n: i }, metadata: { recordedAt, occurredAt: recordedAt } });
        }
        const sealed = sealedEvents(name, events, head);
        head = headOf(sealed);
        await client.appendToStream(name, sealed);
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, work));
}
