export type Doc = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Every value a dotted path reaches, descending into arrays the way the server
 * does for queries and multikey indexes ("a.b" over [{b:1},{b:2}] gives 1 and 2).
 * Arrays at the end are returned whole; callers expand them when they need to.
 */
export function valuesAtPath(doc: unknown, path: readonly string[], from = 0): unknown[] {
  if (from === path.length) return [doc];
  if (Array.isArray(doc)) {
    const segment = path[from] as string;
    const out: unknown[] = [];
    if (/^\d+$/.test(segment)) {
      const element = doc[Number(segment)];
      if (element !== undefined) out.push(...valuesAtPath(element, path, from + 1));
    }
    for (const element of doc) {
      if (element !== null && typeof element === 'object' && !Array.isArray(element)) {
        out.push(...valuesAtPath(element, path, from));
      }
    }
    return out;
  }
  if (doc === null || typeof doc !== 'object') return [];
  const next = (doc as Doc)[path[from] as string];
  if (next === undefined) return [];
  return valuesAtPath(next, path, from + 1);
}

/** The single value at a path without array traversal (numeric segments index arrays). */
export function getPath(doc: unknown, path: readonly string[]): unknown {
  let current: unknown = doc;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(segment)] : (current as Doc)[segment];
  }
  return current;
}

/** A structural copy that keeps BSON wrapper objects (ObjectId, Binary…) by reference; they are immutable. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const key of Object.keys(value)) out[key] = cloneValue(value[key]);
    return out as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  return value;
}
