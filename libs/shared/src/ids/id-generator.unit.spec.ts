import { RandomIdGenerator, SequentialIdGenerator } from './id-generator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('id generators', () => {
  it('random ids are distinct v4 UUIDs', () => {
    const ids = new RandomIdGenerator();
    const batch = Array.from({ length: 100 }, () => ids.next());
    expect(new Set(batch).size).toBe(100);
    batch.forEach((id) => expect(id).toMatch(UUID));
  });

  it('sequential ids are predictable v4-shaped UUIDs', () => {
    const ids = new SequentialIdGenerator();
    expect([ids.next(), ids.next()]).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
    expect(ids.next()).toMatch(UUID);
  });
});
