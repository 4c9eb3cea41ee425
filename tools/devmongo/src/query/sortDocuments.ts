import { compareValues } from '../bson/compareValues.ts';
import { isPlainObject, valuesAtPath, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';

/**
 * Sorts like the server: BSON order, missing fields as null, and an array
 * field sorting by its smallest element ascending or its largest descending.
 */
export function sortDocuments(docs: Doc[], sort: unknown): Doc[] {
  if (sort === undefined || sort === null) return docs;
  if (!isPlainObject(sort)) throw new MongoCommandError('TypeMismatch', 'sort must be an object');
  const keys = Object.entries(sort).map(([field, direction]) => {
    if (direction !== 1 && direction !== -1) {
      throw new MongoCommandError(
        'BadValue',
        `$sort key ordering must be 1 (for ascending) or -1 (for descending); unsupported for ${field}: ${JSON.stringify(direction)}`,
      );
    }
    return { path: field.split('.'), direction };
  });
  if (keys.length === 0) return docs;
  // Natural order is the order documents come in; only its direction can be chosen.
  if (keys.length === 1 && keys[0]?.path[0] === '$natural') return keys[0].direction === 1 ? docs : [...docs].reverse();
  const decorated = docs.map((doc) => ({ doc, values: keys.map((k) => sortValue(doc, k.path, k.direction)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.values[i], b.values[i]);
      if (c !== 0) return c * (keys[i] as { direction: number }).direction;
    }
    return 0;
  });
  return decorated.map((d) => d.doc);
}

function sortValue(doc: Doc, path: readonly string[], direction: number): unknown {
  const found = valuesAtPath(doc, path).flatMap((v) => (Array.isArray(v) ? (v.length === 0 ? [undefined] : v) : [v]));
  if (found.length === 0) return null;
  let best = found[0];
  for (const value of found) {
    const c = compareValues(value, best);
    if (direction === 1 ? c < 0 : c > 0) best = value;
  }
  return best ?? null;
}
