import { Binary, MaxKey, MinKey, ObjectId } from 'bson';
import { expect, it } from 'vitest';
import { compareValues, valuesEqual } from './compareValues.ts';
import { keyOf } from './keyOf.ts';

it('orders values across BSON types like the server', () => {
  const ordered = [
    new MinKey(),
    null,
    -1,
    2.5,
    'a',
    'b',
    { a: 1 },
    [1],
    new Binary(Buffer.from('x')),
    new ObjectId('000000000000000000000001'),
    false,
    true,
    new Date(0),
    new MaxKey(),
  ];
  const shuffled = [...ordered].reverse();
  expect(shuffled.sort(compareValues)).toEqual(ordered);
});

it('treats numbers by value and objects by field order', () => {
  expect(valuesEqual(1, 1.0)).toBe(true);
  expect(valuesEqual('1', 1)).toBe(false);
  expect(valuesEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
  expect(compareValues([1, 2], [1, 2, 0])).toBeLessThan(0);
});

it('derives primary keys that collide exactly for equal _ids', () => {
  const id = new ObjectId();
  expect(keyOf(id)).toBe(keyOf(new ObjectId(id.toHexString())));
  expect(keyOf(1)).not.toBe(keyOf('1'));
  expect(keyOf({ a: 1 })).not.toBe(keyOf({ a: '1' }));
  expect(keyOf(new Date(5))).toBe(keyOf(new Date(5)));
});
