import { FixedClock, SystemClock } from './clock';

describe('FixedClock', () => {
  it('stands still until moved, and speaks UTC ISO-8601', () => {
    const clock = new FixedClock('2025-03-04T09:15:00+02:00');
    expect(clock.nowIso()).toBe('2025-03-04T07:15:00.000Z');
    expect(clock.nowIso()).toBe('2025-03-04T07:15:00.000Z');
    clock.advance(24 * 60 * 60 * 1000 + 1);
    expect(clock.nowIso()).toBe('2025-03-05T07:15:00.001Z');
    clock.set(new Date(Date.UTC(2026, 0, 1)));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses an instant that is not one', () => {
    expect(() => new FixedClock('next tuesday')).toThrow(/not a valid instant/);
  });
});

describe('SystemClock', () => {
  it('reads the real time in UTC', () => {
    const before = Date.now();
    const iso = new SystemClock().nowIso();
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(iso)).toBeGreaterThanOrEqual(before);
  });

  it('formats each millisecond once and never answers a past one', async () => {
    const clock = new SystemClock();
    const first = clock.nowIso();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = clock.nowIso();
    expect(Date.parse(later)).toBeGreaterThan(Date.parse(first));
    expect(Date.parse(later)).toBeLessThanOrEqual(Date.now());
  });
});
