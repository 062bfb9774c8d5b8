import { deserialize, Long, serialize } from 'bson';
import { cursorReply } from './raw-bson';

describe('cursor replies around raw documents', () => {
  test('are the BSON document mongod sends, with the batch bytes embedded as they are', () => {
    const docs = Array.from({ length: 12 }, (_, i) => ({ _id: i, name: `parcel-é-${i}` }));
    const reply = cursorReply(
      'firstBatch',
      docs.map((doc) => Buffer.from(serialize(doc))),
      2 ** 40 + 3,
      'db.coll-ü',
    );
    const decoded = deserialize(reply, { promoteLongs: false });
    expect(decoded).toEqual({ cursor: { firstBatch: docs, id: Long.fromNumber(2 ** 40 + 3), ns: 'db.coll-ü' }, ok: 1 });
    expect(reply.readInt32LE(0)).toBe(reply.length);
  });

  test('an empty, exhausted batch', () => {
    expect(deserialize(cursorReply('nextBatch', [], 0, 'a.b'))).toEqual({ cursor: { nextBatch: [], id: 0, ns: 'a.b' }, ok: 1 });
  });
});
