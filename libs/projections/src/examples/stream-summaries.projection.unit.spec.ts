import type { RecordedEnvelope } from '@handoff/eventstore';
import { project } from '../definition/projection-definition';
import { changeMarker } from '../definition/position';
import { applyChanges } from '../runtime/change-writer';
import { STREAM_SUMMARIES, streamSummariesProjection } from './stream-summaries.projection';

const projection = streamSummariesProjection({ eventTypes: ['ParcelRegistered', 'ParcelDelivered'] });

const event = (type: string, revision: number, recordedAt: string): RecordedEnvelope => ({
  type,
  schemaVersion: 1,
  data: {},
  metadata: { eventId: `e${revision}`, correlationId: 'c', causationId: 'c', actor: { kind: 'system', id: 's' }, occurredAt: recordedAt, recordedAt },
  streamName: 'parcel-p-1',
  revision: BigInt(revision),
  position: { commit: BigInt(100 + revision), prepare: BigInt(100 + revision) },
});

const fold = (events: RecordedEnvelope[], start: any = null) =>
  events.reduce(
    (doc, e) =>
      applyChanges(
        doc,
        project(projection, e).map((change, i) => ({ change, marker: changeMarker(e.position!, i) })),
      ).next,
    start,
  );

describe('stream-summaries projection', () => {
  it('summarises a stream: count, category, first and last times, last type and revision', () => {
    const summary = fold([event('ParcelRegistered', 0, '2026-01-01T10:00:00.000Z'), event('ParcelDelivered', 1, '2026-01-02T10:00:00.000Z')]);
    expect(summary).toEqual(
      expect.objectContaining({
        _id: 'parcel-p-1',
        category: 'parcel',
        eventCount: 2,
        firstRecordedAt: '2026-01-01T10:00:00.000Z',
        lastRecordedAt: '2026-01-02T10:00:00.000Z',
        lastEventType: 'ParcelDelivered',
        lastRevision: 1,
      }),
    );
  });

  it('writes only to its declared collection, for the declared types only', () => {
    expect(project(projection, event('ParcelRegistered', 0, '2026-01-01T10:00:00.000Z')).map((c) => c.collection)).toEqual([STREAM_SUMMARIES]);
    expect(project(projection, event('SomethingElse', 0, '2026-01-01T10:00:00.000Z'))).toEqual([]);
  });

  it('applied twice changes nothing', () => {
    const events = [event('ParcelRegistered', 0, '2026-01-01T10:00:00.000Z'), event('ParcelDelivered', 1, '2026-01-02T10:00:00.000Z')];
    const once = fold(events);
    expect(fold(events, once)).toEqual(once);
  });
});
