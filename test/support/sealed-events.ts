import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@eventstore/db-client';
import type { JSONEventData, JSONType } from '@eventstore/db-client';
import { chainLinks } from '@handoff/shared';

/**
 * Events as an earlier release's write path stored them (an old schema version, say), with their
 * hash-chain links: what a test appends with the raw client when it wants the stream to verify.
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
