import { expect, it } from 'vitest';
import type { Document } from 'mongodb';
import type { EnvGetter } from './defineConformanceSuite.ts';

export function updateOperatorChecks(env: EnvGetter): void {
  /** Inserts `doc` as _id 1, applies `update` (with options), returns the stored result without _id. */
  async function after(doc: Document, update: Document | Document[], options: Document = {}): Promise<Document | null> {
    const c = env().collection();
    await c.insertOne({ _id: 1, ...doc } as Document);
    await c.updateOne({ _id: 1, ...(options.query ?? {}) }, update, options.arrayFilters ? { arrayFilters: options.arrayFilters } : {});
    const stored = await c.findOne({ _id: 1 }, { projection: { _id: 0 } });
    return stored;
  }

  it('$set and $unset, including dotted and nested paths', async () => {
    expect(await after({ a: 1, b: { c: 1, d: 2 } }, { $set: { a: 2, 'b.c': 3, 'x.y.z': 1 }, $unset: { 'b.d': '' } })).toEqual({
      a: 2,
      b: { c: 3 },
      x: { y: { z: 1 } },
    });
    expect(await after({ arr: [1, 2, 3] }, { $set: { 'arr.1': 9 }, $unset: { missing: 1 } })).toEqual({ arr: [1, 9, 3] });
  });

  it('$inc, $mul, $min and $max', async () => {
    expect(await after({ n: 5, m: 2, lo: 5, hi: 5 }, { $inc: { n: -2, fresh: 3 }, $mul: { m: 2.5, none: 2 }, $min: { lo: 3 }, $max: { hi: 4 } })).toEqual({
      n: 3,
      m: 5,
      lo: 3,
      hi: 5,
      fresh: 3,
      none: 0,
    });
    expect(await after({ d: new Date(1000) }, { $max: { d: new Date(2000) } })).toEqual({ d: new Date(2000) });
  });

  it('$inc and $mul on Int64 stay exact past 2^53', async () => {
    const { driver } = env();
    const result = await after(
      { n: driver.Long.fromString('9007199254740991'), m: driver.Long.fromString('4503599627370497') },
      { $inc: { n: driver.Long.fromNumber(2) }, $mul: { m: driver.Long.fromNumber(2) } },
    );
    expect(String(result?.n)).toBe('9007199254740993');
    expect(String(result?.m)).toBe('9007199254740994');
  });

  it('$rename and $currentDate', async () => {
    const result = await after({ old: 1, keep: 2 }, { $rename: { old: 'nested.new' }, $currentDate: { at: true, ts: { $type: 'date' } } });
    expect(result?.nested).toEqual({ new: 1 });
    expect(result?.old).toBeUndefined();
    expect(result?.at).toBeInstanceOf(Date);
    expect(result?.ts).toBeInstanceOf(Date);
    const stamped = await after({}, { $currentDate: { t: { $type: 'timestamp' } } });
    expect(stamped?.t?._bsontype).toBe('Timestamp');
  });

  it('$push with $each, $position, $sort and $slice', async () => {
    expect(await after({ a: [1] }, { $push: { a: 2, b: 'new' } })).toEqual({ a: [1, 2], b: ['new'] });
    expect(await after({ a: [1, 5] }, { $push: { a: { $each: [3, 4], $position: 1 } } })).toEqual({ a: [1, 3, 4, 5] });
    expect(await after({ a: [5, 1] }, { $push: { a: { $each: [3, 9], $sort: -1, $slice: 3 } } })).toEqual({ a: [9, 5, 3] });
    expect(await after({ s: [{ v: 2 }, { v: 1 }] }, { $push: { s: { $each: [{ v: 3 }], $sort: { v: 1 }, $slice: -2 } } })).toEqual({ s: [{ v: 2 }, { v: 3 }] });
  });

  it('$addToSet, $pull, $pullAll and $pop', async () => {
    expect(await after({ t: ['a'] }, { $addToSet: { t: 'a', u: 'x' } })).toEqual({ t: ['a'], u: ['x'] });
    expect(await after({ t: ['a'] }, { $addToSet: { t: { $each: ['a', 'b', 'b'] } } })).toEqual({ t: ['a', 'b'] });
    expect(await after({ n: [1, 5, 8, 3] }, { $pull: { n: { $gte: 5 } } })).toEqual({ n: [1, 3] });
    expect(await after({ o: [{ k: 1, v: 'a' }, { k: 2 }] }, { $pull: { o: { k: 1 } } })).toEqual({ o: [{ k: 2 }] });
    expect(await after({ n: [1, 2, 1, 3] }, { $pull: { n: 1 } })).toEqual({ n: [2, 3] });
    expect(await after({ n: [1, 2, 1, 3] }, { $pullAll: { n: [1, 3] } })).toEqual({ n: [2] });
    expect(await after({ a: [1, 2, 3], b: [1, 2, 3] }, { $pop: { a: 1, b: -1 } })).toEqual({ a: [1, 2], b: [2, 3] });
  });

  it('positional $, all-positional $[] and filtered $[id] updates', async () => {
    expect(await after({ g: [1, 5, 7] }, { $set: { 'g.$': 6 } }, { query: { g: 5 } })).toEqual({ g: [1, 6, 7] });
    expect(
      await after(
        {
          items: [
            { k: 'a', q: 1 },
            { k: 'b', q: 1 },
          ],
        },
        { $inc: { 'items.$.q': 5 } },
        { query: { 'items.k': 'b' } },
      ),
    ).toEqual({
      items: [
        { k: 'a', q: 1 },
        { k: 'b', q: 6 },
      ],
    });
    expect(
      await after(
        {
          items: [
            { k: 'a', q: 1 },
            { k: 'b', q: 2 },
          ],
        },
        { $set: { 'items.$.q': 0 } },
        { query: { items: { $elemMatch: { k: 'b' } } } },
      ),
    ).toEqual({
      items: [
        { k: 'a', q: 1 },
        { k: 'b', q: 0 },
      ],
    });
    expect(await after({ g: [1, 2, 3] }, { $inc: { 'g.$[]': 10 } })).toEqual({ g: [11, 12, 13] });
    expect(await after({ g: [{ s: 80 }, { s: 95 }, { s: 90 }] }, { $set: { 'g.$[hi].top': true } }, { arrayFilters: [{ 'hi.s': { $gte: 90 } }] })).toEqual({
      g: [{ s: 80 }, { s: 95, top: true }, { s: 90, top: true }],
    });
    expect(await after({ g: [1, 5, 9] }, { $set: { 'g.$[x]': 0 } }, { arrayFilters: [{ x: { $gt: 4 } }] })).toEqual({ g: [1, 0, 0] });
  });

  it('pipeline-style updates with $set and $unset stages', async () => {
    expect(await after({ a: 2, b: 3, c: 1 }, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'c' }])).toEqual({ a: 2, b: 3, sum: 5 });
  });
}
