import { Query } from 'mingo';
import { Timestamp } from 'bson';
import { compareValues, typeRank, valuesEqual } from '../bson/compareValues.ts';
import { cloneValue, isPlainObject, type Doc } from '../bson/paths.ts';
import { MongoCommandError } from '../MongoCommandError.ts';
import { mingoOptions, translateMingoError } from '../query/mingoOptions.ts';
import { sortDocuments } from '../query/sortDocuments.ts';
import { getAt, setAt, unsetAt } from './docPaths.ts';
import { addNumeric, asNumeric, multiplyNumeric, type Numeric } from './int64Arithmetic.ts';

/** Applies one operator's argument at one concrete path of a (private, mutable) document copy. */
export type FieldOperator = (doc: Doc, path: readonly string[], argument: unknown, isInsert: boolean) => void;

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}

function requireNumericArgument(op: string, path: readonly string[], argument: unknown): Numeric {
  const numeric = asNumeric(argument);
  if (numeric === undefined) {
    const verb = op === '$inc' ? 'increment' : 'multiply';
    throw new MongoCommandError('TypeMismatch', `Cannot ${verb} with non-numeric argument: {${path.join('.')}: ${JSON.stringify(argument)}}`);
  }
  return numeric;
}

function requireNumericField(op: string, doc: Doc, path: readonly string[], current: unknown): Numeric {
  const numeric = asNumeric(current);
  if (numeric === undefined) {
    throw new MongoCommandError(
      'TypeMismatch',
      `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path[path.length - 1]}' of non-numeric type ${typeof current}`,
    );
  }
  return numeric;
}

function requireArray(doc: Doc, path: readonly string[], current: unknown): unknown[] | undefined {
  if (current === undefined) return undefined;
  if (!Array.isArray(current)) {
    throw new MongoCommandError(
      'BadValue',
      `The field '${path.join('.')}' must be an array but is of type ${current === null ? 'null' : typeof current} in document {_id: ${JSON.stringify(doc._id)}}`,
    );
  }
  return current;
}

const push: FieldOperator = (doc, path, argument) => {
  const current = requireArray(doc, path, getAt(doc, path)) ?? [];
  const modifiers = isPlainObject(argument) && '$each' in argument ? argument : undefined;
  if (modifiers) {
    for (const key of Object.keys(modifiers)) {
      if (!['$each', '$position', '$slice', '$sort'].includes(key)) throw new MongoCommandError('BadValue', `Unrecognized clause in $push: ${key}`);
    }
  }
  const each = modifiers ? modifiers.$each : [argument];
  if (!Array.isArray(each)) throw new MongoCommandError('BadValue', `The argument to $each in $push must be an array but it was of type: ${typeof each}`);
  let next = [...current];
  const position = modifiers?.$position;
  if (position === undefined) next.push(...each.map(cloneValue));
  else {
    if (!isNumber(position)) throw new MongoCommandError('BadValue', 'The value for $position must be an integer value');
    const at = position < 0 ? Math.max(0, next.length + position) : Math.min(position, next.length);
    next.splice(at, 0, ...each.map(cloneValue));
  }
  if (modifiers && '$sort' in modifiers) next = sortArray(next, modifiers.$sort);
  if (modifiers && '$slice' in modifiers) {
    const slice = modifiers.$slice;
    if (!isNumber(slice)) throw new MongoCommandError('BadValue', 'The value for $slice must be an integer value');
    next = slice >= 0 ? next.slice(0, slice) : next.slice(Math.max(0, next.length + slice));
  }
  setAt(doc, path, next);
};

function sortArray(values: unknown[], spec: unknown): unknown[] {
  if (spec === 1 || spec === -1) return [...values].sort((a, b) => compareValues(a, b) * (spec as number));
  if (isPlainObject(spec)) return sortDocuments(values as Doc[], spec);
  throw new MongoCommandError('BadValue', 'The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
}

function elementMatcher(condition: unknown): (element: unknown) => boolean {
  if (isPlainObject(condition)) {
    const operatorsOnly = Object.keys(condition).every((k) => k.startsWith('$'));
    try {
      const query = new Query(operatorsOnly ? { v: condition } : condition, mingoOptions());
      return operatorsOnly ? (e) => query.test({ v: e }) : (e) => isPlainObject(e) && query.test(e);
    } catch (error) {
      return translateMingoError(error, 'query');
    }
  }
  return (e) => valuesEqual(e, condition);
}

export const fieldOperators: Readonly<Record<string, FieldOperator>> = {
  $set: (doc, path, argument) => setAt(doc, path, cloneValue(argument)),
  $setOnInsert: (doc, path, argument, isInsert) => {
    if (isInsert) setAt(doc, path, cloneValue(argument));
  },
  $unset: (doc, path) => unsetAt(doc, path),
  $inc: (doc, path, argument) => {
    const by = requireNumericArgument('$inc', path, argument);
    const current = getAt(doc, path);
    setAt(doc, path, current === undefined ? by : addNumeric(requireNumericField('$inc', doc, path, current), by));
  },
  $mul: (doc, path, argument) => {
    const by = requireNumericArgument('$mul', path, argument);
    const current = getAt(doc, path);
    setAt(doc, path, current === undefined ? 0 : multiplyNumeric(requireNumericField('$mul', doc, path, current), by));
  },
  $min: (doc, path, argument) => {
    const current = getAt(doc, path);
    if (current === undefined || compareValues(argument, current) < 0) setAt(doc, path, cloneValue(argument));
  },
  $max: (doc, path, argument) => {
    const current = getAt(doc, path);
    if (current === undefined || compareValues(argument, current) > 0) setAt(doc, path, cloneValue(argument));
  },
  $currentDate: (doc, path, argument) => {
    const type = isPlainObject(argument) ? argument.$type : argument === true ? 'date' : undefined;
    if (type === 'date') setAt(doc, path, new Date());
    else if (type === 'timestamp') setAt(doc, path, new Timestamp({ t: Math.floor(Date.now() / 1000), i: 1 }));
    else
      throw new MongoCommandError(
        'BadValue',
        `${JSON.stringify(argument)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
      );
  },
  $push: push,
  $addToSet: (doc, path, argument) => {
    const current = requireArray(doc, path, getAt(doc, path)) ?? [];
    const each = isPlainObject(argument) && '$each' in argument ? argument.$each : [argument];
    if (!Array.isArray(each)) throw new MongoCommandError('TypeMismatch', 'The argument to $each in $addToSet must be an array');
    const next = [...current];
    for (const value of each) if (!next.some((e) => valuesEqual(e, value))) next.push(cloneValue(value));
    setAt(doc, path, next);
  },
  $pull: (doc, path, argument) => {
    const current = requireArray(doc, path, getAt(doc, path));
    if (!current) return;
    const matches = elementMatcher(argument);
    setAt(
      doc,
      path,
      current.filter((e) => !matches(e)),
    );
  },
  $pullAll: (doc, path, argument) => {
    if (!Array.isArray(argument)) throw new MongoCommandError('BadValue', `$pullAll requires an array argument but was given a ${typeof argument}`);
    const current = requireArray(doc, path, getAt(doc, path));
    if (!current) return;
    setAt(
      doc,
      path,
      current.filter((e) => !argument.some((v) => valuesEqual(e, v))),
    );
  },
  $pop: (doc, path, argument) => {
    if (argument !== 1 && argument !== -1) throw new MongoCommandError('FailedToParse', `Expected a number in: ${path.join('.')}: ${JSON.stringify(argument)}`);
    const current = requireArray(doc, path, getAt(doc, path));
    if (!current || current.length === 0) return;
    setAt(doc, path, argument === 1 ? current.slice(0, -1) : current.slice(1));
  },
};

/** $rename moves a value between two plain paths; handled apart because it touches two paths. */
export function renameField(doc: Doc, from: readonly string[], to: string): void {
  if (typeof to !== 'string' || to.length === 0)
    throw new MongoCommandError('BadValue', `The 'to' field for $rename must be a string: ${from.join('.')}: ${JSON.stringify(to)}`);
  const value = getAt(doc, from);
  if (value === undefined) return;
  if (typeRank(getAt(doc, from.slice(0, -1))) === 6)
    throw new MongoCommandError('BadValue', `The source field cannot be an array element, '${from.join('.')}' in doc with _id: ${JSON.stringify(doc._id)}`);
  unsetAt(doc, from);
  setAt(doc, to.split('.'), value);
}
