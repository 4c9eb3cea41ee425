import { Long } from 'bson';
import { bsonType } from '../bson/compareValues.ts';

/** The numeric values updates compute with: JS numbers, and Int64 beyond 2^53 kept as Long. */
export type Numeric = number | Long;

export function asNumeric(value: unknown): Numeric | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && bsonType(value) === 'Long') return value as Long;
  return undefined;
}

// Integers stay exact past 2^53 by switching to Int64, as the server does; a
// result back within 2^53 becomes a number again, like every value read from BSON.
function exact(result: Long): Numeric {
  const n = result.toNumber();
  return Number.isSafeInteger(n) ? n : result;
}

function isInteger(value: Numeric): boolean {
  return typeof value !== 'number' || Number.isInteger(value);
}

function combine(a: Numeric, b: Numeric, asDouble: (x: number, y: number) => number, asLong: (x: Long, y: Long) => Long): Numeric {
  if (!isInteger(a) || !isInteger(b)) return asDouble(Number(a), Number(b));
  if (typeof a === 'number' && typeof b === 'number') {
    const result = asDouble(a, b);
    if (Number.isSafeInteger(result)) return result;
  }
  return exact(asLong(Long.fromValue(a as number | Long), Long.fromValue(b as number | Long)));
}

export function addNumeric(a: Numeric, b: Numeric): Numeric {
  return combine(
    a,
    b,
    (x, y) => x + y,
    (x, y) => x.add(y),
  );
}

export function multiplyNumeric(a: Numeric, b: Numeric): Numeric {
  return combine(
    a,
    b,
    (x, y) => x * y,
    (x, y) => x.multiply(y),
  );
}
