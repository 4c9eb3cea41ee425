import { isCausewayError } from '@causeway/errors';
import { describe, expect, it } from 'vitest';
import { parseIfMatch } from './parseIfMatch.ts';

const codeOf = (header: string | undefined) => {
  try {
    parseIfMatch(header);
    return 'ok';
  } catch (error) {
    return isCausewayError(error) ? error.code : 'other';
  }
};

describe('parseIfMatch', () => {
  it('takes a version bare, as an ETag, or weak', () => {
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch(' W/"12" ')).toBe(12);
  });

  it('is 428 when missing and 400 when not a version', () => {
    expect(codeOf(undefined)).toBe('PRECONDITION_REQUIRED');
    expect(codeOf('  ')).toBe('PRECONDITION_REQUIRED');
    for (const bad of ['*', '0', '-1', 'abc', '"1", "2"', '1.5']) expect(codeOf(bad), bad).toBe('VALIDATION_FAILED');
  });
});
