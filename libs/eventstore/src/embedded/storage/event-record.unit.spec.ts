import type { MethodDefinition } from '@grpc/grpc-js';
import { loadEventStoreProtocol } from '../protocol/protocol';
import { readEventFrame, readEventResponse } from '../grpc/codec';
import { decodeEventRecord, encodeEventRecord, peekEventRecord, RecordedEvent } from './event-record';
import { StoredEvent, TOMBSTONE_REVISION } from './records';

const read = loadEventStoreProtocol().streams.Read as MethodDefinition<unknown, unknown>;

function event(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    s: 'parcel-ä1',
    r: 41,
    i: '5f4e9c1a-0b7d-4c1e-9a55-3f2d1c0b9a87',
    t: 'ParcelHandoffAccepted',
    c: 'application/json',
    k: '17637120000000000',
    d: Buffer.from('{"parcelId":"p-1"}'),
    m: Buffer.from('{"actor":"a-1"}'),
    ...overrides,
  };
}

describe('event records (the RecordedEvent wire encoding, less positions)', () => {
  it.each([
    ['an ordinary event', event()],
    ['empty data and metadata', event({ d: Buffer.alloc(0), m: Buffer.alloc(0) })],
    ['a large revision and payload', event({ r: 2 ** 40 + 3, d: Buffer.alloc(20_000, 7) })],
    ['a tombstone', event({ r: TOMBSTONE_REVISION, t: '$streamDeleted', c: 'application/octet-stream' })],
  ])('round-trips %s', (_name, stored) => {
    const decoded = decodeEventRecord(encodeEventRecord(stored));
    expect({ ...decoded, d: Buffer.from(decoded.d), m: Buffer.from(decoded.m) }).toEqual({
      ...stored,
      d: Buffer.from(stored.d),
      m: Buffer.from(stored.m),
    });
  });

  it('frames a ReadResp that protobufjs decodes to the same event as the object form', () => {
    for (const position of [1, 127, 128, 300_000, 2 ** 45]) {
      const recorded = new RecordedEvent(position, encodeEventRecord(event()));
      const fromFrame = read.responseDeserialize(readEventFrame(recorded)) as Record<string, any>;
      const fromObject = read.responseDeserialize(read.responseSerialize(readEventResponse(recorded))) as Record<string, any>;
      const framed = fromFrame.event.event;
      expect(framed.id).toEqual({ string: '5f4e9c1a-0b7d-4c1e-9a55-3f2d1c0b9a87', value: 'string' });
      expect(framed.stream_identifier.stream_name.toString()).toBe('parcel-ä1');
      expect(framed.stream_revision).toBe('41');
      expect(framed.prepare_position).toBe(String(position));
      expect(framed.commit_position).toBe(String(position));
      expect(fromFrame.event.commit_position).toBe(String(position));
      expect(framed.metadata).toEqual({ type: 'ParcelHandoffAccepted', 'content-type': 'application/json', created: '17637120000000000' });
      expect(framed.data.toString()).toBe('{"parcelId":"p-1"}');
      // The object form differs only in asking for a structured UUID.
      expect({ ...framed, id: undefined }).toEqual({ ...fromObject.event.event, id: undefined });
    }
  });

  it('sends a tombstone revision as 2^63-1', () => {
    const recorded = new RecordedEvent(9, encodeEventRecord(event({ r: TOMBSTONE_REVISION })));
    const decoded = read.responseDeserialize(readEventFrame(recorded)) as Record<string, any>;
    expect(decoded.event.event.stream_revision).toBe('9223372036854775807');
  });

  it.each([
    ['an ordinary event', event()],
    ['a multi-byte stream name and type', event({ s: 'hub-Zürich-7', t: 'ÜbergabeAngenommen' })],
    ['a tombstone', event({ r: TOMBSTONE_REVISION, t: '$streamDeleted' })],
    ['empty data and metadata', event({ d: Buffer.alloc(0), m: Buffer.alloc(0) })],
  ])('peeks the type and stream name of %s as decoding finds them', (_name, stored) => {
    const record = encodeEventRecord(stored);
    expect(peekEventRecord(record, 'type')).toBe(stored.t);
    expect(peekEventRecord(record, 'stream')).toBe(stored.s);
    const recorded = new RecordedEvent(3, record);
    expect([recorded.type, recorded.streamName]).toEqual([stored.t, stored.s]);
    void recorded.fields; // decoded: the getters now answer from the fields
    expect([recorded.type, recorded.streamName]).toEqual([stored.t, stored.s]);
  });

  it('refuses a corrupt record instead of misreading it', () => {
    const record = encodeEventRecord(event());
    expect(() => decodeEventRecord(record.subarray(0, record.length - 3))).toThrow(/corrupt event record/);
  });
});
