import { Query } from 'mingo';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import { bsonType, valuesEqual, typeRank } from '../bson/compareValues.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { mingoOptions, translateMingoError } from './mingoOptions.ts';

export type Predicate = (doc: Doc) => boolean;

/**
 * Turns a query filter into a predicate. Filters made only of top-level
 * equalities on scalars (the shape of most projector writes) skip mingo, whose
 * per-call compile cost dominates single-document operations.
 */
export function compileFilter(filter: unknown): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isPlainObject(filter)) throw new MongoCommandError('TypeMismatch', 'filter must be an object');
  if ('$comment' in filter) {
    // A query comment only labels the operation in server logs; it never changes the match.
    const { $comment: _comment, ...rest } = filter;
    return compileFilter(rest);
  }
  const keys = Object.keys(filter);
  if (keys.length === 0) return () => true;
  if (keys.every((k) => !k.startsWith('$') && !k.includes('.') && isFastScalar(filter[k]))) {
    return (doc) => keys.every((k) => fieldEquals(doc[k], filter[k]));
  }
  rejectUnsupported(filter);
  try {
    const query = new Query(filter, mingoOptions());
    return (doc) => {
      try {
        return query.test(doc);
      } catch (error) {
        return translateMingoError(error, 'query');
      }
    };
  } catch (error) {
    return translateMingoError(error, 'query');
  }
}

function isFastScalar(value: unknown): boolean {
  const rank = typeRank(value);
  // Strings, numbers, booleans, ObjectIds and dates; null, objects and arrays have extra matching rules.
  return rank === 3 || rank === 4 || rank === 8 || rank === 9 || rank === 10;
}

function fieldEquals(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((v) => valuesEqual(v, expected));
  return actual !== undefined && valuesEqual(actual, expected);
}

// Operators mingo would accept with other meanings than the server's, or that need a server feature.
const refused = new Set(['$where', '$text', '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$jsonSchema']);

function rejectUnsupported(value: unknown): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isPlainObject(value)) {
    const type = bsonType(value);
    // mingo compares these as opaque objects: a wrong answer would be silent.
    if (type === 'Long' || type === 'Decimal128') {
      throw new MongoCommandError('BadValue', `devmongo can only match ${type === 'Long' ? 'Int64 values beyond 2^53' : 'Decimal128 values'} by plain equality (store them as strings to query them otherwise)`);
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) rejectUnsupported(v);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    if (refused.has(key)) throw new MongoCommandError('BadValue', `unsupported operator in devmongo: ${key}`);
    rejectUnsupported(value[key]);
  }
}
