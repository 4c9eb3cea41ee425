import { describe, expect, it } from 'vitest';
import { checkDocumentLimits, maxDocumentDepth } from './checkDocumentLimits.ts';

/** `levels` levels of documents or arrays, the top one included, ending in `leaf`. */
function nest(levels: number, leaf: unknown, array = false): Record<string, unknown> {
  let value: unknown = leaf;
  for (let i = 1; i < levels; i++) value = array ? [value] : { a: value };
  return { top: value };
}

describe('checkDocumentLimits nesting', () => {
  it('counts arrays like documents and stops at 180 levels, the top included', () => {
    expect(() => checkDocumentLimits(nest(maxDocumentDepth, 1), 'insert')).not.toThrow();
    expect(() => checkDocumentLimits(nest(maxDocumentDepth, 1, true), 'update')).not.toThrow();
    expect(() => checkDocumentLimits(nest(maxDocumentDepth + 1, 1), 'insert')).toThrow(expect.objectContaining({ code: 15 }));
    expect(() => checkDocumentLimits(nest(maxDocumentDepth + 1, 1, true), 'upsert')).toThrow(expect.objectContaining({ code: 15 }));
  });

  it('does not count empty documents and arrays, as the server does not', () => {
    expect(() => checkDocumentLimits(nest(maxDocumentDepth, {}), 'insert')).not.toThrow();
    expect(() => checkDocumentLimits(nest(maxDocumentDepth, []), 'update')).not.toThrow();
    expect(() => checkDocumentLimits(nest(maxDocumentDepth, { x: 1 }), 'update')).toThrow(expect.objectContaining({ codeName: 'Overflow' }));
  });

  it('checks documents far deeper than the stack allows recursion for', () => {
    expect(() => checkDocumentLimits(nest(100_000, 1), 'update')).toThrow(expect.objectContaining({ code: 15 }));
  });
});
