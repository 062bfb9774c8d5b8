import fc from 'fast-check';
import { compareInstants, epochNanosOf, isUtcInstant, isWithin, laterOf, normaliseInstant } from './instant';
import { judgeStatedTime, type RecordingClock } from './stated-time';

describe('instants', () => {
  it.each(['2025-03-01T09:00:00Z', '2025-03-01T09:00:00.1Z', '2025-03-01T09:00:00.123456789Z', '2024-02-29T23:59:59.999Z', '2000-02-29T00:00:00Z'])('accepts %s', (value) => {
    expect(isUtcInstant(value)).toBe(true);
  });

  it.each([
    '2025-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T12:60:00Z',
    '2025-01-01T12:00:60Z',
    '2025-01-01T12:00:00',
    '2025-01-01T12:00:00+00:00',
    '2025-01-01T12:00:00.1234567890Z',
    '2025-01-01',
    ' 2025-01-01T12:00:00Z',
  ])('refuses %s', (value) => {
    expect(isUtcInstant(value)).toBe(false);
  });

  it('spells an instant one way: milliseconds at least, no trailing zeros beyond them', () => {
    expect(normaliseInstant('2025-03-01T09:00:00Z')).toBe('2025-03-01T09:00:00.000Z');
    expect(normaliseInstant('2025-03-01T09:00:00.5Z')).toBe('2025-03-01T09:00:00.500Z');
    expect(normaliseInstant('2025-03-01T09:00:00.000000000Z')).toBe('2025-03-01T09:00:00.000Z');
    expect(normaliseInstant('2025-03-01T09:00:00.1234560Z')).toBe('2025-03-01T09:00:00.123456Z');
    expect(() => normaliseInstant('2025-02-30T00:00:00Z')).toThrow(RangeError);
  });

  it('compares exactly below the millisecond, where Date.parse cannot', () => {
    const earlier = '2025-03-01T09:00:00.000000001Z';
    const later = '2025-03-01T09:00:00.000000002Z';
    expect(Date.parse(earlier)).toBe(Date.parse(later));
    expect(compareInstants(earlier, later)).toBe(-1);
    expect(compareInstants(later, earlier)).toBe(1);
    expect(compareInstants('2025-03-01T09:00:00Z', '2025-03-01T09:00:00.000000000Z')).toBe(0);
    expect(laterOf(undefined, earlier)).toBe(earlier);
    expect(laterOf(later, earlier)).toBe(later);
  });

  it('treats a window as from inclusive, until exclusive', () => {
    const from = '2025-03-01T09:00:00Z';
    const until = '2025-03-01T10:00:00Z';
    expect(isWithin(from, from, until)).toBe(true);
    expect(isWithin('2025-03-01T09:59:59.999999999Z', from, until)).toBe(true);
    expect(isWithin(until, from, until)).toBe(false);
    expect(isWithin('2025-03-01T08:59:59.999999999Z', from, until)).toBe(false);
    expect(isWithin('2099-01-01T00:00:00Z', from)).toBe(true);
  });

  it('orders instants as their nanoseconds since the epoch, whatever their spelling', () => {
    // One instant, spelled with any number of fractional digits that keeps its value (none to nine).
    const instant = fc.tuple(fc.integer({ min: 0, max: 4_102_444_799_999 }), fc.integer({ min: 0, max: 999_999 }), fc.nat(9)).map(([ms, subMs, extra]) => {
      const iso = new Date(ms).toISOString();
      const digits = iso.slice(20, 23) + String(subMs).padStart(6, '0');
      const length = Math.min(9, digits.replace(/0+$/, '').length + extra);
      return `${iso.slice(0, 19)}${length === 0 ? '' : '.' + digits.slice(0, length)}Z`;
    });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(isUtcInstant(a)).toBe(true);
        expect(normaliseInstant(normaliseInstant(a))).toBe(normaliseInstant(a));
        expect(epochNanosOf(normaliseInstant(a))).toBe(epochNanosOf(a));
        const byNanos = Math.sign(Number(epochNanosOf(a) - epochNanosOf(b)));
        expect(compareInstants(a, b)).toBe(byNanos);
        expect(normaliseInstant(a) === normaliseInstant(b)).toBe(byNanos === 0);
      }),
    );
  });
});

describe('judgeStatedTime', () => {
  const clock = (stated: boolean): RecordingClock => ({ now: '2025-03-01T12:00:00.000Z', stated, maxSkewMs: 300_000, backfillWindowMs: 72 * 3_600_000 });

  it('accepts a time within the skew and the window', () => {
    expect(judgeStatedTime('2025-03-01T12:05:00.000Z', clock(true), false, undefined)).toEqual({ verdict: 'accepted', at: '2025-03-01T12:05:00.000Z', backdated: false });
    expect(judgeStatedTime('2025-02-26T12:00:00.000Z', clock(true), false, undefined)).toEqual({ verdict: 'accepted', at: '2025-02-26T12:00:00.000Z', backdated: false });
  });

  it('refuses a time beyond the skew, and one beyond the window unless the party may backfill (then flagged)', () => {
    expect(judgeStatedTime('2025-03-01T12:05:00.000000001Z', clock(true), false, undefined).verdict).toBe('in-future');
    expect(judgeStatedTime('2025-02-26T11:59:59.999Z', clock(true), false, undefined).verdict).toBe('backfill-not-allowed');
    expect(judgeStatedTime('2025-02-26T11:59:59.999Z', clock(true), true, undefined)).toEqual({ verdict: 'accepted', at: '2025-02-26T11:59:59.999Z', backdated: true });
  });

  it('refuses a stated time before the last fact, and dates an unstated one no earlier than it', () => {
    const lastFactAt = '2025-03-01T12:03:00.000Z';
    expect(judgeStatedTime('2025-03-01T12:02:00.000Z', clock(true), true, lastFactAt).verdict).toBe('out-of-order');
    expect(judgeStatedTime('2025-03-01T12:00:00.000Z', clock(false), false, lastFactAt)).toEqual({ verdict: 'accepted', at: lastFactAt, backdated: false });
  });
});
