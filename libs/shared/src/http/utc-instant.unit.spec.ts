import { isCalendarDay, parseUtcInstant } from './utc-instant';

describe('parseUtcInstant', () => {
  it.each([
    ['2025-03-04T09:15:00Z', Date.UTC(2025, 2, 4, 9, 15)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2000-02-29T00:00:00.5Z', Date.UTC(2000, 1, 29) + 500],
    ['2025-12-31T23:59:59.123456789Z', Date.UTC(2025, 11, 31, 23, 59, 59, 123)],
  ])('reads %s', (text, epochMs) => {
    expect(parseUtcInstant(text)).toBe(epochMs);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-01-01T00:00Z',
    '2026-01-01T00:00:00',
    '2026-01-01T00:00:00+01:00',
    '2026-01-01 00:00:00Z',
    '2026-01-01t00:00:00z',
    '2026-01-01T00:00:00.Z',
    '2026-01-01T00:00:00.1234567890Z',
    '+002026-01-01T00:00:00Z',
    ' 2026-01-01T00:00:00Z',
    '',
    1735689600000,
    null,
  ])('refuses %p', (text) => {
    expect(parseUtcInstant(text)).toBeUndefined();
  });
});

describe('isCalendarDay', () => {
  it('accepts days that exist and refuses those that do not', () => {
    expect(['2024-02-29', '2026-12-31', '2000-02-29'].map(isCalendarDay)).toEqual([true, true, true]);
    expect(['2026-02-30', '2025-02-29', '1900-02-29', '2026-06-31', '2026-13-01', '2026-1-1', '2026-01-01T00:00:00Z', 20260101].map(isCalendarDay)).toEqual(Array(8).fill(false));
  });
});
