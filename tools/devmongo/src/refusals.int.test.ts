import { BSONRegExp, Long, MongoClient, MongoServerError, type Db } from 'mongodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevMongo, type DevMongo } from './startDevMongo.ts';

// What devmongo deliberately does not do must fail loudly, in the server's error shape.
let server: DevMongo;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  server = await startDevMongo();
  client = new MongoClient(server.url);
  db = client.db('refusals');
  await db.collection('c').insertOne({ _id: 1 as never, a: [1, 2], s: 'x' });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function failure(run: () => Promise<unknown>): Promise<MongoServerError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

it('names an unknown command', async () => {
  const error = await failure(() => db.command({ serverStatus: 1 }));
  expect([error.code, error.codeName]).toEqual([59, 'CommandNotFound']);
  expect(error.message).toContain("'serverStatus'");
});

it('refuses unknown command fields instead of ignoring them', async () => {
  const error = await failure(() => db.command({ find: 'c', filter: {}, frobnicate: true }));
  expect(error.code).toBe(40415);
  expect(error.message).toContain('find.frobnicate');
});

it('names refused query operators and stages', async () => {
  expect((await failure(() => db.collection('c').find({ $where: 'true' }).toArray())).message).toContain('$where');
  expect(
    (
      await failure(() =>
        db
          .collection('c')
          .find({ $text: { $search: 'x' } })
          .toArray(),
      )
    ).message,
  ).toContain('$text');
  const out = await failure(() =>
    db
      .collection('c')
      .aggregate([{ $out: 'copy' }])
      .toArray(),
  );
  expect([out.code, out.message.includes('$out')]).toEqual([2, true]);
  const expr = await failure(() =>
    db
      .collection('c')
      .aggregate([{ $project: { y: { $frobnicate: 1 } } }])
      .toArray(),
  );
  expect(expr.message).toContain('$frobnicate');
});

it('refuses regex options and syntax JavaScript cannot honour, and keeps the connection', async () => {
  const extended = await failure(() =>
    db
      .collection('c')
      .find({ s: new BSONRegExp('x # comment', 'x') })
      .toArray(),
  );
  expect([extended.code, extended.message.includes("'x'")]).toEqual([2, true]);
  expect(
    (
      await failure(() =>
        db
          .collection('c')
          .find({ s: new BSONRegExp('(?i)X', '') })
          .toArray(),
      )
    ).code,
  ).toBe(2);
  expect(await db.collection('c').countDocuments({ s: new BSONRegExp('^X$', 'i') })).toBe(1);
  expect((await db.command({ ping: 1 })).ok).toBe(1);
});

it('refuses range queries on Int64 values beyond 2^53 rather than answering wrongly', async () => {
  const big = Long.fromString('9007199254740993');
  await db.collection('longs').insertOne({ p: big });
  expect((await db.collection('longs').find({ p: big }).toArray()).length).toBe(1);
  const error = await failure(() =>
    db
      .collection('longs')
      .find({ p: { $gt: big } })
      .toArray(),
  );
  expect([error.code, error.message.includes('Int64')]).toEqual([2, true]);
});

it('refuses non-simple collation, let variables, explain and positional projection', async () => {
  expect(
    (
      await failure(() =>
        db
          .collection('c')
          .find({}, { collation: { locale: 'fr' } })
          .toArray(),
      )
    ).code,
  ).toBe(2);
  expect((await failure(() => db.collection('c').find({}).project({ 'a.$': 1 }).toArray())).code).toBe(2);
  expect((await failure(() => db.command({ aggregate: 'c', pipeline: [], explain: true }))).code).toBe(2);
  expect((await failure(() => db.collection('c').updateOne({ _id: 1 as never }, { $set: { s: 'y' } }, { let: { v: 1 } }))).code).toBe(2);
});

it('refuses index types and options it cannot honour', async () => {
  expect((await failure(() => db.collection('c').createIndex({ s: 1 }, { expireAfterSeconds: 60 }))).code).toBe(72);
  expect((await failure(() => db.collection('c').createIndex({ s: 'text' }))).code).toBe(2);
  expect((await failure(() => db.collection('c').createIndex({ s: 1 }, { partialFilterExpression: { s: 'x' } }))).message).toContain('partialFilterExpression');
});

it('refuses collection options (capped, validators, views…) by name', async () => {
  const error = await failure(() => db.createCollection('capped', { capped: true, size: 4096 }));
  expect([error.code, error.message.includes("'capped'")]).toEqual([72, true]);
});

it('refuses transactions like a standalone server', async () => {
  const session = client.startSession();
  try {
    session.startTransaction();
    const error = await db
      .collection('c')
      .insertOne({ t: 1 }, { session })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Error);
    await session.abortTransaction().catch(() => undefined);
  } finally {
    await session.endSession();
  }
  expect(await db.collection('c').countDocuments({ t: 1 })).toBe(0);
});
