import { beforeNoonAt } from './local-time';

describe('beforeNoonAt', () => {
  it("judges noon in the hub's zone, not the server's", () => {
    // 16:30 UTC on 12 March is 11:30 in Chicago (CDT, UTC-5) and 16:30 in Lisbon (WET, UTC+0).
    expect(beforeNoonAt('2025-03-12T16:30:00.000Z', 'America/Chicago')).toBe(true);
    expect(beforeNoonAt('2025-03-12T16:30:00.000Z', 'Europe/Lisbon')).toBe(false);
    expect(beforeNoonAt('2025-03-12T17:00:00.000Z', 'America/Chicago')).toBe(false);
  });

  it('uses UTC for a hub that names no zone', () => {
    expect(beforeNoonAt('2025-03-12T11:59:59.999Z', undefined)).toBe(true);
    expect(beforeNoonAt('2025-03-12T12:00:00.000Z', undefined)).toBe(false);
  });
});
