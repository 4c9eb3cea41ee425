import { Long } from 'bson';
import { expect, it } from 'vitest';
import { addNumeric, multiplyNumeric } from './int64Arithmetic.ts';

it('keeps integers exact past 2^53 and falls back to doubles like the server', () => {
  expect(addNumeric(1, 2)).toBe(3);
  expect(String(addNumeric(Number.MAX_SAFE_INTEGER, 2))).toBe('9007199254740993');
  expect(addNumeric(Long.fromString('9007199254740993'), -2)).toBe(Number.MAX_SAFE_INTEGER);
  expect(typeof addNumeric(Long.fromString('9007199254740993'), 0.5)).toBe('number');
  expect(String(multiplyNumeric(Long.fromString('4503599627370497'), 2))).toBe('9007199254740994');
  expect(multiplyNumeric(2.5, 2)).toBe(5);
});
