/** aggregate through the driver: the stages read models need, with MongoDB's results and errors. */
import { ContractTarget, createTarget, rejectionOf } from './support/target';

jest.setTimeout(30_000);

let target: ContractTarget;
const parcels = () => target.db.collection<any>('parcels');

beforeAll(async () => {
  target = await createTarget('aggregate');
  await parcels().insertMany([
    { _id: 1, hub: 'north', courier: 'ana', fee: 120, tags: ['fragile', 'pharma'] },
    { _id: 2, hub: 'north', courier: 'ben', fee: 180, tags: ['fragile'] },
    { _id: 3, hub: 'south', courier: 'ana', fee: 600, tags: [] },
    { _id: 4, hub: 'south', courier: 'cy', fee: 120 },
  ]);
  await target.db.collection<any>('couriers').insertMany([
    { _id: 'ana', paid: true },
    { _id: 'ben', paid: false },
  ]);
});
afterAll(async () => {
  await target?.close();
});

test('$match, $group with accumulators, $sort', async () => {
  const result = await parcels()
    .aggregate([
      { $match: { fee: { $gte: 100 } } },
      {
        $group: {
          _id: '$hub',
          n: { $sum: 1 },
          total: { $sum: '$fee' },
          avg: { $avg: '$fee' },
          min: { $min: '$fee' },
          max: { $max: '$fee' },
          couriers: { $addToSet: '$courier' },
          first: { $first: '$_id' },
          ids: { $push: '$_id' },
        },
      },
      { $sort: { _id: 1 } },
    ])
    .toArray();
  expect(result.map((r) => ({ ...r, couriers: [...r.couriers].sort() }))).toEqual([
    { _id: 'north', n: 2, total: 300, avg: 150, min: 120, max: 180, couriers: ['ana', 'ben'], first: 1, ids: [1, 2] },
    { _id: 'south', n: 2, total: 720, avg: 360, min: 120, max: 600, couriers: ['ana', 'cy'], first: 3, ids: [3, 4] },
  ]);
});

test('$project, $addFields/$set, $unwind, $count, $skip, $limit, $replaceRoot', async () => {
  const projected = await parcels()
    .aggregate([{ $sort: { _id: 1 } }, { $limit: 2 }, { $project: { _id: 0, id: '$_id', double: { $multiply: ['$fee', 2] } } }])
    .toArray();
  expect(projected).toEqual([
    { id: 1, double: 240 },
    { id: 2, double: 360 },
  ]);
  const withFields = await parcels()
    .aggregate([{ $match: { _id: 3 } }, { $addFields: { big: { $gt: ['$fee', 500] } } }, { $set: { hub: { $toUpper: '$hub' } } }])
    .toArray();
  expect(withFields).toEqual([{ _id: 3, hub: 'SOUTH', courier: 'ana', fee: 600, tags: [], big: true }]);
  const unwound = await parcels()
    .aggregate([{ $unwind: '$tags' }, { $sort: { _id: 1, tags: 1 } }, { $project: { tags: 1 } }])
    .toArray();
  expect(unwound).toEqual([
    { _id: 1, tags: 'fragile' },
    { _id: 1, tags: 'pharma' },
    { _id: 2, tags: 'fragile' },
  ]);
  expect(
    await parcels()
      .aggregate([{ $match: { hub: 'north' } }, { $count: 'n' }])
      .toArray(),
  ).toEqual([{ n: 2 }]);
  const page = await parcels()
    .aggregate([{ $sort: { fee: -1, _id: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }])
    .toArray();
  expect(page).toEqual([{ _id: 2 }, { _id: 1 }]);
  const roots = await parcels()
    .aggregate([{ $match: { _id: 1 } }, { $replaceRoot: { newRoot: { who: '$courier' } } }])
    .toArray();
  expect(roots).toEqual([{ who: 'ana' }]);
});

test('$lookup joins another collection of the same database; $facet runs sub-pipelines', async () => {
  const joined = await parcels()
    .aggregate([
      { $match: { _id: { $in: [1, 4] } } },
      { $sort: { _id: 1 } },
      { $lookup: { from: 'couriers', localField: 'courier', foreignField: '_id', as: 'courierDoc' } },
      { $project: { courierDoc: 1 } },
    ])
    .toArray();
  expect(joined).toEqual([
    { _id: 1, courierDoc: [{ _id: 'ana', paid: true }] },
    { _id: 4, courierDoc: [] },
  ]);
  const [facets] = await parcels()
    .aggregate([{ $facet: { byHub: [{ $group: { _id: '$hub', n: { $sum: 1 } } }, { $sort: { _id: 1 } }], cheap: [{ $match: { fee: { $lt: 150 } } }, { $count: 'n' }] } }])
    .toArray();
  expect(facets).toEqual({
    byHub: [
      { _id: 'north', n: 2 },
      { _id: 'south', n: 2 },
    ],
    cheap: [{ n: 2 }],
  });
});

test('countDocuments runs as an aggregate; an empty collection aggregates to nothing', async () => {
  expect(await parcels().countDocuments({ hub: 'south' })).toBe(2);
  expect(
    await target.db
      .collection<any>('empty')
      .aggregate([{ $group: { _id: null, n: { $sum: 1 } } }])
      .toArray(),
  ).toEqual([]);
  expect(await parcels().countDocuments()).toBe(4);
  expect(await parcels().countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
  expect(await parcels().countDocuments({ fee: { $lt: 500 } }, { skip: 2 })).toBe(1);
  expect(await parcels().countDocuments({ tags: 'fragile' }, { limit: 1 })).toBe(1);
  expect(await parcels().countDocuments({}, { skip: 10 })).toBe(0);
  expect(
    await parcels()
      .aggregate([{ $match: { hub: 'north' } }, { $group: { _id: 'all', total: { $sum: 1 } } }])
      .toArray(),
  ).toEqual([{ _id: 'all', total: 2 }]);
  expect(
    await parcels()
      .aggregate([{ $limit: 3 }, { $skip: 1 }, { $group: { _id: 1, n: { $sum: 1 } } }])
      .toArray(),
  ).toEqual([{ _id: 1, n: 2 }]);
});

test('aggregate cursors batch through getMore', async () => {
  const c = target.db.collection<any>('many');
  await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
  const all = await c.aggregate([{ $project: { _id: 0, i: 1 } }], { batchSize: 10 }).toArray();
  expect(all).toHaveLength(300);
  expect(all[299]).toEqual({ i: 299 });
});

test('an unknown stage is refused with 40324; an unknown expression with 168', async () => {
  const stage = await rejectionOf(
    parcels()
      .aggregate([{ $frobnicate: {} }])
      .toArray(),
  );
  expect(stage.code).toBe(40324);
  expect(stage.errmsg).toBe("Unrecognized pipeline stage name: '$frobnicate'");
  const expression = await rejectionOf(
    parcels()
      .aggregate([{ $project: { x: { $frobnicate: 1 } } }])
      .toArray(),
  );
  expect(expression.code).toBe(168);
  expect(expression.errmsg).toContain("Unrecognized expression '$frobnicate'");
});

test('explain of an aggregate whose leading $match uses an index examines only the matches', async () => {
  const c = target.db.collection<any>('explained');
  await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, k: i % 50 })));
  await c.createIndex({ k: 1 });
  const result = await c.aggregate([{ $match: { k: 7 } }, { $group: { _id: '$k', n: { $sum: 1 } } }]).toArray();
  expect(result).toEqual([{ _id: 7, n: 10 }]);
  const explained = await c.aggregate([{ $match: { k: 7 } }]).explain('executionStats');
  const stats = explained.executionStats ?? explained.stages?.[0]?.$cursor?.executionStats;
  expect(stats.totalDocsExamined).toBe(10);
});
