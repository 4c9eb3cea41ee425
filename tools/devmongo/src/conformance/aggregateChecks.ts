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
    const unwound = await c
      .aggregate([{ $unwind: '$tags' }, { $group: { _id: '$tags', ids: { $push: '$_id' } } }, { $sort: { _id: 1 } }])
      .toArray();
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
