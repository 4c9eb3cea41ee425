import { expect, it } from 'vitest';
import { latestImages } from './latestImages.ts';
import type { JournalRecord } from './WriteJournal.ts';

const put = (cid: number, key: string, v: number): JournalRecord => ({ kind: 'put', cid, key, bson: Uint8Array.of(v) });
const del = (cid: number, key: string): JournalRecord => ({ kind: 'delete', cid, key });

it('keeps the last image of each document, at the place of its first put', () => {
  const batch = [put(1, 'x', 1), put(1, 'y', 1), put(1, 'x', 2), put(2, 'x', 1), put(1, 'x', 3)];
  expect(latestImages(batch)).toEqual([put(1, 'x', 3), put(1, 'y', 1), put(2, 'x', 1)]);
});

it('keeps deletes in place: a put after a delete starts a new run', () => {
  const batch = [put(1, 'x', 1), put(1, 'x', 2), del(1, 'x'), put(1, 'y', 1), put(1, 'x', 3), put(1, 'x', 4)];
  expect(latestImages(batch)).toEqual([put(1, 'x', 2), del(1, 'x'), put(1, 'y', 1), put(1, 'x', 4)]);
});

it('leaves a batch without repeats as it is', () => {
  const batch = [put(1, 'a', 1), del(1, 'b'), put(2, 'a', 1)];
  expect(latestImages(batch)).toEqual(batch);
});
