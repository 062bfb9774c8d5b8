import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('never holds more than its capacity, and keeps what is used', () => {
    const map = new BoundedMap<number, string>(100);
    map.set(0, 'hot');
    for (let i = 1; i <= 10_000; i++) {
      map.set(i, `v${i}`);
      expect(map.get(0)).toBe('hot'); // used all along: never forgotten
      expect(map.size).toBeLessThanOrEqual(100);
    }
    expect(map.get(1)).toBeUndefined(); // unused and long past
    expect(map.get(10_000)).toBe('v10000');
  });

  it('answers the latest value of a key set again, and forgets a deleted one', () => {
    const map = new BoundedMap<string, number>(4);
    map.set('a', 1);
    map.set('b', 2); // rotates: a and b are old
    map.set('a', 3);
    expect(map.get('a')).toBe(3);
    map.delete('a');
    expect(map.get('a')).toBeUndefined();
    map.clear();
    expect(map.size).toBe(0);
  });
});
