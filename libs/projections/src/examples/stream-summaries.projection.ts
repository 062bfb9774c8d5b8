/**
 * The representative projection: one document per stream with how many events it holds, the last
 * one's type, revision and time, and the stream's category. It answers "what happened to parcel X
 * last, and which parcels moved most recently?", and it is what the benchmark rebuilds.
 */
import { parseStreamName } from '@handoff/eventstore';
import type { DomainEvent, RecordedEnvelope } from '@handoff/eventstore';
import { defineProjection, ProjectionDefinition, ProjectionHandler, upsert } from '../definition/projection-definition';

export const STREAM_SUMMARIES = 'streamSummaries';

export interface StreamSummary {
  _id: string;
  category: string;
  eventCount: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  lastEventType: string;
  lastRevision: number;
}

export const summarise: ProjectionHandler<DomainEvent> = (event: RecordedEnvelope) => [
  upsert(STREAM_SUMMARIES, event.streamName, {
    $inc: { eventCount: 1 },
    $setOnInsert: { category: categoryOf(event.streamName), firstRecordedAt: event.metadata.recordedAt },
    $set: { lastRecordedAt: event.metadata.recordedAt, lastEventType: event.type, lastRevision: Number(event.revision) },
  }),
];

export function streamSummariesProjection(options: { eventTypes: string[]; name?: string; version?: number }): ProjectionDefinition {
  const handlers: Record<string, ProjectionHandler<DomainEvent>> = {};
  for (const type of options.eventTypes) handlers[type] = summarise;
  return defineProjection({
    name: options.name ?? 'stream-summaries',
    version: options.version ?? 1,
    collections: { [STREAM_SUMMARIES]: { indexes: [{ key: { category: 1, lastRecordedAt: -1 }, name: 'category_lastRecordedAt' }] } },
    handlers,
  });
}

function categoryOf(streamName: string): string {
  try {
    return parseStreamName(streamName).category;
  } catch {
    return streamName.split('-', 1)[0]!;
  }
}
