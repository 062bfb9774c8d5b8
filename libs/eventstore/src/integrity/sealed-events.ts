import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@eventstore/db-client';
import type { JSONEventData, JSONType } from '@eventstore/db-client';
import { chainLinks } from '@handoff/shared';

/**
 * Events for the raw client with their hash-chain links in the metadata, chained after `headHash`:
 * how a tool that writes outside EventStore.append (a seeder, a migration, a test writing an old
 * schema version) makes streams that verify (ADR 0004, ADR 0012). The last link's hash is the
 * head for the next batch (`headOf`).
 */
export function sealedEvents(
  streamName: string,
  events: { type: string; data: object; metadata: { schemaVersion?: number } & Record<string, unknown> }[],
  headHash: string | null = null,
): JSONEventData[] {
  const withIds = events.map((event) => ({ ...event, id: randomUUID() }));
  const links = chainLinks(
    withIds.map((event) => ({ streamName, eventId: event.id, type: event.type, schemaVersion: event.metadata.schemaVersion ?? 1, data: event.data, metadata: event.metadata })),
    headHash,
  );
  return withIds.map((event, i) => jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: { ...event.metadata, ...links[i] } as JSONType }));
}

/** The hash the next batch of a stream chains to: the last sealed event's. */
export const headOf = (events: JSONEventData[]): string | null => {
  const last = events[events.length - 1]?.metadata as { hash?: string } | undefined;
  return last?.hash ?? null;
};
