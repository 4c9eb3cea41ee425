import { Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, serialize, Timestamp } from 'bson';
import { describe, expect, it } from 'vitest';
import { MongoCommandError } from '../MongoCommandError.ts';
import { decodeBson } from './decodeBson.ts';
import { maxWireBsonDepth, validateBson } from './validateBson.ts';

const everyType = {
  double: new Double(1.5),
  string: 'héllo',
  doc: { a: 1, nested: { b: [1, 2, { c: null }] } },
  array: [1, 'two', [3]],
  binary: new Binary(Buffer.from([1, 2, 3]), 4),
  objectId: new ObjectId(),
  bool: true,
  no: false,
  date: new Date(0),
  nothing: null,
  regex: new BSONRegExp('^a', 'i'),
  ref: new DBRef('c', new ObjectId()),
  code: new Code('x + 1'),
  scoped: new Code('x + y', { y: { z: 1 } }),
  symbol: new BSONSymbol('s'),
  int: new Int32(7),
  timestamp: new Timestamp({ t: 1, i: 2 }),
  long: Long.fromNumber(2 ** 40),
  decimal: Decimal128.fromString('1.25'),
  min: new MinKey(),
  max: new MaxKey(),
  empty: {},
};

function nested(levels: number): Record<string, unknown> {
  let doc: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < levels; i++) doc = { a: doc };
  return doc;
}

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('validateBson', () => {
  it('accepts every BSON type the driver writes and returns the exact length', () => {
    const bytes = Buffer.from(serialize(everyType));
    expect(validateBson(bytes, 0, bytes.length)).toBe(bytes.length);
    const framed = Buffer.concat([Buffer.from([9, 9, 9]), bytes, Buffer.from([7, 7])]);
    expect(validateBson(framed, 3, framed.length)).toBe(bytes.length);
  });

  it('accepts 200 nested levels below the top and refuses 201 with Overflow, as the server does', () => {
    const deepest = Buffer.from(serialize(nested(maxWireBsonDepth)));
    expect(validateBson(deepest, 0, deepest.length)).toBe(deepest.length);
    const tooDeep = Buffer.from(serialize(nested(maxWireBsonDepth + 1)));
    expect(() => validateBson(tooDeep, 0, tooDeep.length)).toThrow(
      expect.objectContaining({ code: 15, codeName: 'Overflow', message: 'BSONObj exceeds maximum nested object depth' }),
    );
  });

  it('refuses a document that does not fit where it is said to end', () => {
    const bytes = Buffer.from(serialize({ a: 'x' }));
    expect(() => validateBson(bytes, 0, bytes.length - 1)).toThrow(expect.objectContaining({ code: 22, codeName: 'InvalidBSON' }));
  });

  it('turns every truncation and corruption of a valid document into a MongoCommandError, never a crash or an overrun', () => {
    const bytes = Buffer.from(serialize(everyType));
    const next = random(42);
    const outcomes = new Set<string>();
    for (let trial = 0; trial < 3_000; trial++) {
      const copy = Buffer.from(bytes);
      const flips = 1 + Math.floor(next() * 3);
      for (let f = 0; f < flips; f++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
      const limit = trial % 3 === 0 ? Math.floor(next() * copy.length) : copy.length;
      try {
        const length = validateBson(copy, 0, limit);
        expect(length).toBeLessThanOrEqual(limit);
        decodeBson(copy.subarray(0, length));
        outcomes.add('decoded');
      } catch (error) {
        expect(error).toBeInstanceOf(MongoCommandError);
        outcomes.add((error as MongoCommandError).codeName);
      }
    }
    expect(outcomes).toContain('InvalidBSON');
  });
});
