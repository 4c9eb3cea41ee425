import { describe, expect, it } from 'vitest';
import type { ViewUpdate } from './AggregatorDefinition.ts';
import { UpdateMerger } from './UpdateMerger.ts';

const merge = (...updates: ViewUpdate[]) => {
  const merger = new UpdateMerger();
  const accepted = updates.map((u) => merger.add(u));
  return { accepted, update: merger.build() };
};

describe('UpdateMerger', () => {
  it('keeps the last $set, sums integer $inc, appends $push values, in order', () => {
    const { accepted, update } = merge(
      { $set: { balance: 1, currency: 'EUR' }, $inc: { deposits: 1 } },
      { $set: { balance: 3 }, $inc: { deposits: 1 }, $push: { log: 'a' } },
      { $set: { 'funds.EUR': 7 }, $inc: { deposits: -1 }, $push: { log: { at: 2 } } },
    );
    expect(accepted).toEqual([true, true, true]);
    expect(update).toEqual({
      $set: { balance: 3, currency: 'EUR', 'funds.EUR': 7 },
      $inc: { deposits: 1 },
      $push: { log: { $each: ['a', { at: 2 }] } },
    });
  });

  it('gives a single update back unchanged in effect', () => {
    expect(merge({ $set: { a: 1 }, $unset: { b: '' }, $push: { c: 1 } }).update).toEqual({ $set: { a: 1 }, $unset: { b: '' }, $push: { c: 1 } });
  });

  it('refuses what one update cannot reproduce exactly, and stays as it was', () => {
    const cases: [ViewUpdate, ViewUpdate][] = [
      [{ $set: { a: 1 } }, { $inc: { a: 1 } }], // one path, two operators
      [{ $set: { a: { b: 1 } } }, { $set: { 'a.b': 2 } }], // a path and its parent
      [{ $inc: { 'a.b': 1 } }, { $set: { a: 1 } }],
      [{ $inc: { n: 1 } }, { $inc: { n: 0.5 } }], // float sums could round differently
      [{ $push: { l: 1 } }, { $push: { l: { $each: [2], $slice: -5 } } }], // modifiers
      [{ $set: { a: 1 } }, { $max: { b: 1 } }], // operators not merged
      [{ $set: { a: 1 } }, { $setOnInsert: { c: 1 } }], // only the first update can insert
      [{ $set: { a: 1 } }, { $unset: { a: '' } }],
    ];
    for (const [first, second] of cases) {
      const merger = new UpdateMerger();
      expect(merger.add(first)).toBe(true);
      const before = JSON.stringify(merger.build());
      expect(merger.add(second), JSON.stringify(second)).toBe(false);
      expect(JSON.stringify(merger.build())).toBe(before);
    }
  });

  it('does not confuse paths that only share a prefix of characters', () => {
    const { accepted, update } = merge({ $set: { ab: 1 } }, { $inc: { a: 1 } }, { $set: { 'a2.x': 1 } });
    expect(accepted).toEqual([true, true, true]);
    expect(update).toEqual({ $set: { ab: 1, 'a2.x': 1 }, $inc: { a: 1 } });
  });

  it('keeps $setOnInsert of the first update', () => {
    expect(merge({ $setOnInsert: { created: 1 }, $set: { a: 1 } }, { $set: { a: 2 } }).update).toEqual({ $set: { a: 2 }, $setOnInsert: { created: 1 } });
  });

  it('refuses an $inc whose sum leaves the safe integers', () => {
    const merger = new UpdateMerger();
    expect(merger.add({ $inc: { n: Number.MAX_SAFE_INTEGER } })).toBe(true);
    expect(merger.add({ $inc: { n: 1 } })).toBe(false);
  });
});
