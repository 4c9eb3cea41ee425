import { expect, it } from 'vitest';
import type { LooseDoc } from './ConformanceEnv.ts';
import type { EnvGetter } from './defineConformanceSuite.ts';

export function cursorAndIndexChecks(env: EnvGetter): void {
  it('iterates a cursor across many getMore batches', async () => {
    const c = env().collection<{ _id: number; v: number }>();
    await c.insertMany(Array.from({ length: 2500 }, (_, i) => ({ _id: i, v: i % 10 })));
    const seen: number[] = [];
    for await (const doc of c.find({}, { batchSize: 7 }).sort({ _id: 1 })) seen.push(doc._id);
    expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    const all = await c.find({ v: 3 }).toArray();
    expect(all).toHaveLength(250);
    const aggregated = await c.aggregate([{ $match: { v: { $lt: 5 } } }, { $sort: { _id: -1 } }], { batchSize: 11 }).toArray();
    expect(aggregated).toHaveLength(1250);
    expect(aggregated[0]?._id).toBe(2494);
  });

  it('kills a cursor closed early', async () => {
    const c = env().collection();
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i })));
    const cursor = c.find({}, { batchSize: 5 });
    expect(await cursor.next()).toEqual({ _id: 0 });
    const id = cursor.id;
    expect(id?.isZero()).toBe(false);
    await cursor.close();
    const result = await env().db.command({ killCursors: c.collectionName, cursors: [id] });
    expect(result.cursorsNotFound).toHaveLength(1);
  });

  it('reports an unknown cursor id to getMore', async () => {
    const c = env().collection();
    await c.insertOne({ x: 1 });
    const { driver } = env();
    await expect(env().db.command({ getMore: 123456789, collection: c.collectionName })).rejects.toBeInstanceOf(driver.MongoServerError);
    await expect(env().db.command({ getMore: 123456789, collection: c.collectionName })).rejects.toMatchObject({ code: 43 });
  });

  it('creates, lists and drops indexes', async () => {
    const c = env().collection();
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    expect(await c.createIndex({ a: 1, b: -1 }, { name: 'ab' })).toBe('ab');
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    const listed = await c.listIndexes().toArray();
    expect(listed.map((i) => [i.name, i.key, i.unique ?? false])).toEqual([
      ['_id_', { _id: 1 }, false],
      ['email_1', { email: 1 }, true],
      ['ab', { a: 1, b: -1 }, false],
    ]);
    expect(await c.indexExists('ab')).toBe(true);
    await c.dropIndex('ab');
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_', 'email_1']);
    await c.dropIndexes();
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
    await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
  });

  it('enforces unique and compound unique indexes with code 11000 and keyValue', async () => {
    const { driver } = env();
    const c = env().collection();
    await c.createIndex({ tenant: 1, slug: 1 }, { unique: true });
    await c.insertOne({ tenant: 't1', slug: 'a' });
    await c.insertOne({ tenant: 't2', slug: 'a' });
    const error = await c.insertOne({ tenant: 't1', slug: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(driver.MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyValue: { tenant: 't1', slug: 'a' } });
    await c.insertOne({ tenant: 't1', slug: 'b', n: 1 });
    await expect(c.updateOne({ slug: 'b' }, { $set: { slug: 'a' } })).rejects.toMatchObject({ code: 11000 });
    expect(await c.findOne({ slug: 'b' }, { projection: { _id: 0 } })).toEqual({ tenant: 't1', slug: 'b', n: 1 });
    await expect(c.insertOne({ _id: (await c.findOne({ slug: 'b' }))?._id, tenant: 'x', slug: 'y' })).rejects.toMatchObject({ code: 11000 });
  });

  it('refuses to build a unique index over duplicates', async () => {
    const c = env().collection();
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
    await expect(
      c.createIndexes([
        { key: { other: 1 }, name: 'other_1' },
        { key: { k: 1 }, name: 'k_unique', unique: true },
      ]),
    ).rejects.toMatchObject({ code: 11000 });
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('sorts through an index like without one, missing and null first', async () => {
    const withIndex = env().collection();
    const without = env().collection();
    await withIndex.createIndex({ t: 1 });
    const docs = Array.from({ length: 200 }, (_, i) =>
      i % 17 === 0 ? { _id: i } : i % 19 === 0 ? { _id: i, t: null } : { _id: i, t: i % 3 === 0 ? `s${i % 40}` : (i * 37) % 101 },
    );
    await withIndex.insertMany(docs);
    await without.insertMany(docs);
    for (const [sort, skip, limit] of [
      [{ t: 1 }, 0, 15],
      [{ t: -1 }, 5, 10],
      [{ t: 1 }, 0, 0],
    ] as const) {
      const key = (d: LooseDoc) => JSON.stringify(d.t ?? null);
      const a = (await withIndex.find({}, { sort, skip, limit }).toArray()).map(key);
      const b = (await without.find({}, { sort, skip, limit }).toArray()).map(key);
      expect(a).toEqual(b);
    }
    const numbers = docs.flatMap((d) => ('t' in d && typeof d.t === 'number' ? [d.t] : [])).sort((x, y) => y - x);
    const top = await withIndex.find({ t: { $type: 'number' } }, { sort: { t: -1 }, limit: 3 }).toArray();
    expect(top.map((d) => d.t)).toEqual(numbers.slice(0, 3));
  });

  it('answers equality, $in and range queries through a secondary index like a scan would', async () => {
    type Row = { _id: number; k: number | string; tags: string[] };
    const c = env().collection<Row>();
    await c.createIndex({ k: 1 });
    await c.createIndex({ tags: 1 });
    const rows: Row[] = Array.from({ length: 300 }, (_, i) => ({ _id: i, k: i % 3 === 0 ? `s${i % 30}` : i % 50, tags: [`t${i % 4}`, `u${i % 5}`] }));
    await c.insertMany(rows);
    const ids = async (filter: object) => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    const expected = (pred: (r: Row) => boolean) => rows.filter(pred).map((r) => r._id);
    const num = (r: Row) => (typeof r.k === 'number' ? r.k : NaN);
    expect(await ids({ k: 7 })).toEqual([7, 107, 157, 257]);
    expect(await ids({ k: { $in: [7, 's3'] } })).toEqual(expected((r) => r.k === 7 || r.k === 's3'));
    expect(await ids({ k: { $gt: 47 } })).toEqual(expected((r) => num(r) > 47));
    expect(await ids({ k: { $gte: 48, $lte: 49 } })).toEqual(expected((r) => num(r) >= 48 && num(r) <= 49));
    expect(await ids({ k: { $lt: 2 } })).toEqual(expected((r) => num(r) < 2));
    expect(await ids({ k: { $gte: 's24', $lt: 's3' } })).toEqual(expected((r) => typeof r.k === 'string' && r.k >= 's24' && r.k < 's3'));
    expect(await ids({ tags: 't1', k: { $lt: 10 } })).toEqual(expected((r) => r.tags.includes('t1') && num(r) < 10));
    expect(await ids({ $or: [{ k: 7 }, { tags: 't2', k: { $lt: 5 } }] })).toEqual(expected((r) => r.k === 7 || (r.tags.includes('t2') && num(r) < 5)));
    expect(await ids({ tags: { $in: ['u0', 't3'] } })).toEqual(expected((r) => r.tags.includes('u0') || r.tags.includes('t3')));
    await c.updateMany({ k: 7 }, { $set: { k: 1000 } });
    expect(await ids({ k: 7 })).toEqual([]);
    expect(await ids({ k: { $gte: 1000 } })).toEqual([7, 107, 157, 257]);
    await c.deleteMany({ k: 1000 });
    expect(await ids({ k: { $gte: 1000 } })).toEqual([]);
  });
}
