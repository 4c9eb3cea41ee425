import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, expect, it } from 'vitest';
import { spawnDevMongo, type DevMongoProcess } from './testing/devMongoProcess.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devmongo-restart-'));
const running: DevMongoProcess[] = [];

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill9();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function withClient<T>(url: string, run: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}

it('keeps every acknowledged write across kill -9 and a restart', async () => {
  const first = await spawnDevMongo(dataDir);
  running.push(first);
  await withClient(first.url, async (client) => {
    const db = client.db('app');
    const views = db.collection<{ _id: number; v: number; tag?: string }>('views');
    await views.createIndex({ tag: 1 }, { unique: true, sparse: true });
    await views.insertMany(Array.from({ length: 5000 }, (_, i) => ({ _id: i, v: 0 })));
    for (let i = 0; i < 300; i++) await views.updateOne({ _id: i }, { $inc: { v: 1 } }, { upsert: true });
    await views.bulkWrite(Array.from({ length: 500 }, (_, i) => ({ updateOne: { filter: { _id: 10_000 + i }, update: { $set: { v: 2 } }, upsert: true } })));
    await views.updateOne({ _id: 1 }, { $set: { tag: 'one' } });
    await views.deleteMany({ _id: { $gte: 4000, $lt: 5000 } });
    await db.collection('next').insertOne({ _id: 'rebuilt' as never });
    await db.collection('next').rename('current');
    await db.collection('gone').insertOne({ x: 1 });
    await db.collection('gone').drop();
    // Catalog changes fold the journal into SQLite; these last writes live only in the journal when the process dies.
    await views.updateOne({ _id: 2 }, { $set: { tag: 'two' } });
    await views.deleteOne({ _id: 3 });
    await views.insertOne({ _id: 30_000, v: 9 });
    await views.insertOne({ _id: 40_000, v: 4 }, { writeConcern: { j: true } });
  });
  await first.kill9();

  const second = await spawnDevMongo(dataDir);
  running.push(second);
  await withClient(second.url, async (client) => {
    const db = client.db('app');
    const views = db.collection<{ _id: number; v: number; tag?: string }>('views');
    expect(await views.countDocuments()).toBe(4501);
    expect(await views.findOne({ _id: 40_000 })).toEqual({ _id: 40_000, v: 4 });
    expect(await views.findOne({ _id: 2 })).toEqual({ _id: 2, v: 1, tag: 'two' });
    expect(await views.findOne({ _id: 3 })).toBeNull();
    expect(await views.findOne({ _id: 30_000 })).toEqual({ _id: 30_000, v: 9 });
    expect(await views.countDocuments({ v: 1 })).toBe(299);
    expect(await views.countDocuments({ v: 2 })).toBe(500);
    expect(await views.findOne({ _id: 1 })).toEqual({ _id: 1, v: 1, tag: 'one' });
    expect(await views.findOne({ _id: 4500 })).toBeNull();
    expect((await views.indexes()).map((i) => [i.name, i.unique ?? false])).toEqual([
      ['_id_', false],
      ['tag_1', true],
    ]);
    const duplicate = await views.insertOne({ _id: 99_999, v: 0, tag: 'one' }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect(duplicate).toMatchObject({ code: 11000 });
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['current', 'views']);
    expect(await db.collection('current').findOne({})).toEqual({ _id: 'rebuilt' });
    // Writes keep working after recovery, and natural order is still insertion order.
    await views.insertOne({ _id: 20_000, v: 3 });
    const firstThree = await views.find({}, { limit: 3 }).toArray();
    expect(firstThree.map((d) => d._id)).toEqual([0, 1, 2]);
  });
  await second.kill9();
});

it('keeps every acknowledged write when killed in the middle of a write stream', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devmongo-crash-'));
  try {
    const first = await spawnDevMongo(dir);
    running.push(first);
    const acknowledged: number[] = [];
    const client = new MongoClient(first.url, { serverSelectionTimeoutMS: 2000, maxPoolSize: 4 });
    const stream = client.db('app').collection<{ _id: number; batch?: boolean }>('stream');
    let killed: Promise<void> | undefined;
    // Four writers race the kill: single inserts and 50-document batches.
    await Promise.all(
      Array.from({ length: 4 }, async (_, writer) => {
        for (let i = 0; ; i++) {
          const id = writer * 1_000_000 + i * 100;
          try {
            if (i % 5 === 0) {
              await stream.insertMany(Array.from({ length: 50 }, (_, k) => ({ _id: id + k, batch: true })));
              for (let k = 0; k < 50; k++) acknowledged.push(id + k);
            } else {
              await stream.insertOne({ _id: id });
              acknowledged.push(id);
            }
          } catch {
            return;
          }
          if (acknowledged.length >= 3000) killed ??= first.kill9();
        }
      }),
    );
    await killed;
    await client.close().catch(() => undefined);

    const second = await spawnDevMongo(dir);
    running.push(second);
    await withClient(second.url, async (reader) => {
      const ids = new Set(
        (
          await reader
            .db('app')
            .collection<{ _id: number }>('stream')
            .find({}, { projection: { _id: 1 } })
            .toArray()
        ).map((d) => d._id),
      );
      const missing = acknowledged.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      expect(ids.size).toBeGreaterThanOrEqual(acknowledged.length);
    });
    await second.kill9();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
