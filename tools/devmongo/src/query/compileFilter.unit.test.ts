import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { compileFilter } from './compileFilter.ts';
import { mingoOptions } from './mingoOptions.ts';

// The fast path must answer exactly as mingo (the general path) does.
const docs = [
  {},
  { a: 1 },
  { a: 2.5 },
  { a: 'x' },
  { a: '10' },
  { a: null },
  { a: [1, 5] },
  { a: ['a', 'z'] },
  { a: true },
  { a: { b: 1 } },
  { a: 3, p: '00000000000000000005' },
];
const filters = [
  { a: { $lt: 2 } },
  { a: { $lte: 1 } },
  { a: { $gt: 1 } },
  { a: { $gte: 2.5 } },
  { a: { $lt: 'y' } },
  { a: { $gt: '1' } },
  { a: { $eq: 'x' } },
  { a: { $ne: 1 } },
  { a: { $exists: true } },
  { a: { $exists: false } },
  { a: { $gt: 0, $lt: 3 } },
  { $or: [{ p: { $exists: false } }, { p: { $lt: '00000000000000000006' } }] },
  { a: 3, $or: [{ p: { $exists: false } }, { p: { $lt: '00000000000000000004' } }] },
  { $and: [{ a: { $gte: 1 } }, { a: { $lte: 5 } }] },
  { a: { $in: [1, 'x'] } },
  { a: { $in: [5, 'z'] } },
  { a: { $in: [2.5, true] } },
  { a: { $in: [] } },
  { a: { $in: ['10'] }, p: { $exists: true } },
];

describe('compileFilter fast path', () => {
  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('%s matches as mingo does', (_name, filter) => {
    const reference = new Query(filter, mingoOptions());
    const fast = compileFilter(filter);
    for (const doc of docs) expect(fast(doc), JSON.stringify(doc)).toBe(reference.test(doc));
  });
});
