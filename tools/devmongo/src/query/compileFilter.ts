import { Query } from 'mingo';
import { isPlainObject, type Doc } from '../bson/paths.ts';
import { bsonType, compareValues, valuesEqual, typeRank } from '../bson/compareValues.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { mingoOptions, translateMingoError } from './mingoOptions.ts';

export type Predicate = (doc: Doc) => boolean;

/**
 * Turns a query filter into a predicate. Filters made only of top-level
 * equalities on scalars (the shape of most projector writes) skip mingo, whose
 * per-call compile cost dominates single-document operations. So do the
 * conditional writes of aggregators (`{_id, $or: [{_position: {$exists:
 * false}}, {_position: {$lt: p}}]}`): every `new Query` copies mingo's whole
 * operator table, which cost more than the rest of such an update.
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
  const fast = compileSimpleFilter(filter);
  if (fast) return fast;
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

const COMPARISONS = new Set(['$eq', '$ne', '$lt', '$lte', '$gt', '$gte']);

/**
 * A predicate for filters of top-level fields with scalar equality,
 * `$in` of scalars, `$exists`, or comparisons with a string or number, combined with `$and` /
 * `$or`; undefined for anything else, which mingo then handles. Comparisons
 * follow the server: only values of the operand's type bracket match, and an
 * array field matches when one of its elements does.
 */
function compileSimpleFilter(filter: Doc): Predicate | undefined {
  const parts: Predicate[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(condition) || condition.length === 0) return undefined;
      const branches: Predicate[] = [];
      for (const branch of condition) {
        const compiled = isPlainObject(branch) ? compileSimpleFilter(branch) : undefined;
        if (!compiled) return undefined;
        branches.push(compiled);
      }
      parts.push(key === '$or' ? (doc) => branches.some((b) => b(doc)) : (doc) => branches.every((b) => b(doc)));
      continue;
    }
    if (key.startsWith('$') || key.includes('.') || key === '') return undefined;
    if (isFastScalar(condition)) {
      parts.push((doc) => fieldEquals(doc[key], condition));
      continue;
    }
    if (!isPlainObject(condition)) return undefined;
    const operators = Object.entries(condition);
    if (operators.length === 0) return undefined;
    for (const [op, operand] of operators) {
      if (op === '$exists') {
        if (typeof operand !== 'boolean') return undefined;
        parts.push((doc) => (doc[key] !== undefined) === operand);
      } else if (COMPARISONS.has(op) && (typeof operand === 'string' || (typeof operand === 'number' && !Number.isNaN(operand)))) {
        parts.push((doc) => fieldCompares(doc[key], op, operand));
      } else if (op === '$in' && Array.isArray(operand) && operand.every(isFastScalar)) {
        // Batched lookups by id (`{_id: {$in: [...]}}`) went through mingo: 6% of the server's time under load.
        parts.push((doc) => operand.some((v) => fieldEquals(doc[key], v)));
      } else {
        return undefined;
      }
    }
  }
  return (doc) => parts.every((p) => p(doc));
}

function compares(actual: unknown, op: string, operand: string | number): boolean {
  if (op === '$eq') return actual !== undefined && valuesEqual(actual, operand);
  if (op === '$ne') return actual === undefined || !valuesEqual(actual, operand);
  if (typeRank(actual) !== typeRank(operand)) return false;
  const c = compareValues(actual, operand);
  return op === '$lt' ? c < 0 : op === '$lte' ? c <= 0 : op === '$gt' ? c > 0 : c >= 0;
}

function fieldCompares(actual: unknown, op: string, operand: string | number): boolean {
  if (!Array.isArray(actual)) return compares(actual, op, operand);
  // $ne on an array field: no element equals the operand.
  if (op === '$ne') return !actual.some((v) => valuesEqual(v, operand));
  return actual.some((v) => compares(v, op, operand));
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
      throw new MongoCommandError(
        'BadValue',
        `devmongo can only match ${type === 'Long' ? 'Int64 values beyond 2^53' : 'Decimal128 values'} by plain equality (store them as strings to query them otherwise)`,
      );
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
