import { changeMarker, comparePositions, formatPosition, InvalidPositionError, parsePosition, positionFromKey, positionKey, START_KEY } from './position';

describe('positions', () => {
  it('orders keys as positions are ordered, across digit counts', () => {
    const positions = [
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 10n },
      { commit: 10n, prepare: 11n },
      { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n },
    ];
    const keys = positions.map(positionKey);
    expect([...keys].sort()).toEqual(keys);
    expect(START_KEY < keys[0]!).toBe(true);
    for (let i = 1; i < positions.length; i++) expect(comparePositions(positions[i - 1]!, positions[i]!)).toBe(-1);
  });

  it('round-trips keys and wire forms', () => {
    const position = { commit: 1234n, prepare: 1200n };
    expect(positionFromKey(positionKey(position))).toEqual(position);
    expect(positionFromKey(START_KEY)).toBeUndefined();
    expect(formatPosition(position)).toBe('1234:1200');
    expect(formatPosition({ commit: 7n, prepare: 7n })).toBe('7');
    expect(parsePosition('1234:1200')).toEqual(position);
    expect(parsePosition(' 7 ')).toEqual({ commit: 7n, prepare: 7n });
  });

  it('refuses what is not a position', () => {
    for (const text of ['', 'abc', '-1', '1:2:3', '18446744073709551616', '1.5']) expect(() => parsePosition(text)).toThrow(InvalidPositionError);
  });

  it('orders the changes of one event after each other and before the next event', () => {
    const a = { commit: 5n, prepare: 5n };
    const b = { commit: 6n, prepare: 6n };
    expect(changeMarker(a, 0) < changeMarker(a, 1)).toBe(true);
    expect(changeMarker(a, 9999) < changeMarker(b, 0)).toBe(true);
  });
});
