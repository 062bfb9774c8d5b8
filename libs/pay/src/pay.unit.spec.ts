import { payErrorKinds, payEventSchemaVersions } from '@handoff/pay';
import { payStreams } from './pay-streams';

describe('the pay context', () => {
  it('names every refusal PAY.* with the kind the API answers it by', () => {
    const codes = Object.keys(payErrorKinds);
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((code) => !/^PAY\.[A-Z_]+$/.test(code))).toEqual([]);
    expect(new Set(Object.values(payErrorKinds))).toEqual(new Set(['not-found', 'conflict', 'rule-broken', 'forbidden']));
  });

  it('registers every event type it writes, past tense, at version 1', () => {
    const types = Object.keys(payEventSchemaVersions);
    // Rate cards 1, ledgers 8, a parcel's pay 4, a hub's monthly retainer 1, a courier's run 1.
    expect(types).toHaveLength(15);
    // `Held` is irregular and `ClawedBack` a phrasal verb; every other type ends in -ed.
    expect(types.filter((type) => !/^[A-Z][A-Za-z]+(ed|Held|edBack)$/.test(type))).toEqual([]);
    expect(new Set(Object.values(payEventSchemaVersions))).toEqual(new Set([1]));
  });
});

describe("pay's streams", () => {
  it("notes a courier's run per hub and shift: rosters keep shift ids unique within a hub only, so two hubs' shift of the same id are two runs (each with its own top-up)", () => {
    expect(payStreams.courierRun('hub-rural', 'shift-7')).not.toBe(payStreams.courierRun('hub-city', 'shift-7'));
    expect(payStreams.courierRun('hub-rural', 'shift-7')).toBe(payStreams.courierRun('hub-rural', 'shift-7'));
  });
});
