import { expect, it } from 'vitest';
import type { MongoCommandError } from '../MongoCommandError.ts';
import { applyUpdate } from './applyUpdate.ts';
import { buildUpsertDocument } from './buildUpsertDocument.ts';

const none = { query: {}, arrayFilters: [] };

it('never mutates the stored document', () => {
  const stored = { _id: 1, a: { b: [1, 2] } };
  const next = applyUpdate(stored, { $push: { 'a.b': 3 }, $set: { c: 1 } }, none, false);
  expect(stored).toEqual({ _id: 1, a: { b: [1, 2] } });
  expect(next).toEqual({ _id: 1, a: { b: [1, 2, 3] }, c: 1 });
});

it('copies only what an update writes: the stored document stays as it was, untouched branches are shared', () => {
  const stored = { _id: 1, bids: [{ amount: 1 }, { amount: 2, tags: ['x'] }], owner: { name: 'n', address: { city: 'c' } }, big: { list: [1, 2, 3] } };
  const before = structuredClone(stored);
  const positional = { query: {}, arrayFilters: [{ 'e.amount': 2 }] };
  const next = applyUpdate(
    stored,
    {
      $set: { 'bids.$[e].amount': 5, 'owner.address.city': 'd' },
      $push: { 'bids.1.tags': 'y' },
      $unset: { 'bids.0.amount': '' },
      $rename: { 'owner.name': 'owner.label' },
    },
    positional,
    false,
  );
  expect(stored).toEqual(before);
  expect(next).toEqual({ _id: 1, bids: [{}, { amount: 5, tags: ['x', 'y'] }], owner: { label: 'n', address: { city: 'd' } }, big: { list: [1, 2, 3] } });
  expect(next.big).toBe(stored.big);
  // A second update of the result leaves the first result as it was, too.
  const third = applyUpdate(next, { $pop: { 'bids.1.tags': 1 }, $inc: { 'big.list.0': 1 } }, none, false);
  expect(next).toEqual({ _id: 1, bids: [{}, { amount: 5, tags: ['x', 'y'] }], owner: { label: 'n', address: { city: 'd' } }, big: { list: [1, 2, 3] } });
  expect(third).toMatchObject({ bids: [{}, { tags: ['x'] }], big: { list: [2, 2, 3] } });
});

it('builds upserts from query equalities, with $setOnInsert and _id first', () => {
  const doc = buildUpsertDocument({ 'owner.id': 'u1', kind: { $eq: 'k' }, n: { $gt: 1 } }, { $set: { v: 1 }, $setOnInsert: { created: true } }, none);
  expect(Object.keys(doc)[0]).toBe('_id');
  expect(doc).toMatchObject({ owner: { id: 'u1' }, kind: 'k', v: 1, created: true });
  expect(doc.n).toBeUndefined();
});

it('refuses unknown modifiers and mixed documents with FailedToParse', () => {
  const codeOf = (update: unknown) => {
    try {
      applyUpdate({ _id: 1 }, update, none, false);
      return undefined;
    } catch (error) {
      return (error as MongoCommandError).codeName;
    }
  };
  expect(codeOf({ $nope: { a: 1 } })).toBe('FailedToParse');
  expect(codeOf({ $set: { a: 1 }, b: 2 })).toBe('FailedToParse');
  expect(codeOf([{ $out: 'x' }])).toBe('InvalidOptions');
});
