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
