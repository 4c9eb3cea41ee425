/**
 * BSON comparison order, as the server applies it to sort and to index keys:
 * MinKey < null < numbers < strings < objects < arrays < binary < ObjectId <
 * booleans < dates < timestamps < regexes < MaxKey. Values of different numeric
 * BSON types compare by value, so an index never splits 1 and 1.0.
 */
export function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 2;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    case 'object':
      break;
    default:
      return 5;
  }
  if (Array.isArray(value)) return 6;
  if (value instanceof Date) return 10;
  if (value instanceof RegExp) return 12;
  switch (bsonType(value)) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

interface LongLike {
  compare(other: LongLike): number;
}

function isLong(value: unknown): value is LongLike {
  return typeof value === 'object' && value !== null && bsonType(value) === 'Long';
}

export function bsonType(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** A numeric BSON value as a JS number; Int64 beyond 2^53 loses precision, which only affects ordering ties. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const v = value as { toNumber?: () => number; valueOf?: () => unknown; toString: () => string };
  if (typeof v.toNumber === 'function') return v.toNumber();
  return Number(v.toString());
}

function compareScalars(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 13:
      return 0;
    case 3: {
      // Two Int64 beyond 2^53 (the only ones not promoted to numbers) compare exactly.
      if (isLong(a) && isLong(b)) return a.compare(b);
      const na = toNumber(a);
      const nb = toNumber(b);
      if (Number.isNaN(na)) return Number.isNaN(nb) ? 0 : -1;
      if (Number.isNaN(nb)) return 1;
      return compareScalars(na, nb);
    }
    case 4:
      return compareScalars(String(a), String(b));
    case 5:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 6:
      return compareArrays(a as unknown[], b as unknown[]);
    case 7:
      return compareBinary(a, b);
    case 8:
      return compareScalars((a as { toHexString(): string }).toHexString(), (b as { toHexString(): string }).toHexString());
    case 9:
      return compareScalars(a ? 1 : 0, b ? 1 : 0);
    case 10:
      return compareScalars((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as { compare(o: unknown): number }).compare(b);
    default:
      return compareScalars(String(a), String(b));
  }
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const fa = ka[i] as string;
    const fb = kb[i] as string;
    const va = a[fa];
    const vb = b[fb];
    const byType = typeRank(va) - typeRank(vb);
    if (byType !== 0) return byType < 0 ? -1 : 1;
    const byName = compareScalars(fa, fb);
    if (byName !== 0) return byName;
    const byValue = compareValues(va, vb);
    if (byValue !== 0) return byValue;
  }
  return compareScalars(ka.length, kb.length);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return compareScalars(a.length, b.length);
}

function compareBinary(a: unknown, b: unknown): number {
  const ba = (a as { buffer: Uint8Array; sub_type: number }).buffer;
  const bb = (b as { buffer: Uint8Array; sub_type: number }).buffer;
  if (ba.length !== bb.length) return ba.length < bb.length ? -1 : 1;
  const sa = (a as { sub_type: number }).sub_type;
  const sb = (b as { sub_type: number }).sub_type;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return Buffer.compare(Buffer.from(ba), Buffer.from(bb));
}

/** Equality as the server sees it for matching and $addToSet: same value, field order significant. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return compareValues(a, b) === 0 && typeRank(a) === typeRank(b);
}
