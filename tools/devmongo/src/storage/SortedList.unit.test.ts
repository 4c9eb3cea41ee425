import { expect, it } from 'vitest';
import { SortedList } from './SortedList.ts';

it('keeps entries ordered across block splits, removals and range scans', () => {
  const list = new SortedList<number>((a, b) => a - b);
  const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
  for (const v of values) list.insert(v);
  expect(list.size).toBe(5000);
  expect([...list]).toEqual([...values].sort((a, b) => a - b));
  for (let v = 0; v < 5000; v += 2) expect(list.remove(v)).toBe(true);
  expect(list.remove(2)).toBe(false);
  expect(list.size).toBe(2500);
  expect([
    ...list.range(
      (x) => x >= 1000,
      (x) => x < 1010,
    ),
  ]).toEqual([1001, 1003, 1005, 1007, 1009]);
  expect([
    ...list.range(
      (x) => x > 10_000,
      () => true,
    ),
  ]).toEqual([]);
});
