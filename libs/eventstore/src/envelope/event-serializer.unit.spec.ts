import type { RecordedEvent } from '@eventstore/db-client';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import type { EventEnvelope } from './event-envelope';
import { EventDeserializationError, deserializeEnvelope, serializeEnvelope } from './event-serializer';

const envelope: EventEnvelope = {
  type: 'ParcelHandoffAccepted',
  schemaVersion: 2,
  data: { parcelId: 'p1', toHolder: 'courier-9', condition: { state: 'intact' } },
  metadata: {
    eventId: '00000000-0000-4000-8000-000000000007',
    correlationId: 'req-1',
    causationId: 'cmd-1',
    actor: { kind: 'courier', id: 'courier-9' },
    occurredAt: '2025-05-01T09:59:00.000Z',
    recordedAt: '2025-05-01T10:00:00.000Z',
  },
};

/** What the client hands back for an event the server stored from `serializeEnvelope`'s output. */
const asStored = (data: unknown, metadata: unknown, overrides: Partial<RecordedEvent> = {}): RecordedEvent =>
  ({
    streamId: 'parcel-p1',
    id: envelope.metadata.eventId,
    isJson: true,
    revision: 4n,
    type: envelope.type,
    created: new Date('2025-05-01T10:00:00.123Z'),
    data,
    metadata,
    position: { commit: 900n, prepare: 900n },
    ...overrides,
  }) as RecordedEvent;

const v2 = new UpcasterRegistry().register('ParcelHandoffAccepted', 1, (data: { condition: string }) => ({
  ...data,
  condition: { state: data.condition },
}));

describe('serializeEnvelope', () => {
  it('writes a JSON event whose id is the event id and whose metadata carries the schema version', () => {
    const stored = serializeEnvelope(envelope);
    expect(stored).toEqual({
      id: envelope.metadata.eventId,
      contentType: 'application/json',
      type: 'ParcelHandoffAccepted',
      data: envelope.data,
      metadata: {
        schemaVersion: 2,
        $correlationId: 'req-1',
        $causationId: 'cmd-1',
        actor: { kind: 'courier', id: 'courier-9' },
        occurredAt: '2025-05-01T09:59:00.000Z',
        recordedAt: '2025-05-01T10:00:00.000Z',
      },
    });
  });

  it('survives a JSON round trip (what goes over the wire)', () => {
    const stored = serializeEnvelope(envelope);
    const wire = JSON.parse(JSON.stringify({ data: stored.data, metadata: stored.metadata }));
    expect(deserializeEnvelope(asStored(wire.data, wire.metadata), v2)).toEqual({
      ...envelope,
      streamName: 'parcel-p1',
      revision: 4n,
      position: { commit: 900n, prepare: 900n },
    });
  });
});

describe('deserializeEnvelope', () => {
  it('upcasts an old schema version on read', () => {
    const old = serializeEnvelope({ ...envelope, schemaVersion: 1, data: { parcelId: 'p1', condition: 'damaged' } });
    const read = deserializeEnvelope(asStored(old.data, old.metadata), v2);
    expect(read.schemaVersion).toBe(2);
    expect(read.data).toEqual({ parcelId: 'p1', condition: { state: 'damaged' } });
  });

  it('reads an event written without Handoff metadata as version 1 with the server id and time', () => {
    const read = deserializeEnvelope(asStored({ parcelId: 'p1', condition: 'intact' }, undefined), v2);
    expect(read.schemaVersion).toBe(2);
    expect(read.metadata).toEqual({
      eventId: envelope.metadata.eventId,
      correlationId: envelope.metadata.eventId,
      causationId: envelope.metadata.eventId,
      actor: { kind: 'unknown', id: 'unknown' },
      occurredAt: '2025-05-01T10:00:00.123Z',
      recordedAt: '2025-05-01T10:00:00.123Z',
    });
  });

  it('refuses a binary event and non-object data by name', () => {
    expect(() => deserializeEnvelope(asStored(new Uint8Array([1]), undefined, { isJson: false } as Partial<RecordedEvent>), v2)).toThrow(EventDeserializationError);
    expect(() => deserializeEnvelope(asStored('just a string', undefined), v2)).toThrow(/parcel-p1@4: .* not a JSON object/);
  });
});
