import { parcelHandoffAcceptedV1toV2, parcelReceivedAtHubV1toV2, parcelUpcasters } from './parcel.upcasters';

describe('ParcelReceivedAtHub v1 → v2', () => {
  const v1 = { parcelId: 'p-1', hubId: 'h-1', from: { kind: 'retailer', id: 'r-1' }, condition: { condition: 'intact' }, receivedAt: '2025-03-04T07:00:00.000Z' };

  it("keeps the cycle's id and drops the copied over-cap flag (the cycle's HubCycleParcelReceived carries it)", () => {
    expect(parcelReceivedAtHubV1toV2.upcast({ ...v1, cycle: { cycleId: 'c-1', overCap: true } })).toEqual({ ...v1, cycle: { cycleId: 'c-1' } });
  });

  it('leaves a receive that named no cycle without one', () => {
    expect(parcelReceivedAtHubV1toV2.upcast({ ...v1, cycle: null })).toEqual({ ...v1, cycle: null });
  });
});

describe('ParcelHandoffAccepted v1 → v2', () => {
  const v1 = {
    parcelId: 'p-1',
    handoffId: 'h-1',
    from: { kind: 'hub', id: 'hub-1' },
    to: { kind: 'courier', id: 'ana' },
    condition: { condition: 'intact' },
    evidence: [],
    geo: { latitude: 52.4, longitude: 0.26 },
    deviceTime: '2025-03-04T08:00:00.000Z',
    acceptedAt: '2025-03-04T08:00:00.000Z',
  };

  it('keeps the waiver id and text hash, and says the terms v1 did not record were not recorded (null), inventing none', () => {
    expect(parcelHandoffAcceptedV1toV2.upcast({ ...v1, waiver: { waiverId: 'w-1', versionHash: `sha256:${'a'.repeat(64)}` } })).toEqual({
      ...v1,
      waiver: { waiverId: 'w-1', textHash: `sha256:${'a'.repeat(64)}`, templateId: null, templateVersion: null, liabilityCap: null, grossNegligenceClause: null },
    });
  });

  it('keeps a handoff that recorded no waiver without one', () => {
    expect(parcelHandoffAcceptedV1toV2.upcast({ ...v1, waiver: null })).toEqual({ ...v1, waiver: null });
  });

  it('is registered among custody upcasters', () => {
    expect(parcelUpcasters).toContainEqual(expect.objectContaining({ type: 'ParcelHandoffAccepted', fromVersion: 1 }));
  });
});
