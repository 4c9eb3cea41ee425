import { expect, it } from 'vitest';
import type { EnvGetter } from './defineConformanceSuite.ts';

export function crudChecks(env: EnvGetter): void {
  it('answers ping, buildInfo and hello as a standalone server', async () => {
    const admin = env().client.db('admin');
    expect((await admin.command({ ping: 1 })).ok).toBe(1);
    const info = await admin.command({ buildInfo: 1 });
    expect(typeof info.version).toBe('string');
    const hello = await admin.command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.setName).toBeUndefined();
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
  });

  it('answers legacy isMaster, runs commands in explicit sessions and ends them', async () => {
    const { client } = env();
    const admin = client.db('admin');
    const legacy = await admin.command({ isMaster: 1 });
    expect(legacy.ismaster).toBe(true);
    expect(legacy.maxWireVersion).toBeGreaterThanOrEqual(17);
    const c = env().collection();
    const session = client.startSession();
    try {
      await c.insertOne({ _id: 's1', n: 1 }, { session });
      await c.updateOne({ _id: 's1' }, { $inc: { n: 1 } }, { session });
      expect(await c.findOne({ _id: 's1' }, { session })).toEqual({ _id: 's1', n: 2 });
      expect((await admin.command({ endSessions: [session.id] })).ok).toBe(1);
    } finally {
      await session.endSession();
    }
  });

  it('carries a large insert batch across several wire messages', async () => {
    const c = env().collection();
    const filler = 'x'.repeat(1000);
    const docs = Array.from({ length: 30_000 }, (_, i) => ({ _id: i, filler }));
    expect((await c.insertMany(docs)).insertedCount).toBe(30_000);
    expect(await c.countDocuments()).toBe(30_000);
    expect((await c.find({}, { sort: { $natural: -1 }, limit: 2, projection: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual([29_999, 29_998]);
  });

  it('serves many concurrent operations across pooled connections', async () => {
    const c = env().collection();
    await Promise.all(Array.from({ length: 400 }, (_, i) => c.updateOne({ _id: i % 40 }, { $inc: { n: 1 } }, { upsert: true })));
    const docs = await c.find({}, { sort: { _id: 1 } }).toArray();
    expect(docs).toHaveLength(40);
    expect(docs.every((d) => d.n === 10)).toBe(true);
    const reads = await Promise.all(Array.from({ length: 100 }, (_, i) => c.findOne({ _id: i % 40 })));
    expect(reads.every((d) => d?.n === 10)).toBe(true);
  });

  it('inserts and reads documents back with their BSON types', async () => {
    const { driver } = env();
    const c = env().collection();
    const id = new driver.ObjectId();
    const when = new Date('2024-01-02T03:04:05.678Z');
    const inserted = await c.insertOne({ _id: id, s: 'x', n: 42, f: 1.5, d: when, nested: { a: [1, 2, { b: true }] }, nil: null });
    expect(inserted.insertedId).toEqual(id);
    const doc = await c.findOne({ _id: id });
    expect(doc).toEqual({ _id: id, s: 'x', n: 42, f: 1.5, d: when, nested: { a: [1, 2, { b: true }] }, nil: null });
    const many = await c.insertMany([{ k: 1 }, { k: 2 }]);
    expect(many.insertedCount).toBe(2);
    expect(Object.values(many.insertedIds).every((v) => v instanceof driver.ObjectId)).toBe(true);
  });

  it('keeps Int64 values beyond 2^53 exact for equality and sort', async () => {
    const { driver } = env();
    const c = env().collection();
    const values = ['9007199254740993', '9007199254740994', '9007199254740995'].map((v) => driver.Long.fromString(v));
    await c.insertMany(values.map((p, i) => ({ _id: i, p })));
    const [one] = await c.find({ p: values[1] }).toArray();
    expect(one?._id).toBe(1);
    expect(String(one?.p)).toBe('9007199254740994');
    expect((await c.find({}, { sort: { p: -1 } }).toArray()).map((d) => d._id)).toEqual([2, 1, 0]);
  });

  it('finds with filter, sort, skip, limit and projection', async () => {
    const c = env().collection<{ _id: number; g: string; v: number; sub?: { x: number; y: number } }>();
    await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, g: i % 2 ? 'odd' : 'even', v: (i * 7) % 20, sub: { x: i, y: -i } })));
    const page = await c.find({ g: 'odd' }).sort({ v: -1 }).skip(2).limit(3).toArray();
    expect(page.map((d) => d.v)).toEqual([15, 13, 11]);
    const projected = await c
      .find({ _id: { $in: [1, 2] } }, { projection: { v: 1, 'sub.x': 1, _id: 0 } })
      .sort({ _id: 1 })
      .toArray();
    expect(projected).toEqual([
      { v: 7, sub: { x: 1 } },
      { v: 14, sub: { x: 2 } },
    ]);
    const excluded = await c.findOne({ _id: 3 }, { projection: { sub: 0, g: 0 } });
    expect(excluded).toEqual({ _id: 3, v: 1 });
    const ranged = await c
      .find({ v: { $gte: 5, $lt: 8 }, _id: { $ne: 5 } })
      .sort({ v: 1, _id: 1 })
      .toArray();
    expect(ranged.map((d) => [d.v, d._id])).toEqual([
      [5, 15],
      [6, 18],
      [7, 1],
    ]);
    const logical = await c.countDocuments({ $or: [{ v: 0 }, { 'sub.x': { $gt: 17 } }] });
    expect(logical).toBe(3);
  });

  it('matches array fields element-wise and with $elemMatch, $all, $size, $exists, regex', async () => {
    const c = env().collection();
    await c.insertMany([
      {
        _id: 1,
        tags: ['a', 'b'],
        items: [
          { k: 'x', q: 1 },
          { k: 'y', q: 5 },
        ],
        name: 'Alpha',
      },
      { _id: 2, tags: ['b', 'c'], items: [{ k: 'x', q: 7 }], name: 'beta' },
      { _id: 3, name: 'Gamma' },
    ]);
    const ids = async (filter: object) => (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ tags: 'b' })).toEqual([1, 2]);
    expect(await ids({ tags: 'b', $comment: 'comments never change the match' })).toEqual([1, 2]);
    expect(await ids({ tags: { $all: ['a', 'b'] } })).toEqual([1]);
    expect(await ids({ tags: { $size: 2 } })).toEqual([1, 2]);
    expect(await ids({ items: { $elemMatch: { k: 'x', q: { $gt: 3 } } } })).toEqual([2]);
    expect(await ids({ 'items.q': 5 })).toEqual([1]);
    expect(await ids({ tags: { $exists: false } })).toEqual([3]);
    expect(await ids({ name: /^[ab]/i })).toEqual([1, 2]);
    expect(await ids({ name: { $regex: 'amm' } })).toEqual([3]);
    expect(await ids({ $expr: { $gt: [{ $size: { $ifNull: ['$tags', []] } }, 1] } })).toEqual([1, 2]);
  });

  it('updates one, many, replaces and upserts', async () => {
    const c = env().collection();
    await c.insertMany([
      { _id: 1, n: 1, kind: 'a' },
      { _id: 2, n: 2, kind: 'a' },
      { _id: 3, n: 3, kind: 'b' },
    ]);
    const one = await c.updateOne({ kind: 'a' }, { $inc: { n: 10 } });
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    const many = await c.updateMany({ kind: 'a' }, { $set: { seen: true } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 2]);
    const noop = await c.updateMany({ kind: 'a' }, { $set: { seen: true } });
    expect([noop.matchedCount, noop.modifiedCount]).toEqual([2, 0]);
    const replaced = await c.replaceOne({ _id: 3 }, { only: 'this' });
    expect(replaced.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 3 })).toEqual({ _id: 3, only: 'this' });
    const upsert = await c.updateOne({ _id: 4 }, { $set: { n: 4 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(upsert.upsertedId).toBe(4);
    expect(upsert.upsertedCount).toBe(1);
    expect(await c.findOne({ _id: 4 })).toEqual({ _id: 4, n: 4, created: true });
    const again = await c.updateOne({ _id: 4 }, { $set: { n: 5 }, $setOnInsert: { created: false } }, { upsert: true });
    expect([again.matchedCount, again.upsertedCount]).toEqual([1, 0]);
    expect(await c.findOne({ _id: 4 })).toEqual({ _id: 4, n: 5, created: true });
    const byQuery = await c.updateOne({ kind: 'z', level: 2 }, { $inc: { hits: 1 } }, { upsert: true });
    const created = await c.findOne({ _id: byQuery.upsertedId as never });
    expect(created).toMatchObject({ kind: 'z', level: 2, hits: 1 });
    const replaceUpsert = await c.replaceOne({ _id: 9 }, { r: 1 }, { upsert: true });
    expect(replaceUpsert.upsertedId).toBe(9);
    expect(await c.findOne({ _id: 9 })).toEqual({ _id: 9, r: 1 });
  });

  it('deletes one and many', async () => {
    const c = env().collection();
    await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));
    expect((await c.deleteOne({ even: true })).deletedCount).toBe(1);
    expect((await c.deleteMany({ even: true })).deletedCount).toBe(4);
    expect((await c.deleteMany({ nothing: 1 })).deletedCount).toBe(0);
    expect(await c.countDocuments()).toBe(5);
  });

  it('findOneAndUpdate, findOneAndReplace and findOneAndDelete', async () => {
    const c = env().collection();
    await c.insertMany([
      { _id: 1, q: 5 },
      { _id: 2, q: 9 },
    ]);
    const before = await c.findOneAndUpdate({}, { $inc: { q: 1 } }, { sort: { q: -1 }, returnDocument: 'before' });
    expect(before).toEqual({ _id: 2, q: 9 });
    const after = await c.findOneAndUpdate({ _id: 1 }, { $inc: { q: 1 } }, { returnDocument: 'after', projection: { q: 1, _id: 0 } });
    expect(after).toEqual({ q: 6 });
    const upserted = await c.findOneAndUpdate({ _id: 3 }, { $set: { q: 0 } }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toEqual({ _id: 3, q: 0 });
    const missing = await c.findOneAndUpdate({ _id: 99 }, { $set: { q: 0 } });
    expect(missing).toBeNull();
    const replaced = await c.findOneAndReplace({ _id: 3 }, { r: true }, { returnDocument: 'after' });
    expect(replaced).toEqual({ _id: 3, r: true });
    const deleted = await c.findOneAndDelete({ q: { $gte: 6 } }, { sort: { q: 1 } });
    expect(deleted).toEqual({ _id: 1, q: 6 });
    const raw = await c.findOneAndDelete({ _id: 2 }, { includeResultMetadata: true });
    expect(raw.ok).toBe(1);
    expect(raw.value).toEqual({ _id: 2, q: 10 });
    expect(await c.countDocuments()).toBe(1);
  });

  it('counts and lists distinct values', async () => {
    const c = env().collection();
    await c.insertMany([{ t: ['x', 'y'], n: 1 }, { t: 'y', n: 2 }, { t: 'z', n: 2 }, { n: 3 }]);
    expect(await c.estimatedDocumentCount()).toBe(4);
    expect(await c.countDocuments({ n: 2 })).toBe(2);
    expect(await c.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect((await c.distinct('t')).sort()).toEqual(['x', 'y', 'z']);
    expect((await c.distinct('n', { n: { $gt: 1 } })).sort()).toEqual([2, 3]);
  });
}
