import type { EventMetadata } from '../envelope/event-envelope';
import { UnknownSchemaVersionError, UpcasterRegistrationError, UpcasterRegistry } from './upcaster-registry';

const metadata: EventMetadata = {
  eventId: '00000000-0000-4000-8000-000000000001',
  correlationId: 'c-1',
  causationId: 'c-1',
  actor: { kind: 'courier', id: 'courier-9' },
  occurredAt: '2025-05-01T10:00:00.000Z',
  recordedAt: '2025-05-01T10:00:01.000Z',
};

// A handoff's condition was a free string in v1, an object in v2, and v3 added the evidence list.
const registry = () =>
  new UpcasterRegistry()
    .register('ParcelHandoffAccepted', 1, (data: { condition: string }) => ({ ...data, condition: { state: data.condition, notes: '' } }))
    .register('ParcelHandoffAccepted', 2, (data: object) => ({ ...data, evidence: [] }));

describe('UpcasterRegistry', () => {
  it('reports version 1 for a type with no upcasters and passes its data through unchanged', () => {
    const data = { parcelId: 'p1' };
    expect(registry().currentVersion('ParcelRegistered')).toBe(1);
    expect(registry().upcast('ParcelRegistered', 1, data, metadata)).toEqual({ schemaVersion: 1, data });
  });

  it('makes the current version one past the highest registered step', () => {
    expect(registry().currentVersion('ParcelHandoffAccepted')).toBe(3);
  });

  it('chains every step from the stored version to the current one', () => {
    expect(registry().upcast('ParcelHandoffAccepted', 1, { parcelId: 'p1', condition: 'intact' }, metadata)).toEqual({
      schemaVersion: 3,
      data: { parcelId: 'p1', condition: { state: 'intact', notes: '' }, evidence: [] },
    });
  });

  it('starts the chain at the stored version', () => {
    const v2 = { parcelId: 'p1', condition: { state: 'damaged', notes: 'dented' } };
    expect(registry().upcast('ParcelHandoffAccepted', 2, v2, metadata).data).toEqual({ ...v2, evidence: [] });
  });

  it('leaves the current version untouched', () => {
    const v3 = { parcelId: 'p1', condition: { state: 'intact', notes: '' }, evidence: ['sha256:ab'] };
    expect(registry().upcast('ParcelHandoffAccepted', 3, v3, metadata)).toEqual({ schemaVersion: 3, data: v3 });
  });

  it('does not mutate the stored data', () => {
    const v1 = { parcelId: 'p1', condition: 'intact' };
    registry().upcast('ParcelHandoffAccepted', 1, v1, metadata);
    expect(v1).toEqual({ parcelId: 'p1', condition: 'intact' });
  });

  it('gives each upcaster the event metadata', () => {
    const seen: EventMetadata[] = [];
    const withMetadata = new UpcasterRegistry().register('WaiverSigned', 1, (data: object, meta) => {
      seen.push(meta);
      return { ...data, signedAt: meta.occurredAt };
    });
    expect(withMetadata.upcast('WaiverSigned', 1, {}, metadata).data).toEqual({ signedAt: '2025-05-01T10:00:00.000Z' });
    expect(seen).toEqual([metadata]);
  });

  it('refuses a version newer than it knows (written by a newer release)', () => {
    expect(() => registry().upcast('ParcelHandoffAccepted', 4, {}, metadata)).toThrow(UnknownSchemaVersionError);
    expect(() => registry().upcast('ParcelRegistered', 2, {}, metadata)).toThrow(/knows versions up to 1/);
  });

  it('refuses a gap in the chain instead of skipping a step', () => {
    const gappy = new UpcasterRegistry().register('ParcelLost', 2, (data: object) => data);
    expect(gappy.currentVersion('ParcelLost')).toBe(3);
    expect(() => gappy.upcast('ParcelLost', 1, {}, metadata)).toThrow(/no upcaster from v1 to v2/);
  });

  it('refuses version 0 or fractions', () => {
    expect(() => registry().upcast('ParcelRegistered', 0, {}, metadata)).toThrow(UnknownSchemaVersionError);
    expect(() => registry().upcast('ParcelRegistered', 1.5, {}, metadata)).toThrow(UnknownSchemaVersionError);
  });

  it('refuses two upcasters for the same step, and a step below 1', () => {
    expect(() => registry().register('ParcelHandoffAccepted', 1, (d: object) => d)).toThrow(UpcasterRegistrationError);
    expect(() => new UpcasterRegistry().register('X', 0, (d: object) => d)).toThrow(UpcasterRegistrationError);
  });
});
