import { describe, expect, it } from 'vitest';
import { jsonShapeIssues, MAX_JSON_DEPTH } from './jsonShapeIssues.ts';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};

describe('jsonShapeIssues', () => {
  it('accepts data up to the depth limit and refuses one level more, naming where', () => {
    expect(jsonShapeIssues({ a: nested(MAX_JSON_DEPTH - 1) })).toEqual([]);
    const [issue, ...rest] = jsonShapeIssues({ a: nested(MAX_JSON_DEPTH) });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ keyword: 'maxDepth', pointer: `/a${'/0'.repeat(MAX_JSON_DEPTH - 1)}` });
    expect(issue?.message).toMatch(/nests deeper than 64 levels$/);
  });

  it('refuses data nested far past the stack without overflowing it', () => {
    expect(jsonShapeIssues(nested(300_000))).toHaveLength(1);
  });

  it('refuses a NUL byte in a key at any depth, once, and allows one in a value', () => {
    expect(jsonShapeIssues({ a: [{ b: 'NUL \u0000 in a value is fine' }] })).toEqual([]);
    const issues = jsonShapeIssues({ a: [{ 'x\u0000': 1 }, { '\u0000y': 2 }] });
    expect(issues).toEqual([
      { path: 'data/a/0/x\\u0000', pointer: '/a/0/x\u0000', keyword: 'propertyNames', message: 'data/a/0/x\\u0000: a key must not contain a NUL byte' },
    ]);
  });

  it('reports both kinds together', () => {
    expect(
      jsonShapeIssues({ '\u0000': nested(100) })
        .map((i) => i.keyword)
        .sort(),
    ).toEqual(['maxDepth', 'propertyNames']);
  });
});
