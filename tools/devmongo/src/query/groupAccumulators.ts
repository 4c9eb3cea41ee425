import { ComputeOptions, computeValue, Context, type AccumulatorOperator, type Options } from 'mingo/core';
import { keyOf } from '../bson/keyOf.ts';

function presentValues(collection: unknown[], expr: unknown, options: Options): unknown[] {
  const out: unknown[] = [];
  // Each document becomes the expression's root, as in mingo's own accumulators.
  const computeOptions = ComputeOptions.init(options);
  for (const obj of collection) {
    const value = computeValue(obj, expr, null, computeOptions.update(obj));
    if (value !== undefined) out.push(value);
  }
  return out;
}

// The server skips missing values in $push and $addToSet and dedupes by BSON
// equality; mingo 6.7 pushes `undefined` and its $addToSet loses values that
// follow a missing one, so these two replace mingo's.
const $push: AccumulatorOperator = (collection, expr, options) => presentValues(collection, expr, options);

const $addToSet: AccumulatorOperator = (collection, expr, options) => {
  const seen = new Map<string, unknown>();
  for (const value of presentValues(collection, expr, options)) {
    const key = keyOf(value);
    if (!seen.has(key)) seen.set(key, value);
  }
  return [...seen.values()];
};

/** Operators that take precedence over mingo's global ones; everything else falls through to them. */
export const devmongoContext: Context = Context.init().addAccumulatorOps({ $push, $addToSet });
