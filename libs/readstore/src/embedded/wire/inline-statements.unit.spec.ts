import { Binary, BSONRegExp, BSONSymbol, Code, Decimal128, deserialize, Double, Int32, Long, MaxKey, MinKey, ObjectId, serialize, Timestamp } from 'bson';
import { liftInlineStatements } from './inline-statements';
import { FramedRequest } from './messages';

const framed = (body: Record<string, unknown>, sequences = new Map<string, Buffer[]>()): FramedRequest => ({
  header: { length: 0, requestId: 1, responseTo: 0, opCode: 2013 },
  kind: 'msg',
  moreToCome: false,
  rawBody: Buffer.from(serialize(body)),
  rawSequences: sequences,
});

// One value of every BSON type a command may carry, placed before and after the statements.
const everyType = {
  d: new Double(1.5),
  s: 'text',
  o: { nested: [1, { x: 2 }] },
  a: [1, 'two'],
  b: new Binary(Buffer.from([1, 2, 3]), 4),
  oid: new ObjectId(),
  t: true,
  date: new Date(0),
  n: null,
  re: new BSONRegExp('a.b', 'i'),
  code: new Code('x'),
  scoped: new Code('y', { z: 1 }),
  sym: new BSONSymbol('sym'),
  i: new Int32(7),
  ts: new Timestamp({ t: 1, i: 2 }),
  l: Long.fromNumber(8),
  dec: Decimal128.fromString('9.99'),
  min: new MinKey(),
  max: new MaxKey(),
};

describe('lifting inline write statements into a document sequence', () => {
  it.each([
    ['insert', 'documents'],
    ['update', 'updates'],
    ['delete', 'deletes'],
  ])('moves %s.%s out of the body as raw documents, leaving every other field as it was', (command, field) => {
    const statements = [
      { _id: 1, v: 'a' },
      { _id: 2, v: { deep: [1, 2] } },
    ];
    const lifted = liftInlineStatements(framed({ [command]: 'c', ...everyType, [field]: statements, ordered: false, $db: 'test' }));
    expect(lifted.rawSequences.get(field)!.map((bytes) => deserialize(bytes))).toEqual(statements);
    const body = deserialize(lifted.rawBody, { promoteValues: false });
    expect(body).toEqual(deserialize(serialize({ [command]: 'c', ...everyType, ordered: false, $db: 'test' }), { promoteValues: false }));
  });

  it('leaves the request alone when there is nothing to lift, or when the command must refuse it', () => {
    for (const request of [
      framed({ find: 'c', documents: [{ a: 1 }], $db: 'test' }), // not a write command
      framed({ insert: 'c', documents: 5, $db: 'test' }), // not an array
      framed({ insert: 'c', documents: [{ a: 1 }, 2], $db: 'test' }), // not all documents
      framed({ insert: 'c', documents: [{ a: 1 }], $db: 'test' }, new Map([['documents', [Buffer.from(serialize({ b: 1 }))]]])), // both shapes
      framed({ insert: 'c', $db: 'test' }), // missing
    ]) {
      expect(liftInlineStatements(request)).toBe(request);
    }
  });

  it('refuses a body whose elements run past it', () => {
    const request = framed({ insert: 'c', documents: [{ a: 1 }], $db: 'test' });
    const corrupt = Buffer.from(request.rawBody);
    corrupt.writeInt32LE(10_000, corrupt.indexOf('documents') + 'documents'.length + 1); // the array's length
    expect(() => liftInlineStatements({ ...request, rawBody: corrupt })).toThrow(/runs past/);
  });
});
