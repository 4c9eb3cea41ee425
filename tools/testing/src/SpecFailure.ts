import { diff } from 'jest-diff';

const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);
const pretty = (value: unknown) => JSON.stringify(value, replacer, 2) ?? 'undefined';

/**
 * A failed spec, with what was expected and what happened as a readable
 * diff in the message (any runner shows it) and as `expected`/`actual`
 * (vitest and jest render their own diff from those too).
 */
export class SpecFailure extends Error {
  override readonly name = 'SpecFailure';
  readonly expected: unknown;
  readonly actual: unknown;
  readonly showDiff = true;

  constructor(summary: string, expected: unknown, actual: unknown) {
    const expectedJson = JSON.parse(pretty(expected)) as unknown;
    const actualJson = JSON.parse(pretty(actual)) as unknown;
    const rendered = diff(expectedJson, actualJson, { aAnnotation: 'Expected', bAnnotation: 'Actual', expand: false, contextLines: 4 }) ?? '';
    super(`${summary}\n\n${rendered}`);
    this.expected = expectedJson;
    this.actual = actualJson;
  }
}
