import { expect, it } from 'vitest';
import { Collection } from '../storage/Collection.ts';
import { MemoryPersistence } from '../storage/Persistence.ts';
import { planCandidates } from './planCandidates.ts';

function collectionOf(count: number): Collection {
  const collection = new Collection(1, 'db', 'c', new MemoryPersistence());
  collection.addIndex({ name: 'k_1', key: { k: 1 } });
  collection.addIndex({ name: 'tags_1', key: { tags: 1 } });
  for (let i = 0; i < count; i++) collection.insert({ _id: i, k: i % 1000, tags: [`t${i % 7}`, `u${i % 3}`], plain: i });
  return collection;
}

const size = (docs: Iterable<unknown>) => [...docs].length;

it('reads only the documents an index selects for equality, $in and ranges', () => {
  const c = collectionOf(20_000);
  expect(size(planCandidates(c, { _id: 5 }))).toBe(1);
  expect(size(planCandidates(c, { _id: { $in: [1, 2, 99_999] } }))).toBe(2);
  expect(size(planCandidates(c, { k: 5 }))).toBe(20);
  expect(size(planCandidates(c, { k: { $in: [1, 2] } }))).toBe(40);
  expect(size(planCandidates(c, { k: { $gte: 10, $lt: 12 } }))).toBe(40);
  expect(size(planCandidates(c, { $and: [{ k: { $gt: 997 } }] }))).toBe(40);
  expect(size(planCandidates(c, { k: { $lt: 'zzz' } }))).toBe(0);
  expect(size(planCandidates(c, { plain: 5 }))).toBe(20_000);
  expect(size(planCandidates(c, { $or: [{ k: 5 }, { _id: 7 }, { k: 5 }] }))).toBe(21);
  expect(size(planCandidates(c, { $or: [{ k: 5 }, { plain: 7 }] }))).toBe(20_000);
});

it('stays correct on a multikey index by keeping one bound only', () => {
  const c = new Collection(1, 'db', 'c', new MemoryPersistence());
  c.addIndex({ name: 'a_1', key: { a: 1 } });
  c.insert({ _id: 1, a: [0, 10] });
  c.insert({ _id: 2, a: [20] });
  // The server matches [0, 10] here: 10 satisfies $gt and 0 satisfies $lt, so the candidates must keep it.
  expect([...planCandidates(c, { a: { $gt: 5, $lt: 8 } })].map((d) => d._id)).toContain(1);
});

it('reflects updates and deletes in index lookups', () => {
  const c = collectionOf(100);
  const doc = c.getById(5);
  if (!doc) throw new Error('missing');
  c.replace(doc, { ...doc, k: 5000 });
  expect([...planCandidates(c, { k: 5000 })].map((d) => d._id)).toEqual([5]);
  expect([...planCandidates(c, { k: 5 })]).toEqual([]);
  c.remove(c.getById(5) as never);
  expect([...planCandidates(c, { k: 5000 })]).toEqual([]);
});
