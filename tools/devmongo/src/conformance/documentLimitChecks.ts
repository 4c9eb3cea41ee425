import { calculateObjectSize } from 'bson';
import type { MongoBulkWriteError } from 'mongodb';
import { expect, it } from 'vitest';
import type { LooseDoc } from './ConformanceEnv.ts';
import type { EnvGetter } from './defineConformanceSuite.ts';

const maxUserBytes = 16 * 1024 * 1024;
const nine = 'n'.repeat(9_000_000);

const writeErrorsOf = (error: MongoBulkWriteError) => [error.writeErrors].flat();

/** A document of `levels` object levels, the top one included (so 1 is flat). */
function nestedDoc(levels: number, top: LooseDoc = {}): LooseDoc {
  let doc: LooseDoc = { leaf: 1 };
  for (let i = 1; i < levels - 1; i++) doc = { a: doc };
  return levels === 1 ? { ...top, leaf: 1 } : { ...top, a: doc };
}

/** `{_id, s}` whose BSON size is exactly `bytes`. */
function docOfSize(id: number, bytes: number): LooseDoc {
  const overhead = calculateObjectSize({ _id: id, s: '' });
  return { _id: id, s: 's'.repeat(bytes - overhead) };
}

async function failureOf(run: () => Promise<unknown>): Promise<{ code?: unknown; codeName?: unknown; message: string }> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as { code?: unknown; codeName?: unknown; message: string };
}

/**
 * MongoDB's document limits: 16 MiB per stored document (BSON objects up to
 * 16 MiB + 16 KiB travel on the wire), 180 levels of nesting for stored
 * documents (maxBSONDepth 200 minus 20 for the server's own wrapping) and 200
 * nested levels on the wire. A refused write writes nothing, and the
 * collection stays readable.
 */
export function documentLimitChecks(env: EnvGetter): void {
  it('stores a document of exactly 16 MiB and reads it back; one byte more is BadValue and nothing is written', async () => {
    const c = env().collection();
    await c.insertOne(docOfSize(1, maxUserBytes));
    const error = await failureOf(() => c.insertOne(docOfSize(2, maxUserBytes + 1)));
    expect(error.code).toBe(2);
    expect(error.message).toContain('object to insert too large');
    const stored = await c.find().toArray();
    expect(stored.map((d) => [d._id, calculateObjectSize(d)])).toEqual([[1, maxUserBytes]]);
  });

  it('refuses a 17 MB insert as BSONObjectTooLarge (10334): it cannot even travel in a command', async () => {
    const { driver } = env();
    const c = env().collection();
    const error = await failureOf(() => c.insertOne({ _id: 1, s: 'x'.repeat(17_000_000) }));
    expect(error).toBeInstanceOf(driver.MongoServerError);
    expect([error.code, error.codeName]).toEqual([10334, 'BSONObjectTooLarge']);
    expect(await c.countDocuments()).toBe(0);
    await c.insertOne({ _id: 2 });
    expect(await c.find().toArray()).toEqual([{ _id: 2 }]);
  });

  it('refuses a second 9 MB $set on one document (10334) and keeps the document as it was', async () => {
    const c = env().collection();
    await c.insertOne({ _id: 1 });
    await c.updateOne({ _id: 1 }, { $set: { a: nine } });
    const error = await failureOf(() => c.updateOne({ _id: 1 }, { $set: { b: nine } }));
    expect(error.code).toBe(10334);
    const [stored] = await c.find().toArray();
    expect(stored && Object.keys(stored)).toEqual(['_id', 'a']);
  });

  it('refuses an update whose result is just over 16 MiB with 17419', async () => {
    const c = env().collection();
    await c.insertOne({ _id: 1, a: 'a'.repeat(8_000_000) });
    const grown = maxUserBytes + 100 - calculateObjectSize({ _id: 1, a: 'a'.repeat(8_000_000), b: '' });
    const error = await failureOf(() => c.updateOne({ _id: 1 }, { $set: { b: 'b'.repeat(grown) } }));
    expect(error.code).toBe(17419);
    expect(error.message).toContain('Resulting document after update is larger than 16777216');
    expect(await c.countDocuments({ b: { $exists: true } })).toBe(0);
  });

  it('refuses an upsert whose new document is over 16 MiB with 17420 and inserts nothing', async () => {
    const c = env().collection();
    const error = await failureOf(() => c.replaceOne({ _id: 1 }, docOfSize(1, maxUserBytes + 1), { upsert: true }));
    expect(error.code).toBe(17420);
    expect(error.message).toContain('Document to upsert is larger than 16777216');
    const byOperator = await failureOf(() => c.updateOne({ _id: 2 }, { $set: { s: 's'.repeat(maxUserBytes) } }, { upsert: true }));
    expect(byOperator.code).toBe(17420);
    expect(await c.countDocuments()).toBe(0);
  });

  it('refuses findAndModify updates and upserts past 16 MiB the same way, changing nothing', async () => {
    const c = env().collection();
    await c.insertOne({ _id: 1, a: nine });
    const grow = await failureOf(() => c.findOneAndUpdate({ _id: 1 }, { $set: { b: nine } }, { returnDocument: 'after' }));
    expect(grow.code).toBe(10334);
    const upsert = await failureOf(() => c.findOneAndUpdate({ _id: 2 }, { $set: { s: 's'.repeat(maxUserBytes) } }, { upsert: true }));
    expect(upsert.code).toBe(17420);
    expect((await c.find().toArray()).map((d) => Object.keys(d))).toEqual([['_id', 'a']]);
  });

  it('stops an ordered bulkWrite at the update that would pass 16 MiB; an unordered one goes on', async () => {
    const { driver } = env();
    for (const ordered of [true, false]) {
      const c = env().collection();
      await c.insertMany([{ _id: 'big' }, { _id: 'small' }]);
      const error = (await c
        .bulkWrite(
          [
            { updateOne: { filter: { _id: 'big' }, update: { $set: { a: nine } } } },
            { updateOne: { filter: { _id: 'big' }, update: { $set: { b: nine } } } },
            { updateOne: { filter: { _id: 'small' }, update: { $set: { touched: true } } } },
          ],
          { ordered },
        )
        .catch((e: unknown) => e)) as MongoBulkWriteError;
      expect(error).toBeInstanceOf(driver.MongoBulkWriteError);
      expect(writeErrorsOf(error).map((w) => [w.index, w.code])).toEqual([[1, 10334]]);
      expect(error.result.modifiedCount).toBe(ordered ? 1 : 2);
      const stored = await c.find({}, { sort: { _id: 1 } }).toArray();
      expect(stored.map((d) => Object.keys(d))).toEqual([['_id', 'a'], ordered ? ['_id'] : ['_id', 'touched']]);
    }
  });

  it('reads back documents that together pass 16 MiB whatever the batch size: a batch stops at 16 MiB', async () => {
    const c = env().collection();
    await c.insertMany([
      { _id: 1, s: nine },
      { _id: 2, s: nine },
      { _id: 3, s: 'small' },
    ]);
    for (const batchSize of [2, 10, 1_000]) {
      expect((await c.find({}, { batchSize, sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual([1, 2, 3]);
    }
    expect((await c.aggregate([{ $sort: { _id: 1 } }], { batchSize: 5 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3]);
  });

  it('stores 180 levels of nesting and reads them back; 181 is Overflow (15)', async () => {
    const c = env().collection();
    await c.insertOne(nestedDoc(180, { _id: 1 }));
    const error = await failureOf(() => c.insertOne(nestedDoc(181, { _id: 2 })));
    expect(error.code).toBe(15);
    expect(error.message).toContain('180 levels of nesting');
    expect((await c.find().toArray()).map((d) => d._id)).toEqual([1]);
  });

  it('refuses the too-deep document of an insertMany as a write error, with ordered and unordered semantics', async () => {
    const { driver } = env();
    for (const ordered of [true, false]) {
      const c = env().collection();
      const error = (await c.insertMany([{ _id: 1 }, nestedDoc(181, { _id: 2 }), { _id: 3 }], { ordered }).catch((e: unknown) => e)) as MongoBulkWriteError;
      expect(error).toBeInstanceOf(driver.MongoBulkWriteError);
      expect(writeErrorsOf(error).map((w) => [w.index, w.code])).toEqual([[1, 15]]);
      expect((await c.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual(ordered ? [1] : [1, 3]);
    }
  });

  it('refuses updates and upserts that nest deeper than 180 levels', async () => {
    const c = env().collection();
    await c.insertOne({ _id: 1 });
    const update = await failureOf(() => c.updateOne({ _id: 1 }, { $set: { deep: nestedDoc(180) } }));
    expect(update.code).toBe(15);
    const upsert = await failureOf(() => c.updateOne({ _id: 2 }, { $set: { deep: nestedDoc(180) } }, { upsert: true }));
    expect(upsert.code).toBe(15);
    const replace = await failureOf(() => c.findOneAndReplace({ _id: 1 }, nestedDoc(181)));
    expect(replace.code).toBe(15);
    expect(await c.find().toArray()).toEqual([{ _id: 1 }]);
  });

  it('answers a document nested 1,500 levels deep with Overflow instead of dropping the connection', async () => {
    const { driver } = env();
    const c = env().collection();
    const error = await failureOf(() => c.insertOne(nestedDoc(1_500, { _id: 1 })));
    expect(error).toBeInstanceOf(driver.MongoServerError);
    expect([error.code, error.codeName]).toEqual([15, 'Overflow']);
    expect(error.message).toContain('BSONObj exceeds maximum nested object depth');
    expect(await c.countDocuments()).toBe(0);
    expect((await env().db.command({ ping: 1 })).ok).toBe(1);
  });
}
