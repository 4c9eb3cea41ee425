import type { ValidationIssue } from './ValidationIssue.ts';

/**
 * How deep message data may nest. MongoDB refuses documents nested past 100
 * levels, view documents add a few of their own, and deep recursion in a
 * serializer can take a process down: 64 leaves room for all of that and is
 * far beyond any real message.
 */
export const MAX_JSON_DEPTH = 64;

const pointerOf = (path: readonly (string | number)[]) => path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
const pathOf = (path: readonly (string | number)[]) => ['data', ...path.map((p) => JSON.stringify(String(p)).slice(1, -1))].join('/');

/**
 * What no contract can express but every store needs: data nested at most
 * `MAX_JSON_DEPTH` levels, and object keys free of NUL bytes (a BSON key is a
 * C string). Checked before the schema, iteratively, so that data built to
 * exhaust the stack is refused instead of crashing the checker. At most one
 * issue of each kind is reported: the first found.
 */
export function jsonShapeIssues(data: unknown, maxDepth = MAX_JSON_DEPTH): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let tooDeep = false;
  let nulKey = false;
  const stack: { value: unknown; depth: number; path: (string | number)[] }[] = [{ value: data, depth: 0, path: [] }];
  while (stack.length > 0 && !(tooDeep && nulKey)) {
    const { value, depth, path } = stack.pop() as (typeof stack)[number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      if (!tooDeep) {
        tooDeep = true;
        issues.push({ path: pathOf(path), pointer: pointerOf(path), keyword: 'maxDepth', message: `${pathOf(path)} nests deeper than ${maxDepth} levels` });
      }
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push({ value: value[i], depth: depth + 1, path: [...path, i] });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (!nulKey && key.includes('\u0000')) {
        nulKey = true;
        const at = [...path, key];
        issues.push({ path: pathOf(at), pointer: pointerOf(at), keyword: 'propertyNames', message: `${pathOf(at)}: a key must not contain a NUL byte` });
      }
      stack.push({ value: child, depth: depth + 1, path: [...path, key] });
    }
  }
  return issues;
}
