import { parcelReceivedAtHubV1toV2 } from './parcel.upcasters';

describe('ParcelReceivedAtHub v1 → v2', () => {
  const v1 = { parcelId: 'p-1', hubId: 'h-1', from: { kind: 'retailer', id: 'r-1' }, condition: { condition: 'intact' }, receivedAt: '2025-03-04T07:00:00.000Z' };

  it("keeps the cycle's id and drops the copied over-cap flag (the cycle's HubCycleParcelReceived carries it)", () => {
    expect(parcelReceivedAtHubV1toV2.upcast({ ...v1, cycle: { cycleId: 'c-1', overCap: true } })).toEqual({ ...v1, cycle: { cycleId: 'c-1' } });
  });

  it('leaves a receive that named no cycle without one', () => {
    expect(parcelReceivedAtHubV1toV2.upcast({ ...v1, cycle: null })).toEqual({ ...v1, cycle: null });
  });
});
