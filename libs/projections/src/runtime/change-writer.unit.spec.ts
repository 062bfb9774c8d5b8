import { remove, replace, update, upsert } from '../definition/projection-definition';
import { changeMarker } from '../definition/position';
import { Decimal128, ObjectId } from 'bson';
import { applyChanges, MARKER_FIELD, MarkedChange } from './change-writer';

const at = (commit: number, index = 0) => changeMarker({ commit: BigInt(commit), prepare: BigInt(commit) }, index);
const marked = (change: MarkedChange['change'], marker: string): MarkedChange => ({ change, marker });

describe('applyChanges', () => {
  it('gives the same document however the changes are split into batches (objects replaced by $set included)', () => {
    const changes = [
      marked(upsert('c', 'p', { $set: { holder: { kind: 'retailer', id: 'shop' }, holderKey: 'retailer:shop', status: 'registered' } }), at(1)),
      marked(upsert('c', 'p', { $set: { holder: { kind: 'hub', id: 'h' }, holderKey: 'hub:h', status: 'at-hub' } }), at(2)),
      marked(upsert('c', 'p', { $set: { openOffer: { to: { kind: 'courier', id: 'ana' } } } }), at(3)),
      marked(upsert('c', 'p', { $set: { holder: { kind: 'courier', id: 'ana' }, holderKey: 'courier:ana', openOffer: null } }), at(4)),
    ];
    const whole = applyChanges(null, changes).next;
    expect(whole).toMatchObject({ holder: { kind: 'courier', id: 'ana' }, holderKey: 'courier:ana', status: 'at-hub', openOffer: null });
    for (let split = 1; split < changes.length; split++) {
      const first = applyChanges(null, changes.slice(0, split)).next;
      expect(applyChanges(first, changes.slice(split)).next).toEqual(whole);
    }
  });

  it('keeps BSON values as they are (an ObjectId stays an ObjectId)', () => {
    const owner = new ObjectId();
    const read = { _id: 'a', owner, price: Decimal128.fromString('4.50'), [MARKER_FIELD]: at(1) };
    const next = applyChanges(read, [marked(update('c', 'a', { $set: { seen: true } }), at(2))]).next!;
    expect(next.owner).toBeInstanceOf(ObjectId);
    expect((next.owner as ObjectId).equals(owner)).toBe(true);
    expect(next.price).toBeInstanceOf(Decimal128);
  });

  it('creates a document on upsert, applying $setOnInsert only then', () => {
    const { next, changed } = applyChanges(null, [
      marked(upsert('c', 'a', { $inc: { n: 1 }, $setOnInsert: { first: 1 } }), at(1)),
      marked(upsert('c', 'a', { $inc: { n: 1 }, $setOnInsert: { first: 2 }, $push: { seen: 2 } }), at(2)),
    ]);
    expect(changed).toBe(true);
    expect(next).toEqual({ _id: 'a', n: 2, first: 1, seen: [2], [MARKER_FIELD]: at(2) });
    expect(Object.keys(next!)[0]).toBe('_id');
  });

  it('updates only existing documents, replaces and deletes', () => {
    expect(applyChanges(null, [marked(update('c', 'a', { $set: { x: 1 } }), at(1))])).toEqual({ next: null, changed: false });
    const read = { _id: 'a', x: 0, [MARKER_FIELD]: at(1) };
    expect(applyChanges(read, [marked(update('c', 'a', { $set: { x: 1 } }), at(2))]).next).toEqual({ _id: 'a', x: 1, [MARKER_FIELD]: at(2) });
    expect(applyChanges(read, [marked(replace('c', 'a', { y: 2 }), at(2))]).next).toEqual({ _id: 'a', y: 2, [MARKER_FIELD]: at(2) });
    // a replacement puts `_id` after its own fields: it is moved first, as stored documents have it
    expect(Object.keys(applyChanges(read, [marked(replace('c', 'a', { y: 2 }), at(2))]).next!)).toEqual(['_id', 'y', MARKER_FIELD]);
    expect(applyChanges(read, [marked(remove('c', 'a'), at(2))])).toEqual({ next: null, changed: true });
    expect(read).toEqual({ _id: 'a', x: 0, [MARKER_FIELD]: at(1) }); // the read document is not mutated
  });

  it('applied twice changes nothing: changes at or below the stored marker are skipped', () => {
    const changes = [marked(upsert('c', 'a', { $inc: { n: 1 } }), at(3)), marked(upsert('c', 'a', { $inc: { n: 10 } }), at(3, 1))];
    const once = applyChanges(null, changes).next;
    expect(once).toEqual({ _id: 'a', n: 11, [MARKER_FIELD]: at(3, 1) });
    expect(applyChanges(once, changes)).toEqual({ next: once, changed: false });
    // a partial earlier application (only the first change landed) completes exactly
    const partial = applyChanges(null, changes.slice(0, 1)).next;
    expect(applyChanges(partial, changes).next).toEqual(once);
  });

  it('re-creates a document after a delete within one batch', () => {
    const { next } = applyChanges({ _id: 'a', n: 5, [MARKER_FIELD]: at(1) }, [marked(remove('c', 'a'), at(2)), marked(upsert('c', 'a', { $inc: { n: 1 } }), at(3))]);
    expect(next).toEqual({ _id: 'a', n: 1, [MARKER_FIELD]: at(3) });
  });

  it('sets the derived fields of a changed document from the whole of it, however its changes were batched', () => {
    const tags = (doc: Record<string, unknown>) => ({ tags: [`hub:${doc.hubId}`, ...((doc.flags as string[] | undefined) ?? []).map((flag) => `hub:${doc.hubId}/flag:${flag}`)] });
    const changes = [
      marked(upsert('c', 'p', { $set: { hubId: 'north' } }), at(1)),
      marked(upsert('c', 'p', { $addToSet: { flags: 'damaged' } }), at(2)),
      marked(upsert('c', 'p', { $set: { hubId: 'south' } }), at(3)),
    ];
    const whole = applyChanges(null, changes, tags).next;
    expect(whole).toMatchObject({ hubId: 'south', tags: ['hub:south', 'hub:south/flag:damaged'] });
    const first = applyChanges(null, changes.slice(0, 2), tags).next;
    expect(first).toMatchObject({ tags: ['hub:north', 'hub:north/flag:damaged'] });
    expect(applyChanges(first, changes.slice(2), tags).next).toEqual(whole);
    expect(applyChanges(whole, changes, tags)).toEqual({ next: whole, changed: false });
  });

  it('refuses replacements and pipelines posing as updates', () => {
    expect(() => applyChanges(null, [marked(upsert('c', 'a', { n: 1 }), at(1))])).toThrow(/update operators/);
    expect(() => applyChanges(null, [marked(upsert('c', 'a', [{ $set: { n: 1 } }] as never), at(1))])).toThrow(/pipeline/);
  });
});
