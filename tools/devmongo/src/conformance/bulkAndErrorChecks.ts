import { expect, it } from 'vitest';
import type { MongoBulkWriteError } from 'mongodb';
import type { EnvGetter } from './defineConformanceSuite.ts';

// Driver 6 returns a lone write error unwrapped; normalise to a list.
const writeErrorsOf = (error: MongoBulkWriteError) => [error.writeErrors].flat();

export function bulkAndErrorChecks(env: EnvGetter): void {
  it('stops an ordered bulk write at the first duplicate, reporting partial results', async () => {
    const { driver } = env();
    const c = env().collection();
    await c.insertOne({ _id: 2 });
    const error = (await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]).catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(error).toBeInstanceOf(driver.MongoBulkWriteError);
    expect(error.code).toBe(11000);
    expect(error.insertedCount).toBe(1);
    expect(writeErrorsOf(error).map((w) => [w.index, w.code])).toEqual([[1, 11000]]);
    expect(await c.countDocuments()).toBe(2);
  });

  it('continues an unordered bulk write past duplicates', async () => {
    const { driver } = env();
    const c = env().collection();
    await c.insertMany([{ _id: 2 }, { _id: 4 }]);
    const error = (await c
      .insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 4 }, { _id: 5 }], { ordered: false })
      .catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(error).toBeInstanceOf(driver.MongoBulkWriteError);
    expect(error.insertedCount).toBe(3);
    expect(writeErrorsOf(error).map((w) => w.index)).toEqual([1, 3]);
    expect(await c.countDocuments()).toBe(5);
  });

  it('runs mixed bulkWrite operations and reports every count', async () => {
    const c = env().collection();
    await c.insertMany([
      { _id: 1, v: 1 },
      { _id: 2, v: 2 },
      { _id: 3, v: 3 },
    ]);
    const result = await c.bulkWrite([
      { insertOne: { document: { _id: 4, v: 4 } } },
      { updateOne: { filter: { _id: 1 }, update: { $inc: { v: 10 } } } },
      { updateOne: { filter: { _id: 9 }, update: { $set: { v: 9 } }, upsert: true } },
      { updateMany: { filter: { v: { $lt: 4 } }, update: { $set: { small: true } } } },
      { replaceOne: { filter: { _id: 4 }, replacement: { v: 40 } } },
      { deleteOne: { filter: { _id: 3 } } },
      { deleteMany: { filter: { v: { $gte: 40 } } } },
    ]);
    expect(result.insertedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedIds).toEqual({ 2: 9 });
    expect(result.matchedCount).toBe(4);
    expect(result.modifiedCount).toBe(4);
    expect(result.deletedCount).toBe(2);
    expect(await c.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 1, v: 11 },
      { _id: 2, v: 2, small: true },
      { _id: 9, v: 9 },
    ]);
  });

  it('reports partial results of an ordered bulkWrite failing midway', async () => {
    const { driver } = env();
    const c = env().collection();
    await c.createIndex({ u: 1 }, { unique: true });
    await c.insertOne({ _id: 0, u: 'taken' });
    const error = (await c
      .bulkWrite([
        { insertOne: { document: { _id: 1, u: 'a' } } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { u: 'b' } } } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { u: 'taken' } } } },
        { deleteOne: { filter: { _id: 0 } } },
      ])
      .catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(error).toBeInstanceOf(driver.MongoBulkWriteError);
    expect(error.insertedCount).toBe(1);
    expect(error.modifiedCount).toBe(1);
    expect(error.deletedCount).toBe(0);
    expect(writeErrorsOf(error).map((w) => [w.index, w.code])).toEqual([[2, 11000]]);
    expect(await c.countDocuments()).toBe(2);
  });

  it('raises 11000 for a stale conditional upsert, as projectors expect', async () => {
    const { driver } = env();
    const c = env().collection();
    await c.insertOne({ _id: 'view-1', v: 5 });
    const error = await c.updateOne({ _id: 'view-1', v: { $lt: 3 } }, { $set: { v: 3 } }, { upsert: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(driver.MongoServerError);
    expect(error).toMatchObject({ code: 11000 });
    expect(await c.findOne({ _id: 'view-1' as never })).toEqual({ _id: 'view-1', v: 5 });
  });

  it('applies a projector batch of conditional upserts, reporting stale ones as 11000 write errors', async () => {
    const { driver } = env();
    const c = env().collection();
    await c.insertMany([
      { _id: 'a', v: 5, total: 50 },
      { _id: 'b', v: 1, total: 10 },
    ]);
    // Each event carries its position v: apply only when newer, as projectors do.
    const event = (id: string, v: number, total: number) => ({
      updateOne: { filter: { _id: id, v: { $lt: v } }, update: { $set: { v, total } }, upsert: true },
    });
    const error = (await c
      .bulkWrite([event('a', 3, 30), event('b', 2, 20), event('c', 1, 1), event('a', 6, 60)], { ordered: false })
      .catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(error).toBeInstanceOf(driver.MongoBulkWriteError);
    expect(writeErrorsOf(error).map((w) => [w.index, w.code])).toEqual([[0, 11000]]);
    expect([error.result.matchedCount, error.result.modifiedCount, error.result.upsertedCount]).toEqual([2, 2, 1]);
    expect(await c.find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 'a', v: 6, total: 60 },
      { _id: 'b', v: 2, total: 20 },
      { _id: 'c', v: 1, total: 1 },
    ]);
  });

  it('answers errors with the server codes', async () => {
    const { driver } = env();
    const c = env().collection();
    await c.insertOne({ _id: 1, s: 'text', a: { b: 1 } });
    const unknownCommand = await env()
      .db.command({ definitelyNotACommand: 1 })
      .catch((e: unknown) => e);
    expect(unknownCommand).toBeInstanceOf(driver.MongoServerError);
    expect(unknownCommand).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    expect(String((unknownCommand as Error).message)).toContain('definitelyNotACommand');
    await expect(c.find({ s: { $frobnicate: 1 } }).toArray()).rejects.toMatchObject({ code: 2 });
    await expect(c.updateOne({ _id: 1 }, { $frobnicate: { s: 1 } })).rejects.toMatchObject({ code: 9 });
    await expect(c.updateOne({ _id: 1 }, { $set: { _id: 2 } })).rejects.toMatchObject({ code: 66 });
    await expect(c.updateOne({ _id: 1 }, { $set: { a: 1 }, $inc: { 'a.b': 1 } })).rejects.toMatchObject({ code: 40 });
    await expect(c.updateOne({ _id: 1 }, { $inc: { s: 1 } })).rejects.toMatchObject({ code: 14 });
    await expect(c.updateOne({ _id: 1 }, { $push: { s: 1 } } as never)).rejects.toMatchObject({ code: 2 });
    await expect(c.updateOne({ _id: 1 }, { $set: { 'arr.$[x]': 1 } })).rejects.toMatchObject({ code: 2 });
    await expect(c.updateOne({ _id: 1 }, { $set: { s: 'y' } }, { arrayFilters: [{ unused: 1 }] })).rejects.toMatchObject({ code: 9 });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'text', a: { b: 1 } });
  });

  it('applies unacknowledged (w: 0) writes sent with moreToCome', async () => {
    const c = env().collection();
    await c.insertOne({ _id: 'w0' }, { writeConcern: { w: 0 } });
    await c.updateOne({ _id: 'w0' }, { $set: { seen: 1 } }, { writeConcern: { w: 0 } });
    // No reply exists to wait for: poll until the write is visible (bounded, no timing assertion).
    let found = null;
    for (let i = 0; i < 200 && !found; i++) {
      found = await c.findOne({ _id: 'w0' as never, seen: 1 });
      if (!found) await new Promise((r) => setTimeout(r, 10));
    }
    expect(found).toEqual({ _id: 'w0', seen: 1 });
    expect((await env().db.command({ ping: 1 })).ok).toBe(1);
  });
}
