import { expect, it } from 'vitest';
import type { EnvGetter } from './defineConformanceSuite.ts';

export function aggregateChecks(env: EnvGetter): void {
  it('runs the stages view queries use: $match, $group, $sort, $project, $skip, $limit, $unwind, $addFields, $count', async () => {
    const c = env().collection();
    await c.insertMany([
      { _id: 1, cat: 'a', price: 10, tags: ['x', 'y'] },
      { _id: 2, cat: 'b', price: 5, tags: ['y'] },
      { _id: 3, cat: 'a', price: 7, tags: [] },
      { _id: 4, cat: 'c', price: 1 },
    ]);
    const grouped = await c
      .aggregate([
        { $match: { price: { $gt: 1 } } },
        { $group: { _id: '$cat', total: { $sum: '$price' }, n: { $sum: 1 }, max: { $max: '$price' } } },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(grouped).toEqual([
      { _id: 'a', total: 17, n: 2, max: 10 },
      { _id: 'b', total: 5, n: 1, max: 5 },
    ]);
    const unwound = await c.aggregate([{ $unwind: '$tags' }, { $group: { _id: '$tags', ids: { $push: '$_id' } } }, { $sort: { _id: 1 } }]).toArray();
    expect(unwound).toEqual([
      { _id: 'x', ids: [1] },
      { _id: 'y', ids: [1, 2] },
    ]);
    const shaped = await c
      .aggregate([
        { $sort: { price: 1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $addFields: { double: { $multiply: ['$price', 2] } } },
        { $project: { _id: 0, cat: 1, double: 1 } },
      ])
      .toArray();
    expect(shaped).toEqual([
      { cat: 'b', double: 10 },
      { cat: 'a', double: 14 },
    ]);
    expect(await c.aggregate([{ $match: { cat: 'a' } }, { $count: 'n' }]).toArray()).toEqual([{ n: 2 }]);
  });

  it('skips missing values in $push and $addToSet and sorts mixed types in BSON order', async () => {
    const c = env().collection();
    const when = new Date(0);
    await c.insertMany([{ _id: 1, a: 'x' }, { _id: 2, a: 1 }, { _id: 3 }, { _id: 4, a: null }, { _id: 5, a: [0, 5] }, { _id: 6, a: when }, { _id: 7, a: 1 }]);
    const [group] = await c.aggregate([{ $sort: { _id: 1 } }, { $group: { _id: null, pushed: { $push: '$a' }, set: { $addToSet: '$a' } } }]).toArray();
    expect(group?.pushed).toEqual(['x', 1, null, [0, 5], when, 1]);
    expect(group?.set).toHaveLength(5);
    expect(group?.set).toEqual(expect.arrayContaining(['x', 1, null, [0, 5], when]));
    const ascending = (await c.aggregate([{ $sort: { a: 1, _id: 1 } }]).toArray()).map((d) => d._id);
    expect(ascending).toEqual([3, 4, 5, 2, 7, 1, 6]);
    const found = (await c.find({}, { sort: { a: -1, _id: 1 } }).toArray()).map((d) => d._id);
    expect(found).toEqual([6, 1, 5, 2, 7, 3, 4]);
  });

  it('joins collections with $lookup', async () => {
    const orders = env().collection();
    const customers = env().collection();
    await customers.insertMany([
      { _id: 'c1', name: 'Ada' },
      { _id: 'c2', name: 'Bob' },
    ]);
    await orders.insertMany([
      { _id: 1, customer: 'c1', total: 5 },
      { _id: 2, customer: 'c1', total: 7 },
      { _id: 3, customer: 'c3', total: 1 },
    ]);
    const joined = await customers
      .aggregate([
        { $lookup: { from: orders.collectionName, localField: '_id', foreignField: 'customer', as: 'orders' } },
        { $project: { name: 1, count: { $size: '$orders' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 'c1', name: 'Ada', count: 2 },
      { _id: 'c2', name: 'Bob', count: 0 },
    ]);
  });

  it('runs $lookup with a pipeline, $facet, $replaceRoot and $unwind keeping empty arrays', async () => {
    const items = env().collection();
    const lists = env().collection();
    await lists.insertMany([
      { _id: 'l1', owner: 'ada' },
      { _id: 'l2', owner: 'bob' },
    ]);
    await items.insertMany([
      { _id: 1, list: 'l1', qty: 2 },
      { _id: 2, list: 'l1', qty: 0 },
      { _id: 3, list: 'l2', qty: 5 },
    ]);
    const joined = await lists
      .aggregate([
        {
          $lookup: {
            from: items.collectionName,
            let: { id: '$_id' },
            pipeline: [{ $match: { $expr: { $and: [{ $eq: ['$list', '$$id'] }, { $gt: ['$qty', 0] }] } } }, { $project: { _id: 1 } }],
            as: 'stocked',
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([
      { _id: 'l1', owner: 'ada', stocked: [{ _id: 1 }] },
      { _id: 'l2', owner: 'bob', stocked: [{ _id: 3 }] },
    ]);
    const [facets] = await items
      .aggregate([{ $facet: { total: [{ $count: 'n' }], perList: [{ $group: { _id: '$list', qty: { $sum: '$qty' } } }, { $sort: { _id: 1 } }] } }])
      .toArray();
    expect(facets).toEqual({
      total: [{ n: 3 }],
      perList: [
        { _id: 'l1', qty: 2 },
        { _id: 'l2', qty: 5 },
      ],
    });
    const roots = await items.aggregate([{ $match: { _id: 3 } }, { $replaceRoot: { newRoot: { item: '$_id', list: '$list' } } }]).toArray();
    expect(roots).toEqual([{ item: 3, list: 'l2' }]);
    await items.insertOne({ _id: 4, list: 'l2', tags: [] });
    const unwound = await items
      .aggregate([{ $match: { _id: { $in: [3, 4] } } }, { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(unwound.map((d) => d._id)).toEqual([3, 4]);
  });

  it('never changes stored documents, whatever the pipeline does to its copies', async () => {
    const c = env().collection();
    const other = env().collection();
    const stored = { _id: 1, sub: { a: 1 }, arr: [{ k: 1 }, { k: 2 }] };
    await c.insertOne(stored);
    await other.insertOne({ _id: 1, nested: { b: 1 } });
    await c
      .aggregate([
        { $addFields: { 'sub.z': 1 } },
        { $lookup: { from: other.collectionName, localField: '_id', foreignField: '_id', as: 'j' } },
        { $set: { 'j.nested.c': 2 } },
        { $unwind: '$arr' },
        { $set: { 'arr.k': 9 } },
      ])
      .toArray();
    expect(await c.findOne({ _id: 1 })).toEqual(stored);
    expect(await other.findOne({ _id: 1 })).toEqual({ _id: 1, nested: { b: 1 } });
  });

  it('serves countDocuments through its aggregate pipeline', async () => {
    const c = env().collection();
    await c.insertMany(Array.from({ length: 30 }, (_, i) => ({ i })));
    expect(await c.countDocuments({ i: { $gte: 10 } })).toBe(20);
    expect(await c.countDocuments({ i: { $gte: 10 } }, { skip: 5, limit: 10 })).toBe(10);
    expect(await env().collection().countDocuments()).toBe(0);
  });

  it('rejects an unknown pipeline stage', async () => {
    const c = env().collection();
    await c.insertOne({ a: 1 });
    await expect(c.aggregate([{ $frobnicate: {} }]).toArray()).rejects.toMatchObject({ code: 40324 });
  });
}
