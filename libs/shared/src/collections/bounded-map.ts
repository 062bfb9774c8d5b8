/**
 * A map that forgets its least recently used entries past a capacity, so memory stays flat
 * however many keys pass through it. Two generations: when the young one is half full it becomes
 * the old one and the previous old one is dropped whole (O(1), unlike evicting a Map's first key
 * one at a time, which makes V8 skip ever more deleted slots). A hit in the old generation moves
 * the entry to the young one, so what is used stays.
 */
export class BoundedMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 2)) throw new Error(`a bounded map needs a capacity of at least 2, got ${capacity}`);
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aging = this.old.get(key);
    if (aging !== undefined) {
      this.old.delete(key);
      this.set(key, aging);
    }
    return aging;
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    this.young.set(key, value);
    if (this.young.size >= this.capacity / 2) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
