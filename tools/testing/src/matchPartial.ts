/**
 * Whether `actual` contains `expected`: objects match when every key of the
 * expected object matches (extra actual keys are fine), arrays element by
 * element with equal length, everything else by strict equality. This lets a
 * spec state only the fields it cares about.
 */
export function matchPartial(actual: unknown, expected: unknown): boolean {
  if (expected === actual) return true;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchPartial(actual[i], e));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([k, v]) => matchPartial((actual as Record<string, unknown>)[k], v));
  }
  return Number.isNaN(expected) && Number.isNaN(actual);
}

/** The part of `actual` that `expected` talks about, so a diff shows only relevant fields. */
export function projectLike(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) return actual.map((a, i) => (i < expected.length ? projectLike(a, expected[i]) : a));
  if (
    expected !== null &&
    typeof expected === 'object' &&
    !Array.isArray(expected) &&
    actual !== null &&
    typeof actual === 'object' &&
    !Array.isArray(actual)
  ) {
    return Object.fromEntries(
      Object.keys(expected)
        .filter((k) => k in actual)
        .map((k) => [k, projectLike((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k])]),
    );
  }
  return actual;
}
