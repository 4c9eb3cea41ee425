import { describeIssue } from './describeIssue.ts';
import type { RawValidationError, ValidationIssue } from './ValidationIssue.ts';

/**
 * All issues for one validation, most useful first. When a value failed a
 * oneOf, ajv also reports why it failed every branch; those branch errors are
 * noise unless no better message exists, so only the oneOf line is kept for
 * the value, plus errors elsewhere in the document.
 */
export function describeIssues(errors: readonly RawValidationError[] | null | undefined, root = 'data'): ValidationIssue[] {
  if (!errors || errors.length === 0) return [];
  const composite = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath);
  const kept = errors.filter(
    (e) => e.keyword === 'oneOf' || e.keyword === 'anyOf' || !composite.some((c) => e.instancePath === c || e.instancePath.startsWith(`${c}/`)),
  );
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of kept) {
    const issue = describeIssue(error, root);
    if (seen.has(issue.message)) continue;
    seen.add(issue.message);
    issues.push(issue);
  }
  return issues;
}
