import { createHash } from 'node:crypto';
import { chainLinks, eventHash, type HashableEvent } from './hash-chain';
import { verifyHashChain } from './verify-hash-chain';

const STREAM = 'parcel-p1';
const stored = (n: number, type: string, data: object): HashableEvent => ({
  streamName: STREAM,
  eventId: `00000000-0000-4000-8000-00000000000${n}`,
  type,
  schemaVersion: 1,
  data,
  metadata: {
    schemaVersion: 1,
    $correlationId: 'corr-1',
    $causationId: 'cause-1',
    actor: { kind: 'courier', id: 'ana' },
    occurredAt: `2025-03-04T09:0${n}:00.000Z`,
    recordedAt: `2025-03-04T09:0${n}:01.000Z`,
  },
});

const unchained = [
  stored(1, 'ParcelRegistered', { parcelId: 'p1', declaredValue: { amountMinor: 40000, currency: 'USD' }, recipient: { ciphertext: 'q83v' } }),
  stored(2, 'ParcelHandoffOffered', { parcelId: 'p1', handoffId: 'h1', to: { kind: 'courier', id: 'ana' } }),
  stored(3, 'ParcelHandoffAccepted', { parcelId: 'p1', handoffId: 'h1', geo: { latitude: 44.9778, longitude: -93.265 } }),
];

/** The events as the write path stores them: each with its link in the metadata. */
function chained(events: HashableEvent[]): HashableEvent[] {
  const links = chainLinks(events, null);
  return events.map((event, i) => ({ ...event, metadata: { ...event.metadata, ...links[i] } }));
}

describe('eventHash', () => {
  it('is SHA-256 over the RFC 8785 form of stream, id, type, version, data, metadata and previous hash', () => {
    const canonical =
      '{"data":{"handoffId":"h1","parcelId":"p1","to":{"id":"ana","kind":"courier"}},' +
      '"eventId":"00000000-0000-4000-8000-000000000002",' +
      '"metadata":{"$causationId":"cause-1","$correlationId":"corr-1","actor":{"id":"ana","kind":"courier"},' +
      '"occurredAt":"2025-03-04T09:02:00.000Z","recordedAt":"2025-03-04T09:02:01.000Z","schemaVersion":1},' +
      '"previousHash":"sha256:00","schemaVersion":1,"streamName":"parcel-p1","type":"ParcelHandoffOffered"}';
    const expected = `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
    expect(eventHash(unchained[1], 'sha256:00')).toBe(expected);
  });

  it('matches a fixed vector (the scheme must never change silently)', () => {
    // Computed separately with node's sha256 over the hand-written canonical text of unchained[0].
    expect(eventHash(unchained[0], null)).toBe('sha256:664689bd32f94b89f215df4e97302d9ed81b7f3aa20f81a3701e27641e52200e');
  });

  it('ignores the hash fields themselves and the order of members', () => {
    const withLink = { ...unchained[0], metadata: { ...unchained[0].metadata, hash: 'sha256:ff', previousHash: null } };
    const reordered = { ...unchained[0], data: Object.fromEntries(Object.entries(unchained[0].data as object).reverse()) };
    expect(eventHash(withLink, null)).toBe(eventHash(unchained[0], null));
    expect(eventHash(reordered, null)).toBe(eventHash(unchained[0], null));
  });
});

describe('verifyHashChain', () => {
  const stream = chained(unchained);
  const withMetadata = (event: HashableEvent, change: Record<string, unknown>): HashableEvent => ({ ...event, metadata: { ...event.metadata, ...change } });

  it('accepts an untouched stream and reports its head', () => {
    expect(verifyHashChain(stream)).toEqual({ valid: true, eventCount: 3, headHash: stream[2].metadata.hash });
    expect(stream[0].metadata.previousHash).toBeNull();
    expect(stream[1].metadata.previousHash).toBe(stream[0].metadata.hash);
  });

  it('continues a chain across appends (the head hash of one append starts the next)', () => {
    const first = chained(unchained.slice(0, 2));
    const links = chainLinks([unchained[2]], first[1].metadata.hash as string);
    const whole = [...first, withMetadata(unchained[2], { ...links[0] })];
    expect(whole).toEqual(stream);
  });

  it('detects a changed byte of data', () => {
    const tampered = [...stream];
    tampered[1] = { ...stream[1], data: { parcelId: 'p1', handoffId: 'h1', to: { kind: 'courier', id: 'bob' } } };
    expect(verifyHashChain(tampered)).toMatchObject({ valid: false, index: 1, problem: 'hash-mismatch', eventId: stream[1].eventId });
  });

  it('detects a changed number, however small', () => {
    const tampered = [...stream];
    tampered[2] = { ...stream[2], data: { parcelId: 'p1', handoffId: 'h1', geo: { latitude: 44.9779, longitude: -93.265 } } };
    expect(verifyHashChain(tampered)).toMatchObject({ valid: false, index: 2, problem: 'hash-mismatch' });
  });

  it.each([
    ['actor', { actor: { kind: 'courier', id: 'someone-else' } }],
    ['occurredAt', { occurredAt: '2025-03-04T09:02:00.001Z' }],
    ['an added field', { note: 'edited later' }],
  ])('detects a changed metadata field: %s', (_label, change) => {
    const tampered = [...stream];
    tampered[1] = withMetadata(stream[1], change);
    expect(verifyHashChain(tampered)).toMatchObject({ valid: false, index: 1, problem: 'hash-mismatch' });
  });

  it('detects a changed type or schema version', () => {
    expect(verifyHashChain([stream[0], { ...stream[1], type: 'ParcelHandoffWithdrawn' }, stream[2]])).toMatchObject({ index: 1, problem: 'hash-mismatch' });
    expect(verifyHashChain([stream[0], { ...stream[1], schemaVersion: 2 }, stream[2]])).toMatchObject({ index: 1, problem: 'hash-mismatch' });
  });

  it('detects an edit whose hash was recomputed, at the next event', () => {
    const edited = { ...stream[1], data: { parcelId: 'p1', handoffId: 'h1', to: { kind: 'courier', id: 'bob' } } };
    const rehashed = withMetadata(edited, { hash: eventHash(edited, stream[0].metadata.hash as string) });
    expect(verifyHashChain([stream[0], rehashed, stream[2]])).toMatchObject({ valid: false, index: 2, problem: 'previous-hash-mismatch' });
  });

  it('detects reordering', () => {
    expect(verifyHashChain([stream[0], stream[2], stream[1]])).toMatchObject({ valid: false, index: 1, problem: 'previous-hash-mismatch' });
  });

  it('detects a deleted event in the middle, and at the start', () => {
    expect(verifyHashChain([stream[0], stream[2]])).toMatchObject({ valid: false, index: 1, problem: 'previous-hash-mismatch' });
    expect(verifyHashChain([stream[1], stream[2]])).toMatchObject({ valid: false, index: 0, problem: 'previous-hash-mismatch', expected: null });
  });

  it('detects events cut off the end only against an anchored head hash', () => {
    const truncated = stream.slice(0, 2);
    expect(verifyHashChain(truncated)).toMatchObject({ valid: true });
    expect(verifyHashChain(truncated, { expectedHeadHash: stream[2].metadata.hash as string })).toMatchObject({
      valid: false,
      index: 2,
      problem: 'head-mismatch',
      found: stream[1].metadata.hash,
    });
  });

  it('detects an event moved in from another stream', () => {
    const foreign = chained([{ ...unchained[1], streamName: 'parcel-p2' }])[0];
    expect(verifyHashChain([stream[0], foreign])).toMatchObject({ valid: false, index: 1, problem: 'stream-mismatch' });
  });

  it('detects an event without hash fields', () => {
    expect(verifyHashChain([stream[0], unchained[1]])).toMatchObject({ valid: false, index: 1, problem: 'missing-hash' });
  });

  it('verifies from the middle of a stream given the hash before it', () => {
    expect(verifyHashChain(stream.slice(1), { previousHash: stream[0].metadata.hash as string })).toMatchObject({ valid: true, eventCount: 2 });
  });
});
